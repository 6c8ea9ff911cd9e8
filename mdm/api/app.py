"""The FastAPI application: one unit of work per request (`mdm.api.dependencies`), errors in
one JSON shape."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from mdm.api import call_audit, errors
from mdm.api.body_guard import BodyGuard
from mdm.api.dependencies import REQUEST_UOW
from mdm.api.request_context import RequestContext
from mdm.api.throttle import buckets_for
from mdm.auth.verified_keys import VerifiedKeys
from mdm.metrics.timing import RequestTiming
from mdm.runtime import Runtime
from mdm.unit_of_work import UnitOfWork

VERSION = "0.1.0"


def create_api(runtime: Runtime) -> FastAPI:
    """The API alone; :func:`hub.app.create_app` mounts the stewardship UI on it."""
    audit = call_audit.CallAudit(runtime.unit_of_work, runtime.settings.request_timeout_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:  # the calls answered and not audited yet are written before the app stops
            await run_in_threadpool(audit.close)

    app = FastAPI(
        title="MDM hub",
        version=VERSION,
        description="Golden customer, resource and rate-card records for professional services.",
        docs_url=None,  # /docs and /redoc are served from installed packages, not a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.buckets = buckets_for(runtime.settings.redis_url)
    app.state.verified_keys = VerifiedKeys(runtime.settings.api_key_cache_seconds)
    errors.install(app)
    app.add_middleware(BodyGuard, limit=runtime.settings.max_body_bytes)
    app.add_middleware(RequestTiming)
    app.add_middleware(RequestContext, on_finished=audit)  # outermost

    @app.get("/health", tags=["operations"])
    def health(uow: UnitOfWork = REQUEST_UOW) -> dict[str, object]:
        """Cheap enough for a load balancer's probe: one round trip, no table scans."""
        uow.ping()
        return {"status": "ok", "database": "ok", "version": VERSION}

    from mdm.api import metrics_routes, routes

    metrics_routes.mount(app, runtime)
    routes.mount(app)
    return app
