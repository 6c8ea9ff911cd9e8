"""The outbox read as the pull feed (its writes are part of every golden change: see
``history``), and the relay's numbering of committed events into the feed's order."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.events.cloudevent import OutboxRow

RELAY_LOCK = 16_003  # advisory lock: one relay numbers events at a time

FEED_SQL = text(
    """
    SELECT position, txid, id, type, source, subject, sequence, data, created_at, feed_position
    FROM outbox_event
    WHERE feed_position > :after
    ORDER BY feed_position
    LIMIT :limit
    """
)

# committed events without a feed position, oldest transaction first, numbered on from the
# highest position given so far; READ COMMITTED: the statement sees only committed rows
PLACE_SQL = text(
    """
    UPDATE outbox_event o SET feed_position = top.value + waiting.rank
    FROM (SELECT position, row_number() OVER (ORDER BY txid, position) AS rank
          FROM (SELECT position, txid FROM outbox_event WHERE feed_position IS NULL
                ORDER BY txid, position LIMIT :limit) AS oldest) AS waiting,
         (SELECT coalesce(max(feed_position), 0) AS value FROM outbox_event) AS top
    WHERE o.position = waiting.position
    """
)

LEGACY_CURSOR_SQL = text(
    """
    SELECT coalesce(max(feed_position), 0) FROM outbox_event
    WHERE (txid, position) <= (:txid, :position) AND feed_position IS NOT NULL
    """
)


def events_after(session: Session, after: int, limit: int) -> list[OutboxRow]:
    """Up to ``limit`` events placed in the feed after position ``after``; marks nothing."""
    rows = session.execute(FEED_SQL, {"after": after, "limit": limit})
    return [OutboxRow(*r) for r in rows]


def take_relay(session: Session) -> bool:
    """The relay's lock until the transaction ends; False when another relay holds it."""
    statement = text("SELECT pg_try_advisory_xact_lock(:key)")
    return bool(session.execute(statement, {"key": RELAY_LOCK}).scalar_one())


def place_committed(session: Session, limit: int) -> int:
    """Give up to ``limit`` committed events their feed positions; how many were placed.
    Call with the relay's lock held, and commit before placing more."""
    return int(session.execute(PLACE_SQL, {"limit": limit}).rowcount)  # type: ignore[attr-defined]


def position_of_legacy_cursor(session: Session, txid: int, position: int) -> int:
    """The feed position a cursor of the earlier (transaction id, position) form stands for."""
    params = {"txid": txid, "position": position}
    return int(session.execute(LEGACY_CURSOR_SQL, params).scalar_one())
