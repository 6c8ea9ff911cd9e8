"""Accounts of the stewardship UI: name, role and password hash."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session


def find(session: Session, name: str) -> Any | None:
    """(id, name, role, password hash) of the account, or None."""
    return session.execute(
        text("SELECT id, name, role, password_hash FROM app_user WHERE name = :n"), {"n": name}
    ).first()


def insert(session: Session, name: str, role: str, password_hash: str) -> int:
    row = session.execute(
        text(
            "INSERT INTO app_user (name, password_hash, role, created_at) "
            "VALUES (:n, :h, :r, :at) RETURNING id"
        ),
        {"n": name, "h": password_hash, "r": role, "at": datetime.now(UTC)},
    ).scalar_one()
    return int(row)


def upsert(session: Session, name: str, role: str, password_hash: str) -> None:
    """Create the account, or give an existing one this role and password hash."""
    session.execute(
        text(
            "INSERT INTO app_user (name, password_hash, role, created_at) "
            "VALUES (:n, :h, :r, :at) ON CONFLICT (name) DO UPDATE "
            "SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role"
        ),
        {"n": name, "h": password_hash, "r": role, "at": datetime.now(UTC)},
    )


def set_hash(session: Session, user_id: int, password_hash: str) -> None:
    session.execute(
        text("UPDATE app_user SET password_hash = :h WHERE id = :id"),
        {"h": password_hash, "id": user_id},
    )


def all_rows(session: Session) -> list[Any]:
    """(id, name, role) of every account, by name."""
    return list(session.execute(text("SELECT id, name, role FROM app_user ORDER BY name")).all())
