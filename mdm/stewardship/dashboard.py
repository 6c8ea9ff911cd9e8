"""The stewardship dashboard: queue size and age, decisions per day, auto-link rate, and the
duplicates each source system brought (what an M&A team looks at after a load)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class QueueFigure:
    entity: str
    open_tasks: int
    oldest_days: float


@dataclass(frozen=True)
class SystemFigure:
    system: str
    records: int
    duplicates: int


@dataclass(frozen=True)
class Dashboard:
    queues: list[QueueFigure]
    decisions_per_day: list[tuple[date, int]]
    auto_link_rate: dict[str, float]
    systems: list[SystemFigure]


def dashboard(session: Session) -> Dashboard:
    queues = [
        QueueFigure(e, int(n), float(age or 0))
        for e, n, age in session.execute(
            text(
                "SELECT entity, count(*), extract(epoch FROM now() - min(created_at)) / 86400 "
                "FROM review_task WHERE status IN ('open', 'deferred') GROUP BY entity ORDER BY entity"
            )
        )
    ]
    decisions = [
        (d, int(n))
        for d, n in session.execute(
            text(
                "SELECT decided_at::date, count(*) FROM review_task WHERE decided_at IS NOT NULL "
                "AND decided_at > now() - interval '30 days' GROUP BY 1 ORDER BY 1"
            )
        )
    ]
    rates = {
        e: float(rate)
        for e, rate in session.execute(
            text(
                "SELECT entity, avg(CASE WHEN decision = 'auto' THEN 1.0 ELSE 0.0 END) "
                "FROM match_link GROUP BY entity"
            )
        )
    }
    return Dashboard(queues, decisions, rates, _systems(session))


def _systems(session: Session) -> list[SystemFigure]:
    rows = session.execute(
        text(
            """
            WITH sizes AS (
                SELECT golden_id, count(*) AS n FROM xref WHERE valid_to IS NULL GROUP BY golden_id
            )
            SELECT s.name, count(*), count(*) FILTER (WHERE z.n > 1)
            FROM source_record r JOIN source_system s ON s.id = r.system_id
            JOIN xref x ON x.source_record_id = r.id AND x.valid_to IS NULL
            JOIN sizes z ON z.golden_id = x.golden_id
            WHERE NOT r.is_deleted GROUP BY s.name ORDER BY s.name
            """
        )
    )
    return [SystemFigure(name, int(n), int(d)) for name, n, d in rows]
