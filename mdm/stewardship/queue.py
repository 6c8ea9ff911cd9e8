"""The merge queue: review tasks filtered and ordered by business impact, then age."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from mdm.domain.errors import ConflictError, NotFoundError
from mdm.domain.members import MemberVersion
from mdm.stewardship.views import RecordView, TaskSummary, TaskView
from mdm.unit_of_work import UnitOfWork


def list_tasks(
    uow: UnitOfWork, *, entity: str | None = None, system: str | None = None,
    min_probability: float | None = None, max_probability: float | None = None,
    older_than_days: int | None = None, assignee: str | None = None, status: str | None = "open",
    limit: int = 50, offset: int = 0,
) -> list[TaskSummary]:  # fmt: skip
    before = datetime.now(UTC) - timedelta(days=older_than_days) if older_than_days else None
    rows = uow.matches.task_rows(status=status, entity=entity, assignee=assignee, min_probability=min_probability,
        max_probability=max_probability, before=before, system=system, limit=limit, offset=offset,
    )  # fmt: skip
    return [TaskSummary(*row) for row in rows]


def queue_counts(uow: UnitOfWork) -> dict[str, int]:
    return uow.matches.open_counts()


def record_view(uow: UnitOfWork, record_id: int) -> RecordView:
    row = uow.matches.task_record_row(record_id)
    golden_id = None if row[5] is None else str(row[5])
    return RecordView(row[0], row[1], row[2], row[3], row[4], golden_id, dict(row[6]))


def get_task(uow: UnitOfWork, task_id: int) -> TaskView:
    row = uow.matches.task_row(task_id)
    if row is None:
        raise NotFoundError(f"no review task {task_id}")
    left, right = record_view(uow, row[9]), record_view(uow, row[10])
    task_id, entity, status, probability, version, assignee, comment, created, decided_by = row[:9]
    return TaskView(
        task_id, entity, status, probability, version, assignee, comment, created, decided_by,
        left=left, right=right, explanation=row[11],
    )  # fmt: skip


def lock_task(uow: UnitOfWork, task_id: int, expected_version: int) -> dict[str, Any]:
    """Lock an undecided task at the version the steward saw, or say who decided first."""
    entity = uow.matches.entity_of_task(task_id)
    if entity is not None:
        uow.golden.lock_entity(entity)
    task = uow.matches.lock_task_row(task_id)
    if task is None:
        raise NotFoundError(f"no review task {task_id}")
    if task["version"] != expected_version:
        who = f" by {task['decided_by']}" if task["decided_by"] else ""
        raise ConflictError(
            f"someone else changed this task first: it is now {task['status']}{who}"
        )
    return task


def claim(uow: UnitOfWork, task_id: int, user: str, expected_version: int) -> None:
    assign(uow, task_id, user, user, expected_version)


def assign(
    uow: UnitOfWork, task_id: int, assignee: str | None, user: str, expected_version: int
) -> None:
    task = lock_task(uow, task_id, expected_version)
    uow.matches.set_assignee(task_id, assignee)
    uow.events.audit(actor=user, action="task.assign", subject_type="review_task", subject_id=str(task_id),
          before={"assignee": None, "version": task["version"]}, after={"assignee": assignee})  # fmt: skip


def source_system_names(uow: UnitOfWork) -> list[str]:
    """The systems records come from, for the queue's filter."""
    return sorted(uow.systems.names_by_id().values())


def golden_members(uow: UnitOfWork, golden_id: uuid.UUID) -> list[MemberVersion]:
    """The current source records of a golden record, with the ids a split needs."""
    return uow.golden.members_of([golden_id])[golden_id]
