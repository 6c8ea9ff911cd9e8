"""Users of the stewardship UI. A steward or admin decides; a viewer only looks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mdm.auth.passwords import hash_password, needs_rehash, verify_password
from mdm.domain.errors import ConflictError, DomainError

if TYPE_CHECKING:
    from mdm.unit_of_work import UnitOfWork

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


def get_user(uow: UnitOfWork, name: str) -> User | None:
    row = uow.users.find(name)
    return None if row is None else User(row[0], row[1], row[2])


def add_user(uow: UnitOfWork, name: str, role: str, password: str) -> User:
    """A new account; refuses a name already taken and a password shorter than 8 characters."""
    _check(name, role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidUserError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    if get_user(uow, name) is not None:
        raise ConflictError(f"user {name!r} exists already")
    return User(uow.users.insert(name, role, hash_password(password)), name, role)


def ensure_user(uow: UnitOfWork, name: str, role: str, password: str) -> None:
    """Create the account, or give an existing one this role and password (the demo uses it);
    the account's sessions end, as at every password change."""
    _check(name, role)
    if not password:
        raise InvalidUserError("the password is empty")
    uow.users.upsert(name, role, hash_password(password))
    user = get_user(uow, name)
    if user is not None:
        uow.users.end_sessions_of(user.id)


def set_password(uow: UnitOfWork, name: str, password: str) -> int:
    """A new password for an existing account; every session of the account ends (how many
    were ended is returned)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidUserError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    user = get_user(uow, name)
    if user is None:
        raise InvalidUserError(f"no user {name!r}")
    uow.users.set_hash(user.id, hash_password(password))
    return uow.users.end_sessions_of(user.id)


def authenticate(uow: UnitOfWork, name: str, password: str) -> User | None:
    """The user when the name and password match, else ``None`` (which of the two is wrong is
    not told)."""
    row = uow.users.find(name)
    if not verify_password(None if row is None else row[3], password) or row is None:
        return None
    if needs_rehash(row[3]):
        uow.users.set_hash(row[0], hash_password(password))
    return User(row[0], row[1], row[2])


def list_users(uow: UnitOfWork, *, deciding_only: bool = False) -> list[User]:
    """Every account by name (only stewards and admins when ``deciding_only``)."""
    rows = uow.users.all_rows()
    users = [User(r[0], r[1], r[2]) for r in rows]
    return [u for u in users if u.can_decide] if deciding_only else users
