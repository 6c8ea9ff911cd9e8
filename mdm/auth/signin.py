"""Signing in and out of the stewardship UI: throttled attempts, server-side sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from mdm.auth import login_throttle
from mdm.auth.users import User, authenticate
from mdm.repositories import login_attempts, web_sessions


@dataclass(frozen=True)
class SignIn:
    """The user signed in, or why not: ``refused`` (throttled) or neither (wrong password)."""

    user: User | None
    refused: str | None = None


def sign_in(session: Session, name: str, password: str, address: str, sid: str) -> SignIn:
    """Check the attempt against the throttle, then the password; on success the session
    ``sid`` starts server-side. Every attempt let through is recorded."""
    refused = login_throttle.refusal(session, name, address, datetime.now(UTC))
    if refused:
        return SignIn(None, refused)
    user = authenticate(session, name, password)
    login_attempts.record(session, name, address, succeeded=user is not None)
    if user is not None:
        web_sessions.start(session, user.id, sid)
    return SignIn(user)


def sign_out(session: Session, sid: str) -> None:
    web_sessions.end(session, sid)


def session_user(session: Session, sid: str) -> User | None:
    """The user of a live session; ``None`` once it has ended or expired."""
    row = web_sessions.user_of(session, sid)
    return None if row is None else User(row[0], row[1], row[2])
