"""The fake account's metadata catalog (a record type's JSON schema) and SuiteQL resource: the connector's one query shape on ``customer``,
checked against the table's columns, paged with ``limit``/``offset`` and ``links``."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from tests.fakes.netsuite_auth import authorized

if TYPE_CHECKING:
    from tests.fakes.netsuite import Account

STAMP = "YYYY-MM-DD HH24:MI:SS"
QUERY = re.compile(
    r"^SELECT (?P<columns>[a-z, ]+), TO_CHAR\(lastmodifieddate, '" + STAMP + r"'\) AS modified"
    r" FROM customer"
    r"(?: WHERE lastmodifieddate >= TO_TIMESTAMP\('(?P<since>[\d\- :]{19})', '" + STAMP + r"'\))?"
    r" ORDER BY lastmodifieddate, id$"
)
COLUMNS = {  # SuiteQL column -> REST record field
    "id": "id", "externalid": "externalId", "companyname": "companyName", "email": "email",
    "phone": "phone", "url": "url", "isinactive": "isInactive",
}  # fmt: skip


def _row(record: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"links": []}
    for column in columns:
        value = record.get(COLUMNS[column])
        if column == "isinactive":
            value = "T" if value else "F"
        if value is not None:  # SuiteQL leaves empty columns out of an item
            row[column] = value
    row["modified"] = record["lastModifiedDate"].strftime("%Y-%m-%d %H:%M:%S")
    return row


def add_query_routes(app: FastAPI, account: Account) -> None:
    from tests.fakes.netsuite import CUSTOMER, TOKEN, _problem

    @app.get("/services/rest/record/v1/metadata-catalog/customer")
    async def catalog(request: Request) -> Response:
        if not authorized(request, TOKEN):
            return _problem(401, "Unauthorized", "INVALID_LOGIN", "Invalid login attempt.")
        if request.headers.get("accept") != "application/schema+json":
            return _problem(406, "Not Acceptable", "INVALID_HEADER", "Accept a JSON schema.")
        properties = {name: {"type": "string", "title": name} for name in sorted(CUSTOMER)}
        return JSONResponse({"type": "object", "properties": properties},
                            media_type="application/schema+json")  # fmt: skip

    @app.post("/services/rest/query/v1/suiteql")
    async def suiteql(request: Request) -> Response:
        if not authorized(request, TOKEN):
            return _problem(401, "Unauthorized", "INVALID_LOGIN", "Invalid login attempt.")
        with account.lock:
            if account.busy:
                account.busy -= 1
                return _problem(429, "Too Many Requests", "CONCURRENCY_LIMIT_EXCEEDED",
                                "Concurrent request limit exceeded. Request blocked.")  # fmt: skip
        if request.headers.get("prefer") != "transient":
            return _problem(400, "Bad Request", "INVALID_HEADER", "Prefer: transient is required.")
        body = await request.json()
        found = QUERY.match(str(body.get("q", ""))) if isinstance(body, dict) else None
        if not found:
            return _problem(400, "Bad Request", "INVALID_PARAMETER", "Invalid search query.")
        columns = [c.strip() for c in found["columns"].split(",")]
        unknown = [c for c in columns if c not in COLUMNS]
        if unknown:
            return _problem(400, "Bad Request", "INVALID_PARAMETER",
                            f"Unknown identifier '{unknown[0]}'.")  # fmt: skip
        limit = min(int(request.query_params.get("limit", 1000)), 1000)
        offset = int(request.query_params.get("offset", 0))
        since = (
            datetime.fromisoformat(found["since"]).replace(tzinfo=UTC) if found["since"] else None
        )
        with account.lock:
            chosen = [
                r for r in account.customers.values()
                if since is None or r["lastModifiedDate"] >= since
            ]  # fmt: skip
        chosen.sort(key=lambda r: (r["lastModifiedDate"], int(r["id"])))
        items = [_row(r, columns) for r in chosen[offset : offset + limit]]
        base = str(request.url).split("?")[0]
        more = offset + limit < len(chosen)
        links = [{"rel": "self", "href": f"{base}?limit={limit}&offset={offset}"}]
        if more:
            links.append({"rel": "next", "href": f"{base}?limit={limit}&offset={offset + limit}"})
        return JSONResponse({"links": links, "count": len(items), "hasMore": more,
                             "items": items, "offset": offset, "totalResults": len(chosen)})  # fmt: skip
