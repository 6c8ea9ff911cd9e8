"""A JSON-RPC client for a Tryton server: login once, then calls with a ``Session`` header.

Tryton answers 200 with ``{"error": [kind, detail]}`` for refused calls; those become
:class:`TrytonError` (``UserError``: the record is refused; ``ConcurrencyException``: a stale
``_timestamp``). A server that cannot be reached, answers 5xx or throttles is unavailable for
now: :class:`~connectors.protocol.TargetUnavailable`.
"""

from __future__ import annotations

import base64
import itertools
from datetime import UTC, date, datetime
from typing import Any

import httpx

from connectors.protocol import TargetUnavailable
from connectors.retry_after import retry_after_seconds


class TrytonError(Exception):
    def __init__(self, kind: str, message: str, warning: str | None = None) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.warning = warning  # a UserWarning's name, to acknowledge it and try again

    @property
    def stale(self) -> bool:
        return self.kind == "ConcurrencyException"


def _message(detail: Any) -> str:
    if isinstance(detail, list) and detail:
        parts = [str(p) for p in detail[:2] if p]
        return " ".join(parts)
    return str(detail)


def decode_datetime(value: Any) -> datetime | None:
    if not isinstance(value, dict) or value.get("__class__") != "datetime":
        return None
    y, mo, d, h, mi, s, us = (
        int(value.get(f, 0))
        for f in ("year", "month", "day", "hour", "minute", "second", "microsecond")
    )
    return datetime(y, mo, d, h, mi, s, us, tzinfo=UTC)


def decode_date(value: Any) -> date | None:
    if not isinstance(value, dict) or value.get("__class__") != "date":
        return None
    return date(int(value["year"]), int(value["month"]), int(value["day"]))


def encode_date(value: date) -> dict[str, Any]:
    return {"__class__": "date", "year": value.year, "month": value.month, "day": value.day}


def encode_datetime(value: datetime) -> dict[str, Any]:
    plain = value.astimezone(UTC)
    fields = ("year", "month", "day", "hour", "minute", "second", "microsecond")
    return {"__class__": "datetime", **{f: getattr(plain, f) for f in fields}}


class TrytonClient:
    def __init__(
        self, url: str, database: str, username: str, password: str, timeout: float = 30.0
    ) -> None:
        self.endpoint = f"{url.rstrip('/')}/{database}/rpc/"
        self.username = username
        self._password = password
        self._http = httpx.Client(timeout=timeout)
        self._ids = itertools.count(1)
        self._auth: str | None = None
        self.user_id: int | None = None

    def close(self) -> None:
        self._http.close()

    def login(self) -> int:
        result = self._post("common.db.login", [self.username, {"password": self._password}, "en"])
        uid, session = int(result[0]), str(result[1])
        token = base64.b64encode(f"{self.username}:{uid}:{session}".encode()).decode()
        self._auth, self.user_id = f"Session {token}", uid
        return uid

    def call(self, method: str, *params: Any) -> Any:
        if self._auth is None:
            self.login()
        try:
            return self._post(method, list(params))
        except _SessionExpired:
            self.login()
            return self._post(method, list(params))

    def model(
        self, model: str, method: str, *params: Any, context: dict[str, Any] | None = None
    ) -> Any:
        return self.call(f"model.{model}.{method}", *params, context or {})

    def _post(self, method: str, params: list[Any]) -> Any:
        headers = {"Authorization": self._auth} if self._auth else {}
        body = {"id": next(self._ids), "method": method, "params": params}
        try:
            response = self._http.post(self.endpoint, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise TargetUnavailable(
                f"Tryton unreachable: {exc.__class__.__name__}: {exc}"
            ) from None
        if response.status_code in (401, 403) and self._auth and method != "common.db.login":
            raise _SessionExpired()
        if response.status_code == 429 or response.status_code >= 500:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            raise TargetUnavailable(f"Tryton answered HTTP {response.status_code}", wait)
        if response.status_code != 200:
            raise TrytonError("HTTPError", f"HTTP {response.status_code} for {method}")
        payload = response.json()
        if payload.get("error"):
            kind, *detail = payload["error"]
            info = detail[0] if detail else ""
            warning = str(info[0]) if kind == "UserWarning" and isinstance(info, list) else None
            raise TrytonError(str(kind), _message(info[1:] if warning else info), warning)
        return payload.get("result")


class _SessionExpired(Exception):
    pass
