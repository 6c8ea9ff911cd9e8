"""What a load did to one source's records: which golden records they joined, which wait for
review, which golden values changed, and which rate lines disagree with another system's."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.repositories.fragments import current_version, live, live_xref, referenced


@dataclass(frozen=True)
class RecordOutcome:
    record_id: int
    source_id: str
    golden_id: uuid.UUID | None
    joins_existing: bool  # its golden record holds a record this run did not write
    review_probability: float | None  # its most likely open review link, if any
    review_partner: str | None  # "system/source_id" of that link's other record


def _written(v: str) -> str:
    """The condition that the version ``v`` is a record's version the run ``:run`` wrote."""
    return f"{v}.ingest_run_id = :run AND NOT {v}.is_tombstone"


# The run's records (``mine``) are read from versions written in the same transaction as a
# dry run's or a load's report, which the planner's statistics do not count yet: it takes
# them for one row. So each step goes from a record to what it needs through an index (its
# links by either side, its golden record's members, each member's versions of the run), and
# never scans ``mine`` once per row of something else.
_RUN_OUTCOMES = f"""
WITH mine AS (
    SELECT DISTINCT v.source_record_id AS rid FROM source_record_version v WHERE {_written("v")}
), ends AS (  -- each link of a record of the run, from that record: one join per side
    SELECT m.rid, l.id, l.probability, l.right_record_id AS other
    FROM mine m JOIN match_link l ON l.left_record_id = m.rid
    UNION ALL
    SELECT m.rid, l.id, l.probability, l.left_record_id
    FROM mine m JOIN match_link l ON l.right_record_id = m.rid
), review AS (
    SELECT DISTINCT ON (e.rid) e.rid, e.probability, os.name || '/' || o.source_id AS partner
    FROM ends e
    JOIN review_task t ON t.link_id = e.id AND t.status = 'open'
    JOIN source_record o ON o.id = e.other
    JOIN source_system os ON os.id = o.system_id
    ORDER BY e.rid, e.probability DESC, e.id
)
SELECT s.id, s.source_id, x.golden_id,
       EXISTS (SELECT 1 FROM xref o WHERE o.golden_id = x.golden_id AND {live("o")}
               AND NOT EXISTS (SELECT 1 FROM source_record_version w
                               WHERE w.source_record_id = o.source_record_id AND {_written("w")})),
       r.probability, r.partner
FROM mine m
JOIN source_record s ON s.id = m.rid
{live_xref("s", outer=True)}
LEFT JOIN review r ON r.rid = s.id
ORDER BY s.id
"""


def run_outcomes(session: Session, run_id: int) -> list[RecordOutcome]:
    """Every record an ingest run wrote (not tombstoned), as matching left it."""
    rows = session.execute(text(_RUN_OUTCOMES), {"run": run_id}).all()
    return [
        RecordOutcome(rid, source_id, golden, bool(joins), p, partner)
        for rid, source_id, golden, joins, p, partner in rows
    ]


@dataclass(frozen=True)
class GoldenChange:
    golden_id: uuid.UUID
    before: dict[str, Any]
    after: dict[str, Any]
    lineage: dict[str, Any]


def golden_changes(
    session: Session, golden_ids: Sequence[uuid.UUID], before: datetime
) -> list[GoldenChange]:
    """Active golden records among ``golden_ids`` that existed ``before``, with their
    attributes then and now (and the lineage of now)."""
    rows = session.execute(
        text(
            """
            SELECT g.id, prev.attributes, g.attributes, g.lineage
            FROM golden_record g
            JOIN LATERAL (SELECT v.attributes FROM golden_version v
                          WHERE v.golden_id = g.id AND v.valid_from < :before
                          ORDER BY v.version DESC LIMIT 1) prev ON true
            WHERE g.id = ANY(:ids) AND g.status = 'active'
            """
        ),
        {"ids": list(golden_ids), "before": before},
    ).all()
    return [GoldenChange(g, dict(b or {}), dict(a or {}), dict(li or {})) for g, b, a, li in rows]


@dataclass(frozen=True)
class RateConflict:
    line: str  # source_id of the system's line
    other: str  # "system/source_id" of the other system's line
    customer: str | None  # the customer's golden id (None: a line for no customer)
    role: str
    currency: str
    unit: str
    rate: str
    other_rate: str
    period: tuple[str, str | None]
    other_period: tuple[str, str | None]


_RATE_LINES = f"""
SELECT s.id, s.system_id, s.source_id, v.canonical AS c, cx.golden_id AS customer
FROM source_record s
{current_version("s")}
{referenced("customer_source_id", "customer", r="s", x="cx")}
WHERE s.entity = 'rate_card' AND NOT s.is_deleted
"""

