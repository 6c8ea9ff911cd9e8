"""Pure ASGI middleware timing every HTTP request into ``mdm_api_request_seconds``, labelled
with the route's template (``/v1/{entity}/golden/{golden_id}``), never the raw path, so the
number of series stays bounded."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from mdm.metrics.instruments import API_SECONDS

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


class RequestTiming:
    def __init__(self, app: Asgi) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            labels = (scope.get("method", ""), route, f"{status[0] // 100}xx")
            API_SECONDS.labels(*labels).observe(time.perf_counter() - started)
