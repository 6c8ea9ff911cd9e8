"""`GET /metrics`: Prometheus text, open like `/health` (a scraper holds no API key); it
carries counts and latencies, never records."""

from __future__ import annotations

from fastapi import FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST

from mdm.metrics.exposition import make_registry, render
from mdm.runtime import Runtime


def mount(app: FastAPI, runtime: Runtime) -> None:
    registry = make_registry(runtime.unit_of_work)

    @app.get("/metrics", tags=["operations"], response_class=Response)
    def metrics() -> Response:
        """Ingest rows by outcome, match and API latency, the review queue, deliveries by
        system and status, and the feed's lag."""
        return Response(render(registry), media_type=CONTENT_TYPE_LATEST)
