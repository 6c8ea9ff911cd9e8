"""The fake org's sObject Describe (``GET .../sobjects/Account/describe``: the fields, each
``updateable`` or not) and its sObject Rows resource for updates: ``PATCH /services/data/vNN.N/sobjects/
Account/{Id}``, 204 on success, with the conditional header ``If-Unmodified-Since`` (an HTTP
date: 412 ``PRECONDITION_FAILED`` when the record changed after it, compared to the second),
404 ``NOT_FOUND`` for an unknown id, 400 for an unknown or read-only field."""

from __future__ import annotations

from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

if TYPE_CHECKING:
    from tests.fakes.salesforce import Org


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse([{"message": message, "errorCode": code}], status)


def add_rows_route(app: FastAPI, org: Org, limited: Callable[[JSONResponse], JSONResponse]) -> None:
    from tests.fakes.salesforce import ACCOUNT_FIELDS, HUB_USER, SYSTEM_FIELDS, stamp
    from tests.fakes.salesforce_query import _comparable

    @app.get("/services/data/{version}/sobjects/Account/describe")
    async def describe(version: str, request: Request) -> Response:
        org.api_calls += 1
        if request.headers.get("authorization", "").removeprefix("Bearer ") not in org.tokens:
            return limited(_error(401, "INVALID_SESSION_ID", "Session expired or invalid"))
        fields = [{"name": n, "updateable": True, "type": "string"} for n in sorted(ACCOUNT_FIELDS)]
        fields += [{"name": n, "updateable": False, "type": "id"} for n in sorted(SYSTEM_FIELDS)]
        return limited(JSONResponse({"name": "Account", "updateable": True, "fields": fields}))

    @app.patch("/services/data/{version}/sobjects/Account/{account_id}")
    async def update(version: str, account_id: str, request: Request) -> Response:
        org.api_calls += 1
        if request.headers.get("authorization", "").removeprefix("Bearer ") not in org.tokens:
            return limited(_error(401, "INVALID_SESSION_ID", "Session expired or invalid"))
        body = await request.json()
        unknown = sorted(set(body) - ACCOUNT_FIELDS) if isinstance(body, dict) else ["(body)"]
        if unknown:
            return limited(_error(400, "INVALID_FIELD",
                                  f"No such column '{unknown[0]}' on sobject of type Account"))  # fmt: skip
        with org.lock:
            account = org.accounts.get(account_id)
            if account is None:
                return limited(_error(404, "NOT_FOUND", "The requested resource does not exist"))
            since = request.headers.get("if-unmodified-since")
            if since is not None:
                limit = parsedate_to_datetime(since).strftime("%Y-%m-%dT%H:%M:%S") + ".999"
                if _comparable(account["SystemModstamp"]) > limit:
                    return limited(_error(412, "PRECONDITION_FAILED",
                                          "The record was modified after If-Unmodified-Since"))  # fmt: skip
            account.update(body)
            stamp(account, HUB_USER)
        return Response(status_code=204)
