"""The web application as it is served: the hub's API with the stewardship UI mounted at
``/ui`` (and the API's documentation pages at ``/docs`` and ``/redoc``)."""

from __future__ import annotations

from fastapi import FastAPI

from mdm.api.app import create_api
from mdm.runtime import Runtime, open_runtime
from mdm.settings import load_settings
from stewardship_ui.web import mount as mount_ui


def create_app(runtime: Runtime) -> FastAPI:
    app = create_api(runtime)
    mount_ui(app)
    return app


def from_environment() -> FastAPI:
    """The app on the settings of the environment (``MDM_*``), for an ASGI server's factory
    option: ``uvicorn --factory hub.app:from_environment``."""
    return create_app(open_runtime(load_settings()))
