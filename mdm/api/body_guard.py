"""Request bodies are read whole before any route sees them: over the limit (1 MB by default)
is 413 at once, without reading the rest; a form or JSON body carrying a NUL character is
422 (PostgreSQL text cannot hold one, and no field of the hub may)."""

from __future__ import annotations

from mdm.api.request_context import Asgi, Message, Receive, Scope, Send, error_response

DEFAULT_LIMIT = 1024 * 1024
_NUL_MARKS = {
    b"application/x-www-form-urlencoded": (b"%00", b"\x00"),
    b"application/json": (b"\\u0000", b"\x00"),
}


class BodyTooLarge(Exception):
    pass


class ClientGone(Exception):
    """The caller hung up before sending the whole body: nobody is left to answer."""


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value)
    return b""


def _too_large(limit: int) -> tuple[Message, Message]:
    return error_response(
        413, "body_too_large", f"the request body is larger than the limit of {limit:,} bytes"
    )


def _carries_nul(scope: Scope, body: bytes) -> bool:
    kind = _header(scope, b"content-type").split(b";")[0].strip().lower()
    marks = _NUL_MARKS.get(kind, ())
    lowered = body.lower() if marks else b""
    return any(mark in lowered for mark in marks)


class BodyGuard:
    def __init__(self, app: Asgi, limit: int = DEFAULT_LIMIT) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        try:
            if declared.isdigit() and int(declared) > self.limit:
                raise BodyTooLarge()
            body = await self._read(receive)
        except ClientGone:
            return
        except BodyTooLarge:
            for message in _too_large(self.limit):
                await send(message)
            return
        if _carries_nul(scope, body):
            reason = "contains a NUL character, which no field may hold"
            details = [{"field": "body", "reason": reason}]
            for message in error_response(422, "invalid_request", "the body is not valid", details):
                await send(message)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientGone()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                raise BodyTooLarge()
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the body read already, then waits on the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
