"""The ``api_key`` and ``api_call`` tables: keys by name and prefix, and the audit of calls."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import column, text
from sqlalchemy.orm import Session

from mdm.auth.api_keys import ApiKey, NewKey
from mdm.db.bulk import copy_rows
from mdm.domain.errors import ConflictError, NotFoundError

_COLUMNS = "id, name, system, scopes, rate, revoked_at IS NOT NULL"


def _key(row: Any) -> ApiKey:
    return ApiKey(row[0], row[1], row[2], frozenset(row[3]), int(row[4]), bool(row[5]))


def insert(
    session: Session, name: str, system: str, scopes: tuple[str, ...], rate: int, made: NewKey
) -> ApiKey:
    exists = session.execute(text("SELECT 1 FROM api_key WHERE name = :n"), {"n": name}).first()
    if exists:
        raise ConflictError(f"an API key named {name!r} exists already")
    row = session.execute(
        text(
            "INSERT INTO api_key (name, system, scopes, rate, prefix, secret_hash) "
            f"VALUES (:n, :s, :sc, :r, :p, :h) RETURNING {_COLUMNS}"
        ),
        {"n": name, "s": system, "sc": list(scopes), "r": rate, "p": made.prefix,
         "h": made.secret_hash},
    ).one()  # fmt: skip
    return _key(row)


# read on every API call: made once, its columns named so that SQLAlchemy keeps how it reads
# them with the cached compiled statement rather than working it out on every call
_BY_PREFIX = text(f"SELECT {_COLUMNS}, secret_hash FROM api_key WHERE prefix = :p").columns(
    *(column(name) for name in ("id", "name", "system", "scopes", "rate", "revoked", "hash"))
)


def by_prefix(session: Session, prefix: str) -> tuple[ApiKey, bytes] | None:
    """The live (not revoked) key with this prefix and its secret's hash."""
    row = session.execute(_BY_PREFIX, {"p": prefix}).first()
    if row is None or row[5]:
        return None
    return _key(row), bytes(row[6])


@dataclass(frozen=True)
class KeyListing:
    key: ApiKey
    created_at: datetime
    revoked_at: datetime | None
    last_call: datetime | None


def listing(session: Session) -> list[KeyListing]:
    rows = session.execute(
        text(
            f"SELECT {_COLUMNS}, created_at, revoked_at, "
            "(SELECT max(at) FROM api_call c WHERE c.key_id = k.id) "
            "FROM api_key k ORDER BY name"
        )
    )
    return [KeyListing(_key(r), r[6], r[7], r[8]) for r in rows]


def revoke(session: Session, name: str) -> None:
    done = session.execute(
        text(
            "UPDATE api_key SET revoked_at = COALESCE(revoked_at, :at) WHERE name = :n RETURNING id"
        ),
        {"n": name, "at": datetime.now(UTC)},
    ).first()
    if done is None:
        raise NotFoundError(f"no API key named {name!r}")


@dataclass(frozen=True)
class Call:
    """One API call as audited: who (key), what (method, route template), how it ended."""

    at: datetime
    key_id: int | None
    method: str
    route: str
    status: int
    duration_ms: float
    request_id: str
    client: str | None


CALL_COLUMNS = ("at", "key_id", "method", "route", "status", "duration_ms", "request_id", "client")


def record_calls(session: Session, calls: Sequence[Call]) -> None:
    """``calls`` written with one COPY: the audit writes every quarter of a second while calls
    come in, beside the requests, and an INSERT per call cost more CPU on both sides than the
    COPY, taken from the "does this exist?" calls answered meanwhile (measured in 6fb8189)."""
    copy_rows(
        session, "api_call", CALL_COLUMNS, ([getattr(c, f) for f in CALL_COLUMNS] for c in calls)
    )


def calls(session: Session, *, key_id: int | None = None, limit: int = 100) -> list[Call]:
    """The latest calls, newest first (of one key when ``key_id`` is given)."""
    where = "WHERE key_id = :k" if key_id is not None else ""
    rows = session.execute(
        text(
            "SELECT at, key_id, method, route, status, duration_ms, request_id, client "
            f"FROM api_call {where} ORDER BY id DESC LIMIT :lim"
        ),
        {"k": key_id, "lim": limit},
    )
    return [Call(*r) for r in rows]
