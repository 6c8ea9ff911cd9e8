"""`GET /v1/{entity}/golden/{id}/trace`: from each member's extract file and line (or API
call) and ingest run, through the match decisions and golden versions, to the events and each
system's delivery."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from mdm.api.access import GOVERNED_RESPONSES, governed
from mdm.api.dependencies import REQUEST_UOW
from mdm.api.golden_routes import NOT_FOUND, parse_id
from mdm.golden.trace import trace_golden
from mdm.unit_of_work import UnitOfWork

router = APIRouter(
    prefix="/v1",
    tags=["golden records"],
    dependencies=governed("read"),
    responses=GOVERNED_RESPONSES,
)


class OriginOut(BaseModel):
    version: int
    received_at: datetime
    ingest_run: int | None  # null: written through the API
    file: str | None
    line: int | None
    tombstone: bool
    constants: dict[str, str]  # what the run's mapping gave every row, not the file's content


class MemberOut(BaseModel):
    system: str
    source_id: str
    joined_at: datetime
    left_at: datetime | None
    versions: list[OriginOut]


class TraceOut(BaseModel):
    golden_id: uuid.UUID
    members: list[MemberOut]
    decisions: list[dict[str, Any]]  # probability, decision, who, when, the pair
    versions: list[dict[str, Any]]  # version, status, at, changed_by, reason
    events: list[dict[str, Any]]  # CloudEvents id, type, sequence, feed position
    deliveries: list[dict[str, Any]]  # per system: status, versions, attempts, errors


@router.get("/{entity}/golden/{golden_id}/trace", response_model=TraceOut, responses=NOT_FOUND)
def golden_trace(entity: str, golden_id: str, uow: UnitOfWork = REQUEST_UOW) -> TraceOut:
    """Everything that made this golden record what it is, and where it went."""
    return TraceOut.model_validate(asdict(trace_golden(uow, entity, parse_id(entity, golden_id))))
