"""Where the versioned API routers are mounted."""

from __future__ import annotations

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    """Routers of later capabilities (golden records, events, matching) register here."""
    from mdm.api import (
        event_routes,
        field_routes,
        golden_routes,
        match_routes,
        model_routes,
        record_routes,
        system_routes,
        trace_routes,
    )

    app.include_router(match_routes.router)
    app.include_router(model_routes.learning)
    app.include_router(model_routes.reading)
    app.include_router(system_routes.router)
    app.include_router(field_routes.router)
    app.include_router(golden_routes.router)
    app.include_router(trace_routes.router)
    app.include_router(event_routes.router)
    app.include_router(record_routes.router)
    app.include_router(record_routes.reading)
