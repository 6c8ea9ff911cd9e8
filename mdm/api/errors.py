"""The one table that maps domain errors to HTTP answers, and the stable error shape."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from mdm.api.access import Forbidden, Unauthenticated
from mdm.api.parameters import UnknownParameterError
from mdm.domain.entities import UnknownEntityError
from mdm.domain.errors import ConflictError, InvalidCursorError, NotFoundError
from mdm.ingest.errors import ExtractError
from mdm.resolve.lookup import InvalidRecordError, NoModelError

STATUS_BY_ERROR: dict[type[Exception], tuple[int, str]] = {
    NotFoundError: (404, "not_found"),
    ConflictError: (409, "conflict"),
    UnknownEntityError: (404, "unknown_entity"),
    ExtractError: (422, "invalid_extract"),
    InvalidCursorError: (422, "invalid_cursor"),
    InvalidRecordError: (422, "invalid_record"),
    NoModelError: (409, "not_matched_yet"),
    Unauthenticated: (401, "unauthenticated"),
    Forbidden: (403, "forbidden"),
    UnknownParameterError: (422, "invalid_request"),
}
HEADERS_BY_STATUS = {401: {"WWW-Authenticate": 'Bearer realm="mdm"'}}


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or []}}


def install(app: FastAPI) -> None:
    for error_type, (status, code) in STATUS_BY_ERROR.items():
        app.add_exception_handler(error_type, _handler(status, code))
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]


def _handler(status: int, code: str) -> Any:
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        issues = getattr(exc, "issues", ())
        details = [{"field": i.field, "reason": i.reason} for i in issues]
        return JSONResponse(
            error_body(code, str(exc), details), status, headers=HEADERS_BY_STATUS.get(status)
        )

    return handle


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    details = [
        {"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"), "reason": e.get("msg")}
        for e in exc.errors()
    ]
    return JSONResponse(error_body("invalid_request", "the request is not valid", details), 422)


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = {
        400: "bad_request",
        404: "not_found",
        405: "method_not_allowed",
        401: "unauthorised",
        403: "forbidden",
    }
    return JSONResponse(
        error_body(code.get(exc.status_code, "http_error"), str(exc.detail)), exc.status_code
    )
