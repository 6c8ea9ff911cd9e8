"""A throttling gateway in front of a real server (an API gateway or a load balancer that
answers 429 when the target is overloaded): it forwards every request, except that a test can
have it refuse the next ones with 429 and a ``Retry-After``, after letting some through."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

HOP_BY_HOP = {"host", "content-length", "connection", "transfer-encoding"}


@dataclass
class Storm:
    passing: int = 0  # requests still let through before the storm starts
    refusing: int = 0  # requests the storm answers 429
    retry_after: str = "60"
    refused: int = 0  # how many it answered 429 so far
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, refusing: int, after: int = 0, retry_after: str = "60") -> None:
        with self.lock:
            self.passing, self.refusing, self.retry_after = after, refusing, retry_after

    def refuses(self) -> bool:
        with self.lock:
            if self.passing:
                self.passing -= 1
                return False
            if self.refusing:
                self.refusing -= 1
                self.refused += 1
                return True
            return False


def make_app(upstream: str, storm: Storm) -> Starlette:
    async def forward(request: Request) -> Response:
        if storm.refuses():
            return Response(b"Too Many Requests", 429, {"Retry-After": storm.retry_after})
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        async with httpx.AsyncClient(base_url=upstream, timeout=60) as client:
            answer = await client.request(
                request.method, request.url.path, content=await request.body(), headers=headers
            )
        kept = {  # the body is passed on as httpx decoded it
            k: v for k, v in answer.headers.items()
            if k.lower() not in HOP_BY_HOP | {"content-encoding"}
        }  # fmt: skip
        return Response(answer.content, answer.status_code, kept)

    return Starlette(routes=[Route("/{path:path}", forward, methods=["GET", "POST"])])
