"""Mount the stewardship UI into the API application at ``/ui``."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from mdm.auth.secret import session_secret
from stewardship_ui import (
    api_docs,
    auth_pages,
    bulk_pages,
    dashboard_pages,
    golden_pages,
    learning_pages,
    onboarding_pages,
    queue_pages,
    review_pages,
    systems_pages,
    trace_pages,
)
from stewardship_ui.pages import HERE, is_htmx, render
from stewardship_ui.security import SignInRequired, UiError, optional_user
from stewardship_ui.security_headers import SecurityHeaders

PREFIX = "/ui"
HEADINGS = {403: "Not allowed", 404: "Not found", 409: "Not done", 422: "Not done"}
HTMX = HERE / "node_modules" / "htmx.org" / "dist" / "htmx.min.js"


def vendor_router(htmx: Path = HTMX) -> APIRouter:
    """Third-party scripts come from the npm install (``make install``), never from the repo."""
    router = APIRouter()

    @router.get("/vendor/htmx.min.js", include_in_schema=False)
    def htmx_script() -> Response:
        if not htmx.is_file():
            return Response(
                "// htmx is not installed: run `make install` (npm install in stewardship_ui)",
                status_code=404,
                media_type="text/javascript",
            )
        return FileResponse(htmx, media_type="text/javascript")

    return router


async def _ui_error(request: Request, exc: Exception) -> Response:
    status, message = (exc.status, exc.message) if isinstance(exc, UiError) else (404, str(exc))
    user = optional_user(request) if not isinstance(exc, SignInRequired) else None
    heading = HEADINGS.get(status, "Not done")
    context = {"message": message, "user": user, "heading": heading}
    return render(request, "error.html", context, status)


async def _sign_in_required(request: Request, exc: Exception) -> Response:
    target = f"{PREFIX}/login?next={request.url.path}"
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def mount(app: FastAPI) -> None:
    app.state.session_secret = session_secret(app.state.runtime.settings)
    router = APIRouter(prefix=PREFIX, include_in_schema=False)
    for pages in (
        auth_pages, queue_pages, review_pages, bulk_pages, golden_pages, dashboard_pages,
        systems_pages,
        learning_pages,
        onboarding_pages,
        trace_pages,
    ):  # fmt: skip
        router.include_router(pages.router)
    router.include_router(vendor_router())
    app.include_router(router)
    app.include_router(api_docs.docs_router(app))
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="ui-static")
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(UiError, _ui_error)
    app.add_exception_handler(SignInRequired, _sign_in_required)
