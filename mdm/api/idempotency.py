"""``Idempotency-Key`` on writes: the same key with the same request replays the first
response byte for byte (``Idempotent-Replayed: true``); with another request it is 422. The key
is taken in the write's own transaction, so a write and its stored response commit together."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from fastapi import Response

from mdm.domain.issues import FieldIssue
from mdm.resolve.lookup import InvalidRecordError
from mdm.unit_of_work import UnitOfWork

HEADER = "Idempotency-Key"
KEPT_HEADERS = ("content-type", "etag", "location")


class IdempotencyKeyReusedError(InvalidRecordError):
    """The key was used before with another request."""


def request_hash(method: str, path: str, body: bytes) -> bytes:
    return hashlib.sha256(b"\n".join((method.encode(), path.encode(), body))).digest()


def answer_once(
    uow: UnitOfWork, key_id: int, name: str | None, digest: bytes,
    work: Callable[[], Response],
) -> Response:  # fmt: skip
    """``work()``'s response, stored under ``name``; or the stored one when ``name`` was used."""
    if name is None:
        return work()
    if not 1 <= len(name) <= 255:
        raise InvalidRecordError((FieldIssue(HEADER, "must be 1 to 255 characters"),))
    stored = uow.api_keys.claim_idempotency(key_id, name, digest)
    if stored is not None:
        if stored.request_hash != digest:
            raise IdempotencyKeyReusedError(
                (FieldIssue(HEADER, "was used before with another request: use a new key"),)
            )
        headers = {**stored.headers, "Idempotent-Replayed": "true"}
        return Response(stored.body, stored.status, headers=headers)
    response = work()
    kept = {k: v for k, v in response.headers.items() if k in KEPT_HEADERS}
    uow.api_keys.store_idempotent(key_id, name, response.status_code, kept, bytes(response.body))
    return response
