"""Signing in and out of the stewardship UI: throttled attempts, server-side sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from mdm.auth import login_throttle
from mdm.auth.users import User, authenticate
from mdm.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class SignIn:
    """The user signed in, or why not: ``refused`` (throttled) or neither (wrong password)."""

    user: User | None
    refused: str | None = None


def sign_in(uow: UnitOfWork, name: str, password: str, address: str, sid: str) -> SignIn:
    """Check the attempt against the throttle, then the password; on success the session
    ``sid`` starts server-side. Every attempt let through is recorded."""
    refused = login_throttle.refusal(uow, name, address, datetime.now(UTC))
    if refused:
        return SignIn(None, refused)
    user = authenticate(uow, name, password)
    uow.users.record_login(name, address, succeeded=user is not None)
    if user is not None:
        uow.users.start_session(user.id, sid)
    return SignIn(user)


def sign_out(uow: UnitOfWork, sid: str) -> None:
    uow.users.end_session(sid)


def session_user(uow: UnitOfWork, sid: str) -> User | None:
    """The user of a live session; ``None`` once it has ended or expired."""
    row = uow.users.user_of_session(sid)
    return None if row is None else User(row[0], row[1], row[2])
