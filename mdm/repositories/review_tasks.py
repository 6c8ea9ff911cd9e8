"""Review tasks: the merge queue (filtered, ordered by business impact, then age), a task
with its pair, the locks and version checks of a decision, and what a decision writes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.entities import SCHEMAS
from mdm.repositories.fragments import RECORD, current_version, live, live_xref, name_of

# a record as the queue names it: the first of its entity's search names it holds, else its key
# (the queue lists every entity: a field of another entity is absent, so NULL)
_NAMES = dict.fromkeys(
    name_of("v.canonical", name) for schema in SCHEMAS.values() for name in schema.search.names
)
LABEL = f"COALESCE({', '.join(_NAMES)}, r.source_id)"

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
    {current_version("rc", "rv")}
    WHERE rc.entity = 'rate_card' AND NOT rc.is_deleted
      AND COALESCE(rv.canonical->>'effective_to', '9999') >= to_char(now(), 'YYYY-MM-DD')
    GROUP BY 1, 2
), side AS (
    SELECT r.id, s.name AS system, {LABEL} AS label, x.golden_id
    FROM {RECORD} {live_xref(outer=True)}
    WHERE r.id IN (SELECT lid FROM t UNION SELECT rid FROM t)
)
SELECT t.id, t.entity, t.status, t.probability, a.label, b.label, a.system, b.system, t.assignee,
       t.created_at,
       (SELECT count(DISTINCT sr.system_id) + COALESCE(sum(rt.n), 0)
          FROM xref x2 JOIN source_record sr ON sr.id = x2.source_record_id
          LEFT JOIN rates rt ON rt.system_id = sr.system_id AND rt.customer = sr.source_id
         WHERE {live("x2")} AND x2.golden_id IN (a.golden_id, b.golden_id))::int AS impact,
       t.version
FROM t JOIN side a ON a.id = t.lid JOIN side b ON b.id = t.rid
WHERE (CAST(:system AS text) IS NULL OR a.system = :system OR b.system = :system)
ORDER BY impact DESC, t.created_at, t.priority DESC, t.id
LIMIT :limit OFFSET :offset
"""


def task_rows(
    session: Session, *, status: str | None, entity: str | None, assignee: str | None,
    min_probability: float | None, max_probability: float | None, before: datetime | None,
    system: str | None, limit: int, offset: int,
) -> list[Any]:  # fmt: skip
    """The queue's rows, as TaskSummary takes them."""
    params = {
        "status": status, "entity": entity, "assignee": assignee, "pmin": min_probability,
        "pmax": max_probability, "before": before, "system": system, "limit": limit, "offset": offset,
    }  # fmt: skip
    return list(session.execute(text(TASKS_SQL), params).all())


def open_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        text("SELECT entity, count(*) FROM review_task WHERE status = 'open' GROUP BY entity")
    )
    return {entity: int(n) for entity, n in rows}


RECORD_SQL = f"""
SELECT r.id, s.name, r.source_id, r.updated_at, v.canonical, x.golden_id, v.invalid
FROM {RECORD} {live_xref(outer=True)}
WHERE r.id = :id
"""


def record_row(session: Session, record_id: int) -> Any:
    """A record of a pair: id, system, source id, updated at, canonical values, golden id,
    and the values its version could not read (field -> why)."""
    return session.execute(text(RECORD_SQL), {"id": record_id}).one()


def task_row(session: Session, task_id: int) -> Any | None:
    return session.execute(
        text(
            "SELECT t.id, t.entity, t.status, l.probability, t.version, t.assignee, t.comment, "
            "t.created_at, t.decided_by, l.left_record_id, l.right_record_id, l.explanation "
            "FROM review_task t JOIN match_link l ON l.id = t.link_id WHERE t.id = :id"
        ),
        {"id": task_id},
    ).one_or_none()


def entity_of_task(session: Session, task_id: int) -> str | None:
    return session.execute(
        text("SELECT entity FROM review_task WHERE id = :id"), {"id": task_id}
    ).scalar()


TASK_FIELDS = ("id", "entity", "status", "version", "decided_by", "link_id", "left", "right")


def lock_task_row(session: Session, task_id: int) -> dict[str, Any] | None:
    """The task row locked for a decision (its fields named as TASK_FIELDS), or None."""
    row = session.execute(
        text(
            "SELECT t.id, t.entity, t.status, t.version, t.decided_by, l.id, l.left_record_id, "
            "l.right_record_id FROM review_task t JOIN match_link l ON l.id = t.link_id "
            "WHERE t.id = :id FOR UPDATE OF t"
        ),
        {"id": task_id},
    ).one_or_none()
    return None if row is None else dict(zip(TASK_FIELDS, row, strict=True))


def set_assignee(session: Session, task_id: int, assignee: str | None) -> None:
    session.execute(
        text("UPDATE review_task SET assignee = :a, version = version + 1 WHERE id = :id"),
        {"a": assignee, "id": task_id},
    )


