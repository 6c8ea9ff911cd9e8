"""`POST /v1/{entity}/model/learn`: the entity's matching model re-estimated from the
stewards' decisions (a new model version) and what changed; `GET /v1/{entity}/model/learnings`:
the learnings so far, latest first."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from mdm.api.access import GOVERNED_RESPONSES, caller, governed
from mdm.api.dependencies import REQUEST_UOW
from mdm.api.schemas import ErrorOut
from mdm.auth.api_keys import ApiKey
from mdm.stewardship.learning import LearningReport, learn, learnings
from mdm.unit_of_work import UnitOfWork

learning = APIRouter(
    prefix="/v1", tags=["matching"], dependencies=governed("admin"), responses=GOVERNED_RESPONSES
)
reading = APIRouter(
    prefix="/v1", tags=["matching"], dependencies=governed("read"), responses=GOVERNED_RESPONSES
)


class ThresholdsOut(BaseModel):
    upper: float = Field(description="pairs at or above link automatically")
    lower: float = Field(description="pairs at or below are distinct; between: review")


class LevelChangeOut(BaseModel):
    comparison: str
    level: str
    old_weight: float = Field(description="match weight (bits) before learning")
    new_weight: float = Field(description="match weight (bits) after learning")
    matches: int = Field(description="decided pairs at this level that stewards merged")
    non_matches: int = Field(description="decided pairs at this level said to be no match")


class LearningOut(BaseModel):
    entity: str
    model_version: int
    learned_at: datetime
    learned_by: str
    matches: int = Field(description="merges learnt from")
    non_matches: int = Field(description="'not a match' decisions learnt from")
    thresholds_before: ThresholdsOut
    thresholds_after: ThresholdsOut
    changes: list[LevelChangeOut] = Field(description="every comparison level but Null")


class LearningsOut(BaseModel):
    learnings: list[LearningOut]


def _out(report: LearningReport) -> LearningOut:
    old, new = report.old_thresholds, report.new_thresholds
    return LearningOut(
        entity=report.entity,
        model_version=report.model_version,
        learned_at=report.learned_at,
        learned_by=report.learned_by,
        matches=report.matches,
        non_matches=report.non_matches,
        thresholds_before=ThresholdsOut(upper=old.upper, lower=old.lower),
        thresholds_after=ThresholdsOut(upper=new.upper, lower=new.lower),
        changes=[LevelChangeOut(**vars(change)) for change in report.changes],
    )


@learning.post(
    "/{entity}/model/learn",
    response_model=LearningOut,
    responses={
        409: {
            "model": ErrorOut,
            "description": "Nothing matched yet (no model), or no steward decision to learn from.",
        }
    },
)
def learn_model(
    entity: str,
    uow: UnitOfWork = REQUEST_UOW,
    key: ApiKey = Depends(caller),
) -> LearningOut:
    """Every merge and 'not a match' a steward decided re-estimates the model's m and
    thresholds; the decisions themselves stay as they are. Records matched from now on are
    scored with the new version."""
    return _out(learn(uow, entity, f"key:{key.name}"))


@reading.get("/{entity}/model/learnings", response_model=LearningsOut)
def list_learnings(
    entity: str,
    uow: UnitOfWork = REQUEST_UOW,
    limit: int = Query(default=20, ge=1, le=100),
) -> LearningsOut:
    return LearningsOut(learnings=[_out(r) for r in learnings(uow, entity, limit)])
