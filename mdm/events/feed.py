"""The pull feed: outbox events in the order the relay placed them, behind an opaque cursor.

The relay (:mod:`mdm.events.relay`) gives each committed event the next feed position, so a
reader following positions never finds an event appear behind its cursor, and no transaction
still running anywhere on the server holds it back. A cursor is the last position read; a
cursor of the earlier (transaction id, position) form is still understood.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from mdm.domain.errors import InvalidCursorError
from mdm.events import relay
from mdm.events.cloudevent import OutboxRow
from mdm.unit_of_work import UnitOfWork, UnitsOfWork

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


CURRENT = "v2"  # the cursor format's tag; untagged cursors are the earlier form


@dataclass(frozen=True, order=True)
class FeedCursor:
    position: int = 0  # the last feed position read
    legacy: tuple[int, int] | None = None  # (txid, position) of an earlier cursor

    def encode(self) -> str:
        raw = f"{CURRENT}.{self.position}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str | None) -> FeedCursor:
        if not value:
            return cls()
        try:
            padded = value + "=" * (-len(value) % 4)
            head, number = base64.urlsafe_b64decode(padded).decode().split(".")
            cursor = cls(int(number)) if head == CURRENT else cls(0, (int(head), int(number)))
        except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
            raise InvalidCursorError(f"not a feed cursor: {value!r}") from exc
        numbers = (cursor.position, *(cursor.legacy or ()))
        if not all(0 <= n < MAX_BIGINT for n in numbers):
            raise InvalidCursorError(f"not a feed cursor: {value!r}")
        return cursor


MAX_BIGINT = 2**63  # what the database holds; a larger number is no cursor of ours


@dataclass(frozen=True)
class FeedPage:
    events: list[OutboxRow]
    next: FeedCursor


def read_feed(uow: UnitOfWork, after: FeedCursor, limit: int = DEFAULT_LIMIT) -> FeedPage:
    """Up to ``limit`` events placed after ``after``; marks nothing as published. Events
    committed but not yet placed wait for the relay (see :func:`next_page`)."""
    limit = max(1, min(limit, MAX_LIMIT))
    if after.legacy is not None:
        after = FeedCursor(uow.events.position_of_legacy_cursor(*after.legacy))
    rows = uow.events.events_after(after.position, limit)
    following = FeedCursor(rows[-1].feed_position) if rows else after
    return FeedPage(rows, following)


def next_page(units: UnitsOfWork, uow: UnitOfWork, after: FeedCursor, limit: int) -> FeedPage:
    """Place what has committed (in units of work of their own, from ``units``), then read
    in ``uow``."""
    relay.place_committed(units)
    return read_feed(uow, after, limit)
