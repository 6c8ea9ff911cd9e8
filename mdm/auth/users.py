"""Users of the stewardship UI. A steward or admin decides; a viewer only looks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.auth.passwords import hash_password, needs_rehash, verify_password
from mdm.domain.errors import ConflictError, DomainError

ROLES = ("steward", "admin", "viewer")
DECIDING_ROLES = frozenset({"steward", "admin"})
MIN_PASSWORD_LENGTH = 8
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class InvalidUserError(DomainError):
    """A name, role or password the hub does not accept."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    @property
    def can_decide(self) -> bool:
        return self.role in DECIDING_ROLES


def _check(name: str, role: str) -> None:
    if not NAME_PATTERN.match(name):
        raise InvalidUserError(
            f"user name {name!r} is not valid: letters, digits, '.', '_', '@', '-' (at most 64)"
        )
    if role not in ROLES:
        raise InvalidUserError(f"role {role!r} is not one of {', '.join(ROLES)}")


def get_user(session: Session, name: str) -> User | None:
    row = session.execute(
        text("SELECT id, name, role FROM app_user WHERE name = :n"), {"n": name}
    ).first()
    return None if row is None else User(row[0], row[1], row[2])


def add_user(session: Session, name: str, role: str, password: str) -> User:
    """A new account; refuses a name already taken and a password shorter than 8 characters."""
    _check(name, role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidUserError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    if get_user(session, name) is not None:
        raise ConflictError(f"user {name!r} exists already")
    row = session.execute(
        text(
            "INSERT INTO app_user (name, password_hash, role, created_at) "
            "VALUES (:n, :h, :r, :at) RETURNING id"
        ),
        {"n": name, "h": hash_password(password), "r": role, "at": datetime.now(UTC)},
    ).scalar_one()
    return User(int(row), name, role)


def ensure_user(session: Session, name: str, role: str, password: str) -> None:
    """Create the account, or give an existing one this role and password (the demo uses it)."""
    _check(name, role)
    if not password:
        raise InvalidUserError("the password is empty")
    session.execute(
        text(
            "INSERT INTO app_user (name, password_hash, role, created_at) "
            "VALUES (:n, :h, :r, :at) ON CONFLICT (name) DO UPDATE "
            "SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role"
        ),
        {"n": name, "h": hash_password(password), "r": role, "at": datetime.now(UTC)},
    )


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when the name and password match, else ``None`` (which of the two is wrong is
    not told)."""
    row = session.execute(
        text("SELECT id, name, role, password_hash FROM app_user WHERE name = :n"), {"n": name}
    ).first()
    if not verify_password(None if row is None else row[3], password) or row is None:
        return None
    if needs_rehash(row[3]):
        session.execute(
            text("UPDATE app_user SET password_hash = :h WHERE id = :id"),
            {"h": hash_password(password), "id": row[0]},
        )
    return User(row[0], row[1], row[2])


def list_users(session: Session, *, deciding_only: bool = False) -> list[User]:
    """Every account by name (only stewards and admins when ``deciding_only``)."""
    rows = session.execute(text("SELECT id, name, role FROM app_user ORDER BY name"))
    users = [User(r[0], r[1], r[2]) for r in rows]
    return [u for u in users if u.can_decide] if deciding_only else users
