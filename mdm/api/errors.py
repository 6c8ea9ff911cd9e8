"""The one table that maps domain errors to HTTP answers, and the stable error shape."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from mdm.api.access import Forbidden, Throttled, Unauthenticated
from mdm.api.idempotency import IdempotencyKeyReusedError
from mdm.api.parameters import UnknownParameterError
from mdm.domain.entities import UnknownEntityError
from mdm.domain.errors import ConflictError, InvalidCursorError, NotFoundError
from mdm.ingest.errors import ExtractError
from mdm.ingest.realtime import StaleVersionError
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
    Throttled: (429, "too_many_requests"),
    StaleVersionError: (412, "stale_version"),
    IdempotencyKeyReusedError: (422, "idempotency_key_reused"),
    UnknownParameterError: (422, "invalid_request"),
}
HEADERS_BY_STATUS = {401: {"WWW-Authenticate": 'Bearer realm="mdm"'}}


def error_body(code: str, message: str, details: list[Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or []}}


QUERY_CANCELED = "57014"  # PostgreSQL's statement_timeout (the request timeout) fired


def install(app: FastAPI) -> None:
    for error_type, (status, code) in STATUS_BY_ERROR.items():
        app.add_exception_handler(error_type, _handler(status, code))
    app.add_exception_handler(OperationalError, _database)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]


def _handler(status: int, code: str) -> Any:
    async def handle(request: Request, exc: Exception) -> JSONResponse:
        issues = getattr(exc, "issues", ())
        details = [{"field": i.field, "reason": i.reason} for i in issues]
        headers = {**HEADERS_BY_STATUS.get(status, {}), **getattr(exc, "headers", {})}
        return JSONResponse(error_body(code, str(exc), details), status, headers=headers)

    return handle


async def _database(request: Request, exc: OperationalError) -> JSONResponse:
    """A request whose database work outran the timeout is 503; anything else is a fault."""
    if getattr(exc.orig, "sqlstate", None) != QUERY_CANCELED:
        raise exc
    message = "the request took longer than the hub allows (MDM_REQUEST_TIMEOUT_SECONDS)"
    return JSONResponse(error_body("request_timeout", message), 503, headers={"Retry-After": "1"})


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