def settle(
    session: Session, task_id: int, link_id: int, status: str, decision: str | None, user: str,
    comment: str | None,
) -> None:  # fmt: skip
    """Close the task with ``status``; a ``decision`` also becomes the link's."""
    session.execute(
        text(
            "UPDATE review_task SET status = :s, decided_by = :u, decided_at = now(), "
            "comment = COALESCE(:c, comment), version = version + 1 WHERE id = :id"
        ),
        {"s": status, "u": user, "c": comment, "id": task_id},
    )
    if decision:
        session.execute(
            text(
                "UPDATE match_link SET decision = :d, decided_by = :u, updated_at = now() WHERE id = :id"
            ),
            {"d": decision, "u": user, "id": link_id},
        )


def pair_of(session: Session, task_id: int) -> Any | None:
    """(entity, left record id, right record id) of a task's link."""
    return session.execute(
        text(
            "SELECT t.entity, l.left_record_id, l.right_record_id FROM review_task t JOIN match_link l ON l.id = t.link_id WHERE t.id = :id"
        ),
        {"id": task_id},
    ).one_or_none()


OPEN_PAIRS_SQL = f"""
SELECT t.id, t.version, lv.canonical, rv.canonical
FROM review_task t JOIN match_link l ON l.id = t.link_id
JOIN source_record lr ON lr.id = l.left_record_id {current_version("lr", "lv")}
JOIN source_record rr ON rr.id = l.right_record_id {current_version("rr", "rv")}
WHERE t.status = 'open' AND t.entity = :e ORDER BY t.id
"""


def open_pairs(session: Session, entity: str) -> list[Any]:
    """(task id, version, left canonical values, right canonical values) of open tasks."""
    return list(session.execute(text(OPEN_PAIRS_SQL), {"e": entity}).all())


def open_versions(session: Session, task_ids: Sequence[int]) -> dict[int, int]:
    """The current version of each task of ``task_ids`` still open."""
    rows = session.execute(
        text("SELECT id, version FROM review_task WHERE status = 'open' AND id = ANY(:ids)"),
        {"ids": list(task_ids)},
    )
    return {task_id: version for task_id, version in rows}


_UNDECIDED = f"""
{{near}}SELECT t.id, l.probability, xl.golden_id, xr.golden_id
FROM {{links}} JOIN review_task t ON t.link_id = l.id
JOIN xref xl ON xl.source_record_id = l.left_record_id AND {live("xl")}
JOIN xref xr ON xr.source_record_id = l.right_record_id AND {live("xr")}
WHERE t.entity = :e AND t.status IN ('open', 'deferred')
ORDER BY t.id
"""
UNDECIDED_GOLDENS_SQL = _UNDECIDED.format(near="", links="match_link l")
# the links with an end in a golden record that holds one of :ids now, found through the
# indexes from those records, so the queue as a whole is not read (materialised: whatever
# the statistics say, the few links found lead, not the queue)
_NEAR_LINKS = f"""WITH members AS MATERIALIZED (
    SELECT m.source_record_id AS rid FROM xref x
    JOIN xref m ON m.golden_id = x.golden_id AND {live("m")}
    WHERE x.source_record_id = ANY(:ids) AND {live("x")}
), near AS MATERIALIZED (
    SELECT k.id FROM members JOIN match_link k ON k.left_record_id = members.rid
    UNION SELECT k.id FROM members JOIN match_link k ON k.right_record_id = members.rid
)
"""
NEAR_UNDECIDED_GOLDENS_SQL = _UNDECIDED.format(
    near=_NEAR_LINKS, links="near JOIN match_link l ON l.id = near.id"
)


def undecided_goldens(
    session: Session, entity: str, near: Sequence[int] | None = None
) -> list[Any]:
    """(task id, probability, left golden id, right golden id) of every open or deferred task
    of ``entity`` whose records both have golden records; with ``near``, only the tasks with
    a record in a golden record that holds one of the records ``near`` now."""
    if near is None:
        return list(session.execute(text(UNDECIDED_GOLDENS_SQL), {"e": entity}).all())
    params = {"e": entity, "ids": list(near)}
    return list(session.execute(text(NEAR_UNDECIDED_GOLDENS_SQL), params).all())


def supersede(session: Session, reasons: dict[int, str], now: datetime, actor: str) -> list[int]:
    """Close undecided tasks as ``superseded`` with the reason each no longer needs a steward,
    each with its audit entry, in one statement; the ids actually closed (a task decided
    meanwhile stays as it is)."""
    if not reasons:
        return []
    ids = sorted(reasons)
    rows = session.execute(
        text(
            """
            WITH closed AS (
                UPDATE review_task t SET status = 'superseded', decided_by = :actor,
                       decided_at = :now, comment = p.why, version = t.version + 1
                FROM unnest(CAST(:ids AS bigint[]), CAST(:whys AS text[])) AS p(id, why)
                WHERE t.id = p.id AND t.status IN ('open', 'deferred')
                RETURNING t.id, p.why
            )
            INSERT INTO audit_event (at, actor, action, subject_type, subject_id, reason, after)
            SELECT :now, :actor, 'task.superseded', 'review_task', id::text, why,
                   '{"status": "superseded"}'::jsonb FROM closed
            RETURNING subject_id
            """
        ),
        {"ids": ids, "whys": [reasons[i] for i in ids], "now": now, "actor": actor},
    )
    return sorted(int(r[0]) for r in rows)
