"""The retry schedule: Standard Webhooks' intervals, jittered, Retry-After honoured, then none."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from mdm.sync.schedule import JITTER, SCHEDULE, next_attempt

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_each_retry_waits_its_interval_plus_at_most_the_jitter_and_then_gives_up() -> None:
    rng = random.Random(7)
    for made, interval in enumerate(SCHEDULE, start=1):
        when = next_attempt(made, NOW, rng=rng)
        assert when is not None
        waited = (when - NOW).total_seconds()
        assert interval <= waited <= interval * (1 + JITTER)
    assert next_attempt(len(SCHEDULE) + 1, NOW) is None
    assert SCHEDULE == (0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)


def test_a_longer_retry_after_is_honoured_and_a_shorter_one_does_not_hurry() -> None:
    assert (next_attempt(1, NOW, retry_after=90) - NOW).total_seconds() == 90  # type: ignore[operator]
    waited = (next_attempt(3, NOW, retry_after=1) - NOW).total_seconds()  # type: ignore[operator]
    assert waited >= 300
