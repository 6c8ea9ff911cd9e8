"""Headers that keep the UI's pages from being framed, sniffed, cached or made to run scripts
from elsewhere. Every answer gets ``nosniff``; UI pages (which show personal data) also get a
content security policy, ``X-Frame-Options: DENY`` and ``Cache-Control: no-store``; the UI's
static files and vendored scripts may be cached."""

from __future__ import annotations

from mdm.api.request_context import Asgi, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
EVERY_ANSWER = ((b"x-content-type-options", b"nosniff"),)
PAGES = (
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)
CACHEABLE = ("/ui/static/", "/ui/vendor/")


def _extra(path: str) -> tuple[tuple[bytes, bytes], ...]:
    if path.startswith("/ui") and not path.startswith(CACHEABLE):
        return EVERY_ANSWER + PAGES
    return EVERY_ANSWER


class SecurityHeaders:
    def __init__(self, app: Asgi) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = _extra(str(scope["path"]))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {extra_name for extra_name, _ in extra}
                kept = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in names]
                message = {**message, "headers": [*kept, *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
