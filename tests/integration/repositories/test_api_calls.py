"""The audit's calls are written as they were answered and read back the same, whatever their
text holds (they are written with COPY, whose text format escapes tabs, newlines and
backslashes) and whether or not a key or a client is known."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from mdm.repositories import api_keys
from mdm.repositories.api_keys import Call


def test_calls_are_read_back_as_they_were_written(session: Session) -> None:
    at = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    written = [
        Call(at, None, "GET", "/v1/customer/golden/{id}", 200, 1.5, "req-1", None),
        Call(at, None, "POST", "/odd\troute\nwith \\N and \\", 422, 0.25, "req-2", "10.0.0.1"),
    ]
    api_keys.record_calls(session, written)
    read = api_keys.calls(session, limit=1000)
    assert [c for c in read if c.request_id in {"req-1", "req-2"}] == written[::-1]  # newest first
