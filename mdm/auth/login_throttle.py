"""Sign-in throttling: after too many failures for one account, or from one address, within a
window, further attempts are refused without checking the password (so guessing costs no
argon2 work either) until the window has passed."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from mdm.unit_of_work import UnitOfWork

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


def refusal(uow: UnitOfWork, name: str, address: str, now: datetime) -> str | None:
    """Why this attempt is refused (with when to try again), or ``None`` to let it through."""
    since = now - WINDOW
    failures, first = uow.users.account_failures(name, since)
    if failures >= ACCOUNT_LIMIT and first is not None:
        return (
            f"Too many failed sign-ins for this account: try again in {_minutes(first, now)} "
            "minutes, or ask an administrator."
        )
    failures, first = uow.users.address_failures(address, since)
    if failures >= ADDRESS_LIMIT and first is not None:
        return (
            "Too many failed sign-ins from your address: try again in "
            f"{_minutes(first, now)} minutes."
        )
    return None


def _minutes(first: datetime, now: datetime) -> int:
    return max(1, math.ceil((first + WINDOW - now).total_seconds() / 60))
