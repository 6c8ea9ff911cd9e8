"""The merge queue: review tasks filtered and ordered by business impact, then age."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.errors import ConflictError, NotFoundError
from mdm.domain.members import MemberVersion
from mdm.golden.history import audit
from mdm.golden.locks import lock_entity
from mdm.repositories import golden as golden_repo
from mdm.repositories import systems
from mdm.stewardship.views import RecordView, TaskSummary, TaskView

LABEL = "COALESCE(v.canonical->>'name', v.canonical->>'legal_name', v.canonical->>'full_name', concat_ws(' ', v.canonical->>'first_name', v.canonical->>'last_name'), v.canonical->>'role', r.source_id)"

TASKS_SQL = f"""
WITH t AS (
    SELECT t.id, t.entity, t.status, l.probability, t.assignee, t.created_at, t.version, t.priority,
           l.left_record_id AS lid, l.right_record_id AS rid
    FROM review_task t JOIN match_link l ON l.id = t.link_id
    WHERE (CAST(:status AS text) IS NULL OR t.status = :status)
      AND (CAST(:entity AS text) IS NULL OR t.entity = :entity)
      AND (CAST(:assignee AS text) IS NULL OR t.assignee = :assignee)
      AND (CAST(:pmin AS float8) IS NULL OR l.probability >= :pmin)
      AND (CAST(:pmax AS float8) IS NULL OR l.probability <= :pmax)
      AND (CAST(:before AS timestamptz) IS NULL OR t.created_at <= :before)
), rates AS (
    SELECT rc.system_id, rv.canonical->>'customer_source_id' AS customer, count(*) AS n
    FROM source_record rc
    JOIN source_record_version rv ON rv.source_record_id = rc.id AND rv.version_no = rc.version_no
    WHERE rc.entity = 'rate_card' AND NOT rc.is_deleted
      AND COALESCE(rv.canonical->>'effective_to', '9999') >= to_char(now(), 'YYYY-MM-DD')
    GROUP BY 1, 2
), side AS (
    SELECT r.id, s.name AS system, {LABEL} AS label, x.golden_id
    FROM source_record r JOIN source_system s ON s.id = r.system_id
    JOIN source_record_version v ON v.source_record_id = r.id AND v.version_no = r.version_no
    LEFT JOIN xref x ON x.source_record_id = r.id AND x.valid_to IS NULL
    WHERE r.id IN (SELECT lid FROM t UNION SELECT rid FROM t)
)
SELECT t.id, t.entity, t.status, t.probability, a.label, b.label, a.system, b.system, t.assignee,
       t.created_at,
       (SELECT count(DISTINCT sr.system_id) + COALESCE(sum(rt.n), 0)
          FROM xref x2 JOIN source_record sr ON sr.id = x2.source_record_id
          LEFT JOIN rates rt ON rt.system_id = sr.system_id AND rt.customer = sr.source_id
         WHERE x2.valid_to IS NULL AND x2.golden_id IN (a.golden_id, b.golden_id))::int AS impact,
       t.version
FROM t JOIN side a ON a.id = t.lid JOIN side b ON b.id = t.rid
WHERE (CAST(:system AS text) IS NULL OR a.system = :system OR b.system = :system)
ORDER BY impact DESC, t.created_at, t.priority DESC, t.id
LIMIT :limit OFFSET :offset
"""


def list_tasks(
    session: Session, *, entity: str | None = None, system: str | None = None,
    min_probability: float | None = None, max_probability: float | None = None,
    older_than_days: int | None = None, assignee: str | None = None, status: str | None = "open",
    limit: int = 50, offset: int = 0,
) -> list[TaskSummary]:  # fmt: skip
    before = datetime.now(UTC) - timedelta(days=older_than_days) if older_than_days else None
    params = {
        "status": status, "entity": entity, "assignee": assignee, "pmin": min_probability,
        "pmax": max_probability, "before": before, "system": system, "limit": limit, "offset": offset,
    }  # fmt: skip
    return [TaskSummary(*row) for row in session.execute(text(TASKS_SQL), params)]


def queue_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        text("SELECT entity, count(*) FROM review_task WHERE status = 'open' GROUP BY entity")
    )
    return {entity: int(n) for entity, n in rows}


RECORD_SQL = """
SELECT r.id, s.name, r.source_id, r.updated_at, v.canonical, x.golden_id
FROM source_record r JOIN source_system s ON s.id = r.system_id
JOIN source_record_version v ON v.source_record_id = r.id AND v.version_no = r.version_no
LEFT JOIN xref x ON x.source_record_id = r.id AND x.valid_to IS NULL
WHERE r.id = :id
"""


def record_view(session: Session, record_id: int) -> RecordView:
    row = session.execute(text(RECORD_SQL), {"id": record_id}).one()
    golden_id = None if row[5] is None else str(row[5])
    return RecordView(row[0], row[1], row[2], row[3], row[4], golden_id)


def get_task(session: Session, task_id: int) -> TaskView:
    row = session.execute(
        text(
            "SELECT t.id, t.entity, t.status, l.probability, t.version, t.assignee, t.comment, "
            "t.created_at, t.decided_by, l.left_record_id, l.right_record_id, l.explanation "
            "FROM review_task t JOIN match_link l ON l.id = t.link_id WHERE t.id = :id"
        ),
        {"id": task_id},
    ).one_or_none()
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
    entity = session.execute(
        text("SELECT entity FROM review_task WHERE id = :id"), {"id": task_id}
    ).scalar()
    if entity is not None:
        lock_entity(session, entity)
    row = session.execute(
        text(
            "SELECT t.id, t.entity, t.status, t.version, t.decided_by, l.id, l.left_record_id, "
            "l.right_record_id FROM review_task t JOIN match_link l ON l.id = t.link_id "
            "WHERE t.id = :id FOR UPDATE OF t"
        ),
        {"id": task_id},
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"no review task {task_id}")
    task = dict(
        zip(
            ("id", "entity", "status", "version", "decided_by", "link_id", "left", "right"),
            row,
            strict=True,
        )
    )
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
    session.execute(
        text("UPDATE review_task SET assignee = :a, version = version + 1 WHERE id = :id"),
        {"a": assignee, "id": task_id},
    )
    audit(session, actor=user, action="task.assign", subject_type="review_task", subject_id=str(task_id),
          before={"assignee": None, "version": task["version"]}, after={"assignee": assignee})  # fmt: skip


def source_system_names(session: Session) -> list[str]:
    """The systems records come from, for the queue's filter."""
    return sorted(systems.names_by_id(session).values())


def golden_members(session: Session, golden_id: uuid.UUID) -> list[MemberVersion]:
    """The current source records of a golden record, with the ids a split needs."""
    return golden_repo.members_of(session, [golden_id])[golden_id]
