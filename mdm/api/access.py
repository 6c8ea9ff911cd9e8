"""Who calls ``/v1`` and may they: ``Authorization: Bearer KEY``, checked against the key's
scopes (and, for writes, its system). The key found is left on the request for the audit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from mdm.api.dependencies import REQUEST_UOW
from mdm.api.request_context import answer_header
from mdm.api.schemas import ErrorOut
from mdm.api.throttle import Allowance, Buckets
from mdm.auth.api_keys import ApiKey, secret_matches, split_token
from mdm.auth.verified_keys import VerifiedKeys
from mdm.unit_of_work import UnitOfWork

BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    bearerFormat="mdm_…",
    description="An API key of one system (`mdm key create`), sent as `Authorization: Bearer KEY`.",
)

GOVERNED_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (400, "The body is not well-formed JSON."),
        (401, "No API key, or not a valid one."),
        (403, "The key lacks the scope, or the records are another system's."),
        (404, "Unknown entity, id or record."),
        (413, "The body is larger than the limit."),
        (422, "The request is not valid: which field, and why."),
        (429, "Too many requests for this key: see `Retry-After`."),
        (503, "The request's work took longer than the limit."),
    )
}


class Unauthenticated(Exception):
    """No key, or one the hub does not know (or has revoked): 401."""


class Forbidden(Exception):
    """A genuine key without the scope, or writing another system's records: 403."""


class Throttled(Exception):
    """The key has used its allowance: 429 with ``Retry-After`` and ``RateLimit-*``."""

    def __init__(self, key: ApiKey, allowance: Allowance) -> None:
        super().__init__(
            f"the key {key.name!r} is limited to {key.rate} requests per second: "
            f"retry after {allowance.headers()['Retry-After']} s"
        )
        self.headers = allowance.headers()


async def _verified(request: Request, uow: UnitOfWork, token: str) -> ApiKey | None:
    """The live key whose secret ``token`` proves: from the keys verified a moment ago
    (:mod:`mdm.auth.verified_keys`), else read in the request's unit of work."""
    parts = split_token(token)
    if parts is None:
        return None
    prefix, secret = parts
    keys: VerifiedKeys = request.app.state.verified_keys
    found = keys.get(prefix)
    if found is None:
        found = await run_in_threadpool(keys.read, prefix, partial(uow.api_keys.by_prefix, prefix))
    if found is None or not secret_matches(secret, found[1]):
        return None
    return found[0]


async def caller(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(BEARER),
    uow: UnitOfWork = REQUEST_UOW,
) -> ApiKey:
    """The key of this request: 401 without a genuine, live one, 429 when it has no token left
    in its bucket (the ``RateLimit-*`` headers go on every answer). A key verified less than
    ``MDM_API_KEY_CACHE_SECONDS`` ago is not read again (so a revoked key is refused at most
    that long after); otherwise it is read in the request's own unit of work, the one its
    route works in, at the cost of one indexed read rather than a transaction of its own."""
    cached = getattr(request.state, "api_key", None)
    if isinstance(cached, ApiKey):
        return cached
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("this API needs a key: send `Authorization: Bearer KEY`")
    key = await _verified(request, uow, credentials.credentials)
    if key is None:
        raise Unauthenticated("the API key is not valid (unknown, malformed or revoked)")
    request.state.api_key = key
    buckets: Buckets = request.app.state.buckets
    name = f"key:{key.id}"
    if buckets.waits:
        allowance = await run_in_threadpool(buckets.take, name, key.rate)
    else:
        allowance = buckets.take(name, key.rate)
    if not allowance.allowed:
        raise Throttled(key, allowance)
    for header, value in allowance.headers().items():
        answer_header(request, header, value)
    return key


def require(scope: str) -> Callable[..., object]:
    """A dependency: the caller's key must hold ``scope`` (``admin`` holds every scope)."""

    async def check(key: ApiKey = Depends(caller)) -> ApiKey:  # no I/O: not worth a thread
        if not key.allows(scope):
            raise Forbidden(f"the key {key.name!r} does not have the {scope!r} scope")
        return key

    return check


def governed(scope: str) -> list[Any]:
    """The dependencies of every ``/v1`` router: a key with ``scope``, then known parameters."""
    from mdm.api.parameters import known_query

    return [Depends(require(scope)), Depends(known_query)]


def check_writes_for(key: ApiKey, system: str) -> None:
    """Writing records of ``system`` needs ``write`` on a key of that system (or ``admin``)."""
    if not key.may_write_for(system):
        raise Forbidden(
            f"the key {key.name!r} may write records of {key.system!r} only, not of {system!r}"
            if "write" in key.scopes
            else f"the key {key.name!r} does not have the 'write' scope"
        )
