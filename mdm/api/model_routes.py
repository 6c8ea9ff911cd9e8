"""`POST /v1/{entity}/model/learn`: the entity's matching model re-estimated from the
stewards' decisions (a new model version), in the background: the answer is the job, which
`GET /v1/{entity}/model/learn/{job_id}` shows until it is done, with what changed;
`GET /v1/{entity}/model/learnings`: the learnings so far, latest first."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Response
from pydantic import BaseModel, Field

from mdm.api.access import GOVERNED_RESPONSES, caller, governed
from mdm.api.dependencies import REQUEST_UOW, runtime_dependency
from mdm.api.schemas import ErrorOut
from mdm.auth.api_keys import ApiKey
from mdm.runtime import Runtime
from mdm.stewardship import learning_jobs
from mdm.stewardship.learning import LearningReport, learnings
from mdm.stewardship.learning_jobs import LearningJob
from mdm.tasks.dispatch import request_learning
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


class LearningJobOut(BaseModel):
    id: str = Field(description="the job's id (opaque)")
    entity: str
    state: str = Field(description="queued, running, done or failed")
    requested_by: str
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str | None = Field(description="why it failed (failed only)")
    status_url: str = Field(description="where to poll the job")
    learning: LearningOut | None = Field(description="what the learning changed (done only)")


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


def _job_out(job: LearningJob, report: LearningReport | None) -> LearningJobOut:
    return LearningJobOut(
        id=str(job.id), entity=job.entity, state=job.state, requested_by=job.requested_by,
        requested_at=job.requested_at, started_at=job.started_at, finished_at=job.finished_at,
        error=job.error, status_url=_status_url(job),
        learning=None if report is None else _out(report),
    )  # fmt: skip


def _status_url(job: LearningJob) -> str:
    return f"/v1/{job.entity}/model/learn/{job.id}"


@learning.post(
    "/{entity}/model/learn",
    status_code=202,
    response_model=LearningJobOut,
    responses={
        409: {
            "model": ErrorOut,
            "description": "Nothing matched yet (no model), or no steward decision to learn from.",
        }
    },
)
def learn_model(
    entity: str,
    response: Response,
    tasks: BackgroundTasks,
    uow: UnitOfWork = REQUEST_UOW,
    runtime: Runtime = Depends(runtime_dependency),
    key: ApiKey = Depends(caller),
) -> LearningJobOut:
    """Every merge and 'not a match' a steward decided re-estimates the model's m and
    thresholds; the decisions themselves stay as they are. Learning reads every record of the
    entity, so it runs in the background: the answer is the job (poll its `status_url`), and
    asking while one waits or runs answers that one. Records matched once it is done are
    scored with the new version."""
    job, start = learning_jobs.ask(uow, entity, f"key:{key.name}")
    if start:
        tasks.add_task(request_learning, runtime, job.id)
    response.headers["Location"] = _status_url(job)
    return _job_out(job, None)


@reading.get(
    "/{entity}/model/learn/{job_id}",
    response_model=LearningJobOut,
    responses={404: {"model": ErrorOut, "description": "No such learning of this entity."}},
)
def learning_job(entity: str, job_id: str, uow: UnitOfWork = REQUEST_UOW) -> LearningJobOut:
    """A learning asked for: queued, running, failed (and why) or done (and what changed)."""
    job = learning_jobs.job(uow, entity, job_id)
    return _job_out(job, learning_jobs.learning_of(uow, job))


@reading.get("/{entity}/model/learnings", response_model=LearningsOut)
def list_learnings(
    entity: str,
    uow: UnitOfWork = REQUEST_UOW,
    limit: int = Query(default=20, ge=1, le=100),
) -> LearningsOut:
    return LearningsOut(learnings=[_out(r) for r in learnings(uow, entity, limit)])
