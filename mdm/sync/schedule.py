"""When to try a failed delivery again: the Standard Webhooks schedule, with jitter."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

# immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h: then a dead letter
SCHEDULE = (0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
JITTER = 0.1  # up to 10 % later, so a target coming back is not hit by everyone at once


def next_attempt(
    attempts_made: int,
    now: datetime,
    retry_after: float | None = None,
    rng: random.Random | None = None,
) -> datetime | None:
    """After ``attempts_made`` failed attempts (1 = the first failed), when to try again; None
    once the schedule is spent. A target's ``Retry-After`` is honoured when it asks for longer."""
    if attempts_made > len(SCHEDULE):
        return None
    delay: float = SCHEDULE[attempts_made - 1]
    delay += delay * JITTER * (rng or random).random()
    if retry_after is not None:
        delay = max(delay, retry_after)
    return now + timedelta(seconds=delay)
