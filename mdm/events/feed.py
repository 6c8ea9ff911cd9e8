"""The pull feed: outbox events in commit order behind an opaque cursor.

A reader only sees events of transactions older than every transaction still running
(``txid`` below the current snapshot's xmin), ordered by (txid, position). An event can
therefore never commit behind a cursor a reader already holds. The price: one long-running
writing transaction anywhere on the server holds the feed back until it ends.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mdm.domain.errors import InvalidCursorError
from mdm.events.cloudevent import OutboxRow
from mdm.repositories import outbox

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


@dataclass(frozen=True, order=True)
class FeedCursor:
    txid: int = 0
    position: int = 0

    def encode(self) -> str:
        raw = f"{self.txid}.{self.position}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str | None) -> FeedCursor:
        if not value:
            return cls()
        try:
            padded = value + "=" * (-len(value) % 4)
            txid, position = base64.urlsafe_b64decode(padded).decode().split(".")
            cursor = cls(int(txid), int(position))
        except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
            raise InvalidCursorError(f"not a feed cursor: {value!r}") from exc
        if not (0 <= cursor.txid < MAX_BIGINT and 0 <= cursor.position < MAX_BIGINT):
            raise InvalidCursorError(f"not a feed cursor: {value!r}")
        return cursor


MAX_BIGINT = 2**63  # what the database holds; a larger number is no cursor of ours


@dataclass(frozen=True)
class FeedPage:
    events: list[OutboxRow]
    next: FeedCursor


def read_feed(session: Session, after: FeedCursor, limit: int = DEFAULT_LIMIT) -> FeedPage:
    """Up to ``limit`` committed events after ``after``; marks nothing as published."""
    limit = max(1, min(limit, MAX_LIMIT))
    rows = outbox.events_after(session, after.txid, after.position, limit)
    following = FeedCursor(rows[-1].txid, rows[-1].position) if rows else after
    return FeedPage(rows, following)
