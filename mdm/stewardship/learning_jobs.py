"""Learning from stewards in the background. Learning reads and prepares every active record of
the entity (the population its model scores among), which takes minutes at a million records:
more than a request may take. A caller asks for it and gets a job at once; a worker (a thread of
this process when no broker is configured) runs it and the caller polls the job.

At most one learning waits or runs per entity: asking again while one does returns that one.
The runner holds the job's row locked for the whole learning, so a job left running that no
transaction holds was abandoned by a process that stopped: the next ask marks it failed and
starts a new one. A job delivered twice runs once."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

from mdm.domain.entities import schema_for
from mdm.domain.errors import NotFoundError
from mdm.repositories.learning_jobs import LearningJob
from mdm.resolve.lookup import NoModelError, no_model
from mdm.runtime import Runtime
from mdm.stewardship.learning import (
    LearningReport,
    NothingToLearnError,
    learn,
    report_of,
    teaching,
)
from mdm.unit_of_work import UnitOfWork

__all__ = [
    "ABANDONED",
    "LearningJob",
    "NothingToLearnError",
    "ask",
    "job",
    "latest",
    "learning_of",
    "run",
]

log = logging.getLogger(__name__)

STARTING = timedelta(seconds=60)
"""How long a runner may take between marking a job running and holding it: a running job no
one holds is abandoned only once it started longer ago than this."""

ABANDONED = "the process running it stopped before it ended"


def ask(uow: UnitOfWork, entity: str, user: str) -> tuple[LearningJob, bool]:
    """A learning of ``entity``'s model for ``user``: the one waiting or running, else a new
    queued one; and whether it must be handed to a runner (new, or waiting with no runner
    known). Refused at once when there is no model or no decision to learn from."""
    state = teaching(uow, entity)
    if state.model_version is None:
        raise no_model(entity, stored=uow.models.version(entity) is not None)
    if not (state.merges or state.not_a_match):
        raise NothingToLearnError(
            f"no steward has decided a pair of {entity} records yet: merges and 'not a match' "
            "decisions in the review queue are what the model learns from"
        )
    now = datetime.now(UTC)
    unheld = uow.models.unheld_learning(entity)
    if unheld is not None and unheld.state == "queued":
        return unheld, True
    if unheld is not None and unheld.started_at and now - unheld.started_at > STARTING:
        uow.models.finish_learning(unheld.id, now, error=ABANDONED)
    queued = uow.models.queue_learning(entity, user, now)
    if queued is not None:
        return queued, True
    running = uow.models.active_learning(entity)
    if running is None:  # it ended between the two statements: ask again
        return ask(uow, entity, user)
    return running, False


def run(runtime: Runtime, job_id: uuid.UUID) -> LearningJob | None:
    """Run the job ``job_id`` unless it ended or another runner holds it; the job as it ended
    (None when this runner did not run it)."""
    with runtime.unit_of_work() as uow:
        uow.models.start_learning(job_id, datetime.now(UTC))
    error: str | None = None
    try:
        with runtime.unit_of_work() as uow:
            if not uow.models.hold_learning(job_id):
                return None
            found = uow.models.learning_job(job_id)
            assert found is not None
            report = learn(uow, found.entity, found.requested_by)
            uow.models.finish_learning(
                job_id, datetime.now(UTC), model_version=report.model_version
            )
    except (NoModelError, NothingToLearnError) as exc:
        error = str(exc)
    except Exception as exc:  # the caller polls the job: it must say that it failed and why
        log.exception("learning %s failed", job_id)
        error = f"{type(exc).__name__}: {exc}"
    if error is not None:
        with runtime.unit_of_work() as uow:
            if uow.models.hold_learning(job_id):
                uow.models.finish_learning(job_id, datetime.now(UTC), error=error)
    with runtime.unit_of_work() as uow:
        return uow.models.learning_job(job_id)


def job(uow: UnitOfWork, entity: str, job_id: str) -> LearningJob:
    """The entity's learning job ``job_id``; NotFoundError when there is none."""
    schema_for(entity)
    try:
        parsed = uuid.UUID(job_id)
    except ValueError:
        parsed = None
    found = uow.models.learning_job(parsed) if parsed else None
    if found is None or found.entity != entity:
        raise NotFoundError(f"no {entity} learning {job_id}")
    return found


def latest(uow: UnitOfWork, entity: str) -> LearningJob | None:
    """The entity's most recently asked-for learning job."""
    return uow.models.latest_learning_job(entity)


def learning_of(uow: UnitOfWork, found: LearningJob) -> LearningReport | None:
    """What a finished job's learning changed (None until it is done)."""
    if found.model_version is None:
        return None
    row = uow.models.learning_of(found.entity, found.model_version)
    return None if row is None else report_of(row)
