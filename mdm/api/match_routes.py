"""`POST /v1/{entity}/match`: does this record already exist? Ranked candidates, nothing written."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from mdm.api.access import GOVERNED_RESPONSES, governed
from mdm.api.dependencies import REQUEST_UOW
from mdm.api.field_routes import unknown_field_reason
from mdm.api.schemas import ErrorOut
from mdm.domain.entities import schema_for
from mdm.domain.issues import FieldIssue
from mdm.metrics.instruments import MATCH_SECONDS
from mdm.resolve.lookup import Candidate, InvalidRecordError, find_matches
from mdm.unit_of_work import UnitOfWork

router = APIRouter(
    prefix="/v1",
    tags=["matching"],
    dependencies=governed("match"),
    responses=GOVERNED_RESPONSES,
)


class MatchRequest(BaseModel):
    record: dict[str, str] = Field(
        description="Canonical field names to values: GET /v1/{entity}/fields lists them."
    )
    limit: int = Field(default=10, ge=1, le=100)


class MatchCandidate(BaseModel):
    golden_id: str
    probability: float
    decision: str
    explanation: dict[str, Any]


class MatchResponse(BaseModel):
    candidates: list[MatchCandidate]


@router.post(
    "/{entity}/match",
    response_model=MatchResponse,
    responses={409: {"model": ErrorOut, "description": "Nothing matched yet: no model."}},
)
def match_record(entity: str, body: MatchRequest, uow: UnitOfWork = REQUEST_UOW) -> Response:
    schema = schema_for(entity)
    unknown = sorted(k for k in body.record if not schema.is_field(k))
    if unknown:
        issues = tuple(FieldIssue(k, unknown_field_reason(entity, k)) for k in unknown)
        raise InvalidRecordError(issues)
    uow.read_outside_transactions()  # find_matches reads in one statement and writes nothing
    with MATCH_SECONDS.labels(entity, "lookup").time():
        found = find_matches(uow, entity, body.record, limit=body.limit)
    return _answer(found)


def _answer(found: list[Candidate]) -> Response:
    """The body ``MatchResponse`` describes (the OpenAPI document still names it), written
    straight from the candidates rather than built as the model and validated a second time."""
    candidates = [
        {
            "golden_id": str(c.golden_id),
            "probability": float(c.probability),
            "decision": str(c.decision),
            "explanation": c.explanation,
        }
        for c in found
    ]
    body = orjson.dumps({"candidates": candidates}, option=orjson.OPT_SERIALIZE_NUMPY)
    return Response(body, media_type="application/json")
