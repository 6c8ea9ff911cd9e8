"""The ``idempotency_key`` table: per API key, each Idempotency-Key with the hash of the
request it came with and the response that request got (kept byte for byte)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import as_json


@dataclass(frozen=True)
class StoredResponse:
    request_hash: bytes
    status: int
    headers: dict[str, str]
    body: bytes


def claim(session: Session, key_id: int, name: str, request_hash: bytes) -> StoredResponse | None:
    """Take ``name`` for this request, in the caller's transaction; or, when it was taken, what
    the first request got. A first request still running holds the row: this waits for its
    transaction, then reads what it stored (or, had it failed, takes the key itself)."""
    taken = session.execute(
        text(
            "INSERT INTO idempotency_key (key_id, idempotency_key, request_hash) "
            "VALUES (:k, :n, :h) ON CONFLICT DO NOTHING RETURNING 1"
        ),
        {"k": key_id, "n": name, "h": request_hash},
    ).first()
    if taken is not None:
        return None
    row: Any = session.execute(
        text(
            "SELECT request_hash, status, headers, body FROM idempotency_key "
            "WHERE key_id = :k AND idempotency_key = :n"
        ),
        {"k": key_id, "n": name},
    ).one()
    return StoredResponse(bytes(row[0]), int(row[1]), dict(row[2] or {}), bytes(row[3] or b""))


def store(
    session: Session, key_id: int, name: str, status: int, headers: dict[str, str], body: bytes
) -> None:
    session.execute(
        text(
            "UPDATE idempotency_key SET status = :s, headers = CAST(:hd AS jsonb), body = :b "
            "WHERE key_id = :k AND idempotency_key = :n"
        ),
        {"k": key_id, "n": name, "s": status, "hd": as_json(headers), "b": body},
    )
