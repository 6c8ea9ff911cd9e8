"""The outbox read in commit order (its writes are part of every golden change: see
``history``). Only events of transactions older than every transaction still running
(``txid`` below the current snapshot's xmin) are read, ordered by (txid, position)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.events.cloudevent import OutboxRow

FEED_SQL = text(
    """
    SELECT position, txid, id, type, source, subject, sequence, data, created_at
    FROM outbox_event
    WHERE (txid, position) > (:txid, :position)
      AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
    ORDER BY txid, position
    LIMIT :limit
    """
)


def events_after(session: Session, txid: int, position: int, limit: int) -> list[OutboxRow]:
    """Up to ``limit`` committed events after (``txid``, ``position``); marks nothing."""
    params = {"txid": txid, "position": position, "limit": limit}
    return [OutboxRow(*r) for r in session.execute(FEED_SQL, params)]
