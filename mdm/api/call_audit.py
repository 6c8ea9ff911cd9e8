"""Every call to ``/v1`` is audited once answered: key, method, route, status, time, duration.

The calls are written by one writer thread, all those answered since its last write together,
every :data:`WRITE_EVERY_SECONDS`, rather than by a transaction of each request's own after
its answer (which cost every call a trip through the thread pool and a commit). The writer
runs only while calls come in; when the app shuts down, the calls still waiting are written.
A process killed outright loses at most the last interval's rows."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

from mdm.api.request_context import Finished
from mdm.auth.api_keys import ApiKey
from mdm.repositories import api_keys
from mdm.unit_of_work import UnitsOfWork

AUDITED_PREFIX = "/v1"
WRITE_EVERY_SECONDS = 0.25
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


class CallAudit:
    """The calls answered and not written yet, and the thread writing them."""

    def __init__(
        self, units: UnitsOfWork, limit_seconds: float, every: float = WRITE_EVERY_SECONDS
    ) -> None:
        self._units = units
        # the requests' statement limit: the pooled connections the writer borrows keep the one
        # the requests set on them, instead of being reset and set again (a round trip each)
        self._limit = limit_seconds
        self._every = every
        self._lock = threading.Lock()
        self._waiting: list[api_keys.Call] = []
        self._writer: threading.Thread | None = None
        self._closing = threading.Event()

    async def __call__(self, finished: Finished) -> None:
        """The ``on_finished`` hook of the request context: waits on nothing."""
        if str(finished.scope.get("path", "")).startswith(AUDITED_PREFIX):
            self.record(call_of(finished))

    def record(self, call: api_keys.Call) -> None:
        with self._lock:
            self._waiting.append(call)
            if self._writer is None and not self._closing.is_set():
                self._writer = threading.Thread(target=self._write_on, name="mdm-audit")
                self._writer.daemon = True
                self._writer.start()

    def _write_on(self) -> None:
        """Write what came in every interval; stop after an interval in which nothing did."""
        while not self._closing.wait(self._every):
            with self._lock:
                calls, self._waiting = self._waiting, []
                if not calls:
                    self._writer = None
                    return
            self._write(calls)

    def close(self) -> None:
        """Stop the writer and write the calls still waiting (the app's shutdown)."""
        self._closing.set()
        with self._lock:
            writer = self._writer
        if writer is not None:
            writer.join()
        with self._lock:
            calls, self._waiting, self._writer = self._waiting, [], None
        self._write(calls)
        self._closing.clear()

    def _write(self, calls: list[api_keys.Call]) -> None:
        if not calls:
            return
        try:
            with self._units() as uow:
                uow.limit_statements(self._limit)
                uow.api_keys.record_calls(calls)
        except Exception:  # the answers have gone; lost audit rows are logged, not raised
            log.exception("could not audit %d calls (the first: %s)", len(calls), calls[0])
