"""Every HTTP request gets an id (``X-Request-ID``, the caller's when it sends a sane one), kept
in a context variable for the logs and sent back on the response. Headers a dependency asked
for (``answer_header``) go on the answer too, whatever response the route built. An error
nothing else handled is logged with that id and answered as the JSON error shape, never as a
bare text 500; then the call is handed to the audit."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from mdm.logs import REQUEST_ID

if TYPE_CHECKING:
    from starlette.requests import Request

REQUEST_ID_HEADER = "X-Request-ID"
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
_ANSWER_HEADERS = "mdm.answer_headers"  # key in the ASGI scope's state
log = logging.getLogger("mdm.api")

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


def _incoming_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            given = value.decode("latin-1")
            if _ACCEPTED_ID.match(given):
                return given
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Finished:
    """What the audit needs of a call once it has been answered."""

    scope: Scope
    status: int
    duration_ms: float
    request_id: str


def answer_header(request: Request, name: str, value: str) -> None:
    """Put ``name: value`` on this request's answer, whether the route returns a model, builds
    its own ``Response`` (record writes, idempotent replays) or fails with an error."""
    request.scope.setdefault("state", {}).setdefault(_ANSWER_HEADERS, {})[name] = value


def _asked_for(scope: Scope, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    asked: dict[str, str] = scope.get("state", {}).get(_ANSWER_HEADERS, {})
    present = {name.lower() for name, _ in headers}
    return [
        (name.encode("latin-1"), value.encode("latin-1"))
        for name, value in asked.items()
        if name.lower().encode("latin-1") not in present
    ]


def error_response(
    status: int, code: str, message: str, details: list[dict[str, str]] | None = None
) -> tuple[Message, Message]:
    body = orjson.dumps({"error": {"code": code, "message": message, "details": details or []}})
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    start = {"type": "http.response.start", "status": status, "headers": headers}
    return start, {"type": "http.response.body", "body": body}


class RequestContext:
    """Pure ASGI middleware (streaming bodies pass through untouched)."""

    def __init__(self, app: Asgi, on_finished: Callable[[Finished], Awaitable[None]]) -> None:
        self.app = app
        self.on_finished = on_finished

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope)
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = [500, False]  # the status sent, whether the response has started

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[:] = [message["status"], True]
                headers = list(message.get("headers", ()))
                headers += _asked_for(scope, headers)
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            refused = _nul_in_url(scope)
            if refused is not None:
                for message in refused:
                    await send_with_id(message)
                return
            await self.app(scope, receive, send_with_id)
        except Exception:
            log.exception(
                "unexpected error answering %s %s (request %s)",
                scope["method"],
                scope["path"],
                request_id,
            )
            if not status[1]:
                for message in error_response(500, "internal_error", _internal(request_id)):
                    await send_with_id(message)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            try:
                await self.on_finished(Finished(scope, int(status[0]), elapsed, request_id))
            finally:
                REQUEST_ID.reset(token)


def _nul_in_url(scope: Scope) -> tuple[Message, Message] | None:
    """PostgreSQL text cannot hold NUL: a URL carrying one is refused before anything reads it."""
    query = scope.get("query_string", b"").lower()
    where = "path" if "\x00" in scope["path"] else "query" if b"%00" in query else None
    if where is None:
        return None
    reason = "contains a NUL character (%00), which no field may hold"
    return error_response(
        422, "invalid_request", "the request is not valid", [{"field": where, "reason": reason}]
    )


def _internal(request_id: str) -> str:
    return f"the hub failed to answer this request; it is logged as request {request_id}"
