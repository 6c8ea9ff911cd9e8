"""Every call to ``/v1`` is audited once answered: key, method, route, status, time, duration."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from starlette.concurrency import run_in_threadpool

from mdm.api.request_context import Finished
from mdm.auth.api_keys import ApiKey
from mdm.repositories import api_keys
from mdm.runtime import Runtime

AUDITED_PREFIX = "/v1"
log = logging.getLogger("mdm.api.audit")


def _client(finished: Finished) -> str | None:
    client = finished.scope.get("client")
    return str(client[0])[:64] if client else None


def call_of(finished: Finished) -> api_keys.Call:
    scope = finished.scope
    key = scope.get("state", {}).get("api_key")
    route = getattr(scope.get("route"), "path", None) or "(no route)"
    now = datetime.now(UTC)
    return api_keys.Call(
        at=now - timedelta(milliseconds=finished.duration_ms),
        key_id=key.id if isinstance(key, ApiKey) else None,
        method=str(scope["method"])[:16],
        route=str(route)[:300],
        status=finished.status,
        duration_ms=round(finished.duration_ms, 3),
        request_id=finished.request_id,
        client=_client(finished),
    )


def _write(runtime: Runtime, call: api_keys.Call) -> None:
    with runtime.unit_of_work() as uow:
        uow.api_keys.record_call(call)


def auditor(runtime: Runtime) -> Callable[[Finished], Awaitable[None]]:
    """The ``on_finished`` hook of the request context for this runtime."""

    async def audit(finished: Finished) -> None:
        if not str(finished.scope.get("path", "")).startswith(AUDITED_PREFIX):
            return
        call = call_of(finished)
        try:
            await run_in_threadpool(_write, runtime, call)
        except Exception:  # the answer has gone; a lost audit row is logged, not raised
            log.exception("could not audit %s %s", call.method, call.route)

    return audit
