"""The figures `GET /metrics` reads from the database at each scrape: rows loaded by outcome,
the review queue and how far the feed's relay is behind (deliveries are counted as `mdm sync
status` counts them, by :mod:`mdm.repositories.delivery_status`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

OUTCOMES = ("new", "changed", "unchanged", "deleted", "quarantined")

INGEST_ROWS_SQL = text(
    """
    SELECT y.name, r.entity, o.outcome, sum(coalesce((r.counts ->> o.outcome)::bigint, 0))
    FROM ingest_run r JOIN source_system y ON y.id = r.system_id
    CROSS JOIN unnest(CAST(:outcomes AS text[])) AS o(outcome)
    WHERE r.finished_at IS NOT NULL
    GROUP BY y.name, r.entity, o.outcome
    """
)

REVIEW_QUEUE_SQL = text(
    """
    SELECT entity, status, count(*) FROM review_task
    WHERE status IN ('open', 'deferred') GROUP BY entity, status
    """
)

FEED_SQL = text(
    """
    SELECT (SELECT min(created_at) FROM outbox_event WHERE feed_position IS NULL),
           (SELECT coalesce(max(feed_position), 0) FROM outbox_event)
    """
)


def ingest_rows(session: Session) -> list[tuple[str, str, str, int]]:
    """(system, entity, outcome, rows) summed over finished ingest runs."""
    rows = session.execute(INGEST_ROWS_SQL, {"outcomes": list(OUTCOMES)})
    return [(str(s), str(e), str(o), int(n)) for s, e, o, n in rows]


def review_queue(session: Session) -> list[tuple[str, str, int]]:
    """(entity, status, tasks) of the tasks still waiting for a steward."""
    return [(str(e), str(s), int(n)) for e, s, n in session.execute(REVIEW_QUEUE_SQL)]


def feed_state(session: Session) -> tuple[datetime | None, int]:
    """When the oldest event not yet placed in the feed was written (None: none waits), and
    the highest feed position given."""
    oldest, top = session.execute(FEED_SQL).one()
    return oldest, int(top)
