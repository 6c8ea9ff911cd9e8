"""The merge queue: review tasks filtered and ordered by business impact, then age."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from mdm.domain.errors import ConflictError, NotFoundError
from mdm.domain.members import MemberVersion
from mdm.repositories import golden as golden_repo
from mdm.repositories import review_tasks, systems
from mdm.repositories.history import audit
from mdm.repositories.locks import lock_entity
from mdm.stewardship.views import RecordView, TaskSummary, TaskView


def list_tasks(
    session: Session, *, entity: str | None = None, system: str | None = None,
    min_probability: float | None = None, max_probability: float | None = None,
    older_than_days: int | None = None, assignee: str | None = None, status: str | None = "open",
    limit: int = 50, offset: int = 0,
) -> list[TaskSummary]:  # fmt: skip
    before = datetime.now(UTC) - timedelta(days=older_than_days) if older_than_days else None
    rows = review_tasks.task_rows(
        session, status=status, entity=entity, assignee=assignee, min_probability=min_probability,
        max_probability=max_probability, before=before, system=system, limit=limit, offset=offset,
    )  # fmt: skip
    return [TaskSummary(*row) for row in rows]


def queue_counts(session: Session) -> dict[str, int]:
    return review_tasks.open_counts(session)


def record_view(session: Session, record_id: int) -> RecordView:
    row = review_tasks.record_row(session, record_id)
    golden_id = None if row[5] is None else str(row[5])
    return RecordView(row[0], row[1], row[2], row[3], row[4], golden_id)


def get_task(session: Session, task_id: int) -> TaskView:
    row = review_tasks.task_row(session, task_id)
    if row is None:
        raise NotFoundError(f"no review task {task_id}")
    left, right = record_view(session, row[9]), record_view(session, row[10])
    task_id, entity, status, probability, version, assignee, comment, created, decided_by = row[:9]
    return TaskView(
        task_id, entity, status, probability, version, assignee, comment, created, decided_by,
        left=left, right=right, explanation=row[11],
    )  # fmt: skip


def lock_task(session: Session, task_id: int, expected_version: int) -> dict[str, Any]:
    """Lock an undecided task at the version the steward saw, or say who decided first."""
    entity = review_tasks.entity_of_task(session, task_id)
    if entity is not None:
        lock_entity(session, entity)
    task = review_tasks.lock_task_row(session, task_id)
    if task is None:
        raise NotFoundError(f"no review task {task_id}")
    if task["version"] != expected_version:
        who = f" by {task['decided_by']}" if task["decided_by"] else ""
        raise ConflictError(
            f"someone else changed this task first: it is now {task['status']}{who}"
        )
    return task


def claim(session: Session, task_id: int, user: str, expected_version: int) -> None:
    assign(session, task_id, user, user, expected_version)


def assign(
    session: Session, task_id: int, assignee: str | None, user: str, expected_version: int
) -> None:
    task = lock_task(session, task_id, expected_version)
    review_tasks.set_assignee(session, task_id, assignee)
    audit(session, actor=user, action="task.assign", subject_type="review_task", subject_id=str(task_id),
          before={"assignee": None, "version": task["version"]}, after={"assignee": assignee})  # fmt: skip


def source_system_names(session: Session) -> list[str]:
    """The systems records come from, for the queue's filter."""
    return sorted(systems.names_by_id(session).values())


def golden_members(session: Session, golden_id: uuid.UUID) -> list[MemberVersion]:
    """The current source records of a golden record, with the ids a split needs."""
    return golden_repo.members_of(session, [golden_id])[golden_id]
