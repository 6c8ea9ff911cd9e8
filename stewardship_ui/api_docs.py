"""``/docs`` (Swagger UI) and ``/redoc`` served with nothing from a CDN: their scripts and
styles come from the npm packages installed with the UI (``swagger-ui-dist``, ``redoc``), so
the API documentation works on a machine without internet."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from stewardship_ui.pages import HERE

MODULES = HERE / "node_modules"
ASSETS: dict[str, tuple[Path, str]] = {
    "swagger-ui-bundle.js": (MODULES / "swagger-ui-dist" / "swagger-ui-bundle.js",
                             "text/javascript"),
    "swagger-ui.css": (MODULES / "swagger-ui-dist" / "swagger-ui.css", "text/css"),
    "favicon.png": (MODULES / "swagger-ui-dist" / "favicon-32x32.png", "image/png"),
    "redoc.standalone.js": (MODULES / "redoc" / "bundles" / "redoc.standalone.js",
                            "text/javascript"),
}  # fmt: skip
PREFIX = "/docs/assets"


def docs_router(app: FastAPI) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    title = f"{app.title} — API"

    @router.get("/docs")
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title=title,
            swagger_js_url=f"{PREFIX}/swagger-ui-bundle.js",
            swagger_css_url=f"{PREFIX}/swagger-ui.css",
            swagger_favicon_url=f"{PREFIX}/favicon.png",
        )  # fmt: skip

    @router.get("/redoc")
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json", title=title,
            redoc_js_url=f"{PREFIX}/redoc.standalone.js",
            redoc_favicon_url=f"{PREFIX}/favicon.png", with_google_fonts=False,
        )  # fmt: skip

    @router.get(PREFIX + "/{name}")
    def asset(name: str) -> Response:
        found = ASSETS.get(name)
        if found is None or not found[0].is_file():
            return Response(
                f"/* {name} is not installed: run `make install` (npm install in stewardship_ui) */",
                status_code=404, media_type="text/plain",
            )  # fmt: skip
        return FileResponse(found[0], media_type=found[1])

    return router
