"""Learnings from stewards' decisions asked for through the API or the UI and run in the
background: at most one waits or runs per entity (a unique index), and the one that runs holds
its row locked for its whole transaction, so a row left 'running' that nobody holds locked was
abandoned by a process that stopped."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

COLUMNS = (
    "id, entity, requested_by, requested_at, started_at, finished_at, state, model_version, error"
)
ACTIVE = "state IN ('queued', 'running')"


@dataclass(frozen=True)
class LearningJob:
    id: uuid.UUID
    entity: str
    requested_by: str
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    state: str
    """queued, running, done or failed"""
    model_version: int | None
    """the model version the learning made (done only)"""
    error: str | None
    """why it failed (failed only)"""

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


def _job(row: object) -> LearningJob:
    return LearningJob(**row._mapping)  # type: ignore[attr-defined]


def queue(session: Session, entity: str, user: str, now: datetime) -> LearningJob | None:
    """A new queued job for ``entity``; None when one already waits or runs."""
    row = session.execute(
        text(
            f"INSERT INTO learning_job (id, entity, requested_by, requested_at) "
            f"VALUES (:id, :e, :u, :now) ON CONFLICT (entity) WHERE {ACTIVE} DO NOTHING "
            f"RETURNING {COLUMNS}"
        ),
        {"id": uuid.uuid4(), "e": entity, "u": user, "now": now},
    ).one_or_none()
    return None if row is None else _job(row)


def _one(session: Session, condition: str, params: dict[str, object]) -> LearningJob | None:
    """The job ``condition`` selects (SQL after FROM learning_job), or None."""
    row = session.execute(
        text(f"SELECT {COLUMNS} FROM learning_job {condition}"), params
    ).one_or_none()
    return None if row is None else _job(row)


def unheld_active(session: Session, entity: str) -> LearningJob | None:
    """The entity's waiting or running job when no transaction holds it (a running one is
    then abandoned), locked until this transaction ends; None when there is none or it is
    held."""
    where = f"WHERE entity = :e AND {ACTIVE} FOR UPDATE SKIP LOCKED"
    return _one(session, where, {"e": entity})


def active(session: Session, entity: str) -> LearningJob | None:
    return _one(session, f"WHERE entity = :e AND {ACTIVE}", {"e": entity})


def get(session: Session, job_id: uuid.UUID) -> LearningJob | None:
    return _one(session, "WHERE id = :id", {"id": job_id})


def latest(session: Session, entity: str) -> LearningJob | None:
    where = "WHERE entity = :e ORDER BY requested_at DESC LIMIT 1"
    return _one(session, where, {"e": entity})


def start(session: Session, job_id: uuid.UUID, now: datetime) -> bool:
    """Mark a queued job running; False when it is not queued (another runner took it, or it
    ended)."""
    found = session.execute(
        text(
            "UPDATE learning_job SET state = 'running', started_at = :now "
            "WHERE id = :id AND state = 'queued' RETURNING id"
        ),
        {"id": job_id, "now": now},
    ).one_or_none()
    return found is not None


def hold_running(session: Session, job_id: uuid.UUID) -> bool:
    """Lock a running job's row until this transaction ends; False when it is not running or
    another transaction holds it."""
    found = session.execute(
        text(
            "SELECT id FROM learning_job WHERE id = :id AND state = 'running' "
            "FOR UPDATE SKIP LOCKED"
        ),
        {"id": job_id},
    ).one_or_none()
    return found is not None


def finish(
    session: Session,
    job_id: uuid.UUID,
    now: datetime,
    *,
    model_version: int | None = None,
    error: str | None = None,
) -> None:
    """End a job: done with the model version it made, or failed with why."""
    session.execute(
        text(
            "UPDATE learning_job SET state = :state, finished_at = :now, "
            "model_version = :version, error = :error WHERE id = :id"
        ),
        {
            "id": job_id, "now": now, "version": model_version, "error": error,
            "state": "failed" if error is not None else "done",
        },
    )  # fmt: skip