_RATE_CONFLICTS = f"""
WITH lines AS ({_RATE_LINES})
SELECT a.source_id, os.name || '/' || b.source_id, a.customer,
       a.c->>'role', a.c->>'currency', coalesce(a.c->>'unit', 'hour'),
       a.c->>'rate', b.c->>'rate', a.c->>'effective_from', a.c->>'effective_to',
       b.c->>'effective_from', b.c->>'effective_to'
FROM lines a
JOIN lines b ON b.system_id <> a.system_id
 AND (a.customer = b.customer
      OR (a.c->>'customer_source_id' IS NULL AND b.c->>'customer_source_id' IS NULL))
 AND lower(a.c->>'role') = lower(b.c->>'role')
 AND a.c->>'currency' = b.c->>'currency'
 AND coalesce(a.c->>'unit', 'hour') = coalesce(b.c->>'unit', 'hour')
 AND (a.c->>'level' IS NULL OR b.c->>'level' IS NULL
      OR lower(a.c->>'level') = lower(b.c->>'level'))
 AND daterange((a.c->>'effective_from')::date, (a.c->>'effective_to')::date, '[]')
  && daterange((b.c->>'effective_from')::date, (b.c->>'effective_to')::date, '[]')
 AND (a.c->>'rate')::numeric <> (b.c->>'rate')::numeric
JOIN source_system os ON os.id = b.system_id
WHERE a.system_id = :system AND (CAST(:run AS bigint) IS NULL OR EXISTS (
    SELECT 1 FROM source_record_version rv WHERE rv.source_record_id = a.id
    AND rv.ingest_run_id = :run))
ORDER BY a.source_id, 2
"""


def rate_conflicts(
    session: Session, system_id: int, run_id: int | None = None
) -> list[RateConflict]:
    """Rate lines of the system (of one ingest run of it, when ``run_id`` is given) against
    every other system's current lines: same customer, role, currency, unit, level when both
    give one, overlapping periods, and another rate."""
    rows = session.execute(text(_RATE_CONFLICTS), {"system": system_id, "run": run_id}).all()
    return [_conflict(r) for r in rows]


def _conflict(r: Any) -> RateConflict:
    return RateConflict(
        line=r[0], other=r[1], customer=str(r[2]) if r[2] else None, role=r[3],
        currency=r[4], unit=r[5], rate=r[6], other_rate=r[7], period=(r[8], r[9]),
        other_period=(r[10], r[11]),
    )  # fmt: skip


def golden_ids_by_key(
    session: Session, system: str, entity: str, source_ids: Sequence[str]
) -> dict[str, uuid.UUID | None]:
    """source_id -> the golden record holding that record of ``system`` now (None: the record
    exists but has none, e.g. it waits for matching or was deleted); unknown keys are absent."""
    rows = session.execute(
        text(
            f"SELECT r.source_id, x.golden_id FROM source_record r "
            f"JOIN source_system s ON s.id = r.system_id {live_xref(outer=True)} "
            "WHERE s.name = :s AND r.entity = :e AND r.source_id = ANY(:ids)"
        ),
        {"s": system, "e": entity, "ids": list(source_ids)},
    ).all()
    return {source_id: golden for source_id, golden in rows}


@dataclass(frozen=True)
class SystemFigures:
    entity: str
    records: int
    overlap: int  # in a golden record that also holds another system's record
    unmatched: int  # no golden record yet
    pending_reviews: int
    rejected: int  # quarantined rows still open


_SYSTEM_RECORDS = f"""
SELECT r.entity, count(*),
       count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM xref o JOIN source_record orr ON orr.id = o.source_record_id
           WHERE o.golden_id = x.golden_id AND {live("o")} AND orr.system_id <> r.system_id)),
       count(*) FILTER (WHERE x.golden_id IS NULL)
FROM source_record r {live_xref(outer=True)}
WHERE r.system_id = :system AND NOT r.is_deleted
GROUP BY r.entity
"""
_SYSTEM_REVIEWS = """
SELECT t.entity, count(DISTINCT t.id) FROM review_task t
JOIN match_link l ON l.id = t.link_id
JOIN source_record r ON r.id IN (l.left_record_id, l.right_record_id)
WHERE t.status IN ('open', 'deferred') AND r.system_id = :system
GROUP BY t.entity
"""
_SYSTEM_REJECTED = """
SELECT entity, count(*) FROM quarantine_row
WHERE system_id = :system AND status = 'open' GROUP BY entity
"""


def system_figures(session: Session, system_id: int) -> list[SystemFigures]:
    """Per entity: the system's records, their overlap with other systems, the reviews that
    wait on them and the rows of theirs still in quarantine."""
    params = {"system": system_id}
    records = {e: (n, o, u) for e, n, o, u in session.execute(text(_SYSTEM_RECORDS), params)}
    reviews: dict[str, int] = {e: n for e, n in session.execute(text(_SYSTEM_REVIEWS), params)}
    rejected: dict[str, int] = {e: n for e, n in session.execute(text(_SYSTEM_REJECTED), params)}
    entities = sorted({*records, *reviews, *rejected})
    return [
        SystemFigures(e, *records.get(e, (0, 0, 0)), reviews.get(e, 0), rejected.get(e, 0))
        for e in entities
    ]


@dataclass(frozen=True)
class LastRun:
    run_id: int
    system_id: int
    started_at: datetime
    counts: dict[str, int]


def last_run(session: Session, system: str, entity: str) -> LastRun | None:
    """The latest finished ingest run of ``system``'s ``entity`` extracts."""
    row = session.execute(
        text(
            "SELECT i.id, i.system_id, i.started_at, i.counts FROM ingest_run i "
            "JOIN source_system s ON s.id = i.system_id WHERE s.name = :s AND i.entity = :e "
            "AND i.finished_at IS NOT NULL ORDER BY i.id DESC LIMIT 1"
        ),
        {"s": system, "e": entity},
    ).first()
    return None if row is None else LastRun(row[0], row[1], row[2], dict(row[3] or {}))
