"""Retry-After in both of its forms."""

from __future__ import annotations

from datetime import UTC, datetime

from connectors.retry_after import retry_after_seconds


def test_seconds_and_http_dates_are_understood_and_junk_is_ignored() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30
    assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None
