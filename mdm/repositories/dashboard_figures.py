"""The figures of the stewardship dashboard, each one aggregate query."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.repositories.fragments import SYSTEM, live, live_xref


def queue_ages(session: Session) -> list[tuple[str, int, float]]:
    """(entity, open or deferred tasks, age in days of the oldest) per entity."""
    rows = session.execute(
        text(
            "SELECT entity, count(*), extract(epoch FROM now() - min(created_at)) / 86400 "
            "FROM review_task WHERE status IN ('open', 'deferred') GROUP BY entity ORDER BY entity"
        )
    )
    return [(e, int(n), float(age or 0)) for e, n, age in rows]


def decisions_per_day(session: Session) -> list[tuple[date, int]]:
    rows = session.execute(
        text(
            "SELECT decided_at::date, count(*) FROM review_task WHERE decided_at IS NOT NULL "
            "AND decided_at > now() - interval '30 days' GROUP BY 1 ORDER BY 1"
        )
    )
    return [(d, int(n)) for d, n in rows]


def auto_link_rates(session: Session) -> dict[str, float]:
    rows = session.execute(
        text(
            "SELECT entity, avg(CASE WHEN decision = 'auto' THEN 1.0 ELSE 0.0 END) "
            "FROM match_link GROUP BY entity"
        )
    )
    return {e: float(rate) for e, rate in rows}


def duplicates_per_system(session: Session) -> list[tuple[str, int, int]]:
    """(system, its live records, how many of them share a golden record) per system."""
    rows = session.execute(
        text(
            f"""
            WITH sizes AS (
                SELECT golden_id, count(*) AS n FROM xref x WHERE {live()} GROUP BY golden_id
            )
            SELECT s.name, count(*), count(*) FILTER (WHERE z.n > 1)
            FROM source_record r {SYSTEM} {live_xref()}
            JOIN sizes z ON z.golden_id = x.golden_id
            WHERE NOT r.is_deleted GROUP BY s.name ORDER BY s.name
            """
        )
    )
    return [(name, int(n), int(d)) for name, n, d in rows]
