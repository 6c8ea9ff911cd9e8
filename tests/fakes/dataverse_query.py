"""The fake environment's reads: ``WhoAmI``, the account table's attributes and the accounts collection filtered on
``modifiedon``, paged by ``@odata.nextLink`` as ``Prefer: odata.maxpagesize`` asks."""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

if TYPE_CHECKING:
    from tests.fakes.dataverse import Environment

SINCE = re.compile(r"^modifiedon gt (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z)$")
READABLE = {"accountid", "modifiedon", "_modifiedby_value", "versionnumber"}


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status)


def _millis(stamp: str) -> str:
    head, _, rest = stamp.removesuffix("Z").partition(".")
    return head + "." + rest.ljust(3, "0")[:3]


def add_query_routes(app: FastAPI, env: Environment) -> None:
    from tests.fakes.dataverse import ACCOUNT, HUB_USER, _representation

    def allowed(request: Request) -> JSONResponse | None:
        if request.headers.get("authorization", "").removeprefix("Bearer ") not in env.tokens:
            return _error(401, "0x80072560", "The user is not a member of the organization.")
        if env.throttled:
            answer = _error(429, "0x80072321", "Number of requests exceeded the limit")
            answer.headers["Retry-After"] = env.throttled.pop(0)
            return answer
        return None

    def page(request: Request, rows: list[dict[str, Any]], size: int) -> JSONResponse:
        base = str(request.base_url).rstrip("/")
        body: dict[str, Any] = {"@odata.context": f"{base}/api/data/v9.2/$metadata#accounts",
                                "value": rows[:size]}  # fmt: skip
        if rows[size:]:
            token = secrets.token_hex(8)
            env.cursors[token] = rows[size:]
            body["@odata.nextLink"] = f"{base}/api/data/v9.2/accounts?$skiptoken={token}"
        return JSONResponse(body)

    @app.get("/api/data/v9.2/EntityDefinitions(LogicalName='account')/Attributes")
    async def attributes(request: Request) -> JSONResponse:
        refused = allowed(request)
        if refused:
            return refused
        columns = [{"LogicalName": n, "IsValidForUpdate": True} for n in sorted(ACCOUNT)]
        columns += [{"LogicalName": n, "IsValidForUpdate": False} for n in sorted(READABLE)]
        return JSONResponse({"value": columns})

    @app.get("/api/data/v9.2/WhoAmI")
    async def who_am_i(request: Request) -> JSONResponse:
        refused = allowed(request)
        return refused or JSONResponse({"UserId": HUB_USER, "BusinessUnitId": "bu-1",
                                        "OrganizationId": "org-1"})  # fmt: skip

    @app.get("/api/data/v9.2/accounts")
    async def accounts(request: Request) -> JSONResponse:
        refused = allowed(request)
        if refused:
            return refused
        found = re.search(r"odata\.maxpagesize=(\d+)", request.headers.get("prefer", ""))
        size = int(found.group(1)) if found else 5000
        query = request.query_params
        if "$skiptoken" in query:
            rest = env.cursors.pop(query["$skiptoken"], None)
            if rest is None:
                return _error(400, "0x80060888", "The $skiptoken is not valid.")
            return page(request, rest, size)
        select = [c for c in query.get("$select", "").split(",") if c]
        unknown = [c for c in select if c not in ACCOUNT | READABLE]
        if unknown:
            return _error(400, "0x80060888",
                          f"Could not find a property named '{unknown[0]}' on type 'account'.")  # fmt: skip
        since = SINCE.match(query.get("$filter", "")) if "$filter" in query else None
        if "$filter" in query and not since:
            return _error(400, "0x80060888", "The query parameter $filter is not supported.")
        if query.get("$orderby", "modifiedon asc") != "modifiedon asc":
            return _error(400, "0x80060888", "The query parameter $orderby is not supported.")
        floor = _millis(since.group(1)) if since else ""
        with env.lock:
            chosen = [r for r in env.accounts.values() if _millis(r["modifiedon"]) > floor]
        chosen.sort(key=lambda r: _millis(r["modifiedon"]))
        rows = [
            {k: v for k, v in _representation(r).items() if not select or k in select
             or k in ("@odata.etag", "accountid")}
            for r in chosen
        ]  # fmt: skip
        return page(request, rows, size)
