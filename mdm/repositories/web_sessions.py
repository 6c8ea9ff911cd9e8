"""The ``web_session`` table: who is signed in, by the hash of the session id in the cookie."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.auth.sessions import SESSION_MAX_AGE, sid_hash


def start(session: Session, user_id: int, sid: str, now: datetime | None = None) -> None:
    at = now or datetime.now(UTC)
    session.execute(
        text(
            "INSERT INTO web_session (id_hash, user_id, created_at, expires_at) "
            "VALUES (:h, :u, :at, :until)"
        ),
        {"h": sid_hash(sid), "u": user_id, "at": at,
         "until": at + timedelta(seconds=SESSION_MAX_AGE)},
    )  # fmt: skip


def user_of(session: Session, sid: str) -> Any | None:
    """(id, name, role) of the user of a live session (not ended, not expired), else ``None``."""
    row = session.execute(
        text(
            "SELECT u.id, u.name, u.role FROM web_session s JOIN app_user u ON u.id = s.user_id "
            "WHERE s.id_hash = :h AND s.ended_at IS NULL AND s.expires_at > now()"
        ),
        {"h": sid_hash(sid)},
    ).first()
    return row


def end(session: Session, sid: str) -> None:
    session.execute(
        text("UPDATE web_session SET ended_at = now() WHERE id_hash = :h AND ended_at IS NULL"),
        {"h": sid_hash(sid)},
    )


def end_all_of(session: Session, user_id: int) -> int:
    """End every live session of a user (a password change); how many were ended."""
    ended = session.execute(
        text("UPDATE web_session SET ended_at = now() WHERE user_id = :u AND ended_at IS NULL"),
        {"u": user_id},
    )
    return int(ended.rowcount or 0)  # type: ignore[attr-defined]
