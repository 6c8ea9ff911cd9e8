"""The fake org's SOQL query resource: the one query shape the connector sends, checked
against the fields Account has, answered in pages linked by ``nextRecordsUrl``."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

if TYPE_CHECKING:
    from tests.fakes.salesforce import Org

BY_ID = re.compile(
    r"^SELECT Id, SystemModstamp FROM Account WHERE Id IN \((?P<ids>'\w+'(?:, '\w+')*)\)$"
)
QUERY = re.compile(
    r"^SELECT (?P<fields>[\w, ]+) FROM Account"
    r"(?: WHERE SystemModstamp > (?P<since>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z))?"
    r" ORDER BY SystemModstamp ASC$"
)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse([{"message": message, "errorCode": code}], status)


def _comparable(stamp: str) -> str:
    """Both ``2026-12-02T07:00:00.123+0000`` (stored) and ``...Z`` (SOQL literal), to ms."""
    head, _, rest = stamp.partition(".")
    millis = "".join(ch for ch in rest if ch.isdigit())[:3] if rest else ""
    return head.removesuffix("Z") + "." + millis.ljust(3, "0")


def add_query_routes(
    app: FastAPI, org: Org, limited: Callable[[JSONResponse], JSONResponse]
) -> None:
    from tests.fakes.salesforce import ACCOUNT_FIELDS, SYSTEM_FIELDS

    def page(version: str, rows: list[dict[str, Any]], total: int) -> JSONResponse:
        head, rest = rows[: org.query_page], rows[org.query_page :]
        body: dict[str, Any] = {"totalSize": total, "done": not rest, "records": head}
        if rest:
            locator = f"01g{secrets.token_hex(6)}-{total - len(rest)}"
            org.cursors[locator] = rest
            body["nextRecordsUrl"] = f"/services/data/{version}/query/{locator}"
        return limited(JSONResponse(body))

    def authorized(request: Request) -> bool:
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        return bearer in org.tokens

    @app.get("/services/data/{version}/query")
    async def query(version: str, request: Request) -> JSONResponse:
        org.api_calls += 1
        if not authorized(request):
            return limited(_error(401, "INVALID_SESSION_ID", "Session expired or invalid"))
        if org.queued:
            status, wait = org.queued.pop(0)
            answer = _error(status, "REQUEST_LIMIT_EXCEEDED", "try later")
            if wait:
                answer.headers["Retry-After"] = wait
            return limited(answer)
        by_id = BY_ID.match(request.query_params.get("q", ""))
        if by_id:
            ids = [i.strip("'") for i in by_id["ids"].split(", ")]
            with org.lock:
                rows = [
                    {"attributes": {"type": "Account"}, "Id": i,
                     "SystemModstamp": org.accounts[i]["SystemModstamp"]}
                    for i in ids if i in org.accounts
                ]  # fmt: skip
            return page(version, rows, len(rows))
        found = QUERY.match(request.query_params.get("q", ""))
        if not found:
            return limited(_error(400, "MALFORMED_QUERY", "unexpected token in the query"))
        fields = [f.strip() for f in found["fields"].split(",")]
        unknown = [f for f in fields if f not in ACCOUNT_FIELDS | SYSTEM_FIELDS]
        if unknown:
            message = f"No such column '{unknown[0]}' on entity 'Account'."
            return limited(_error(400, "INVALID_FIELD", message))
        since = _comparable(found["since"]) if found["since"] else ""
        with org.lock:
            chosen = [
                (acc_id, acc) for acc_id, acc in org.accounts.items()
                if _comparable(acc["SystemModstamp"]) > since
            ]  # fmt: skip
        chosen.sort(key=lambda item: _comparable(item[1]["SystemModstamp"]))
        rows = [
            {"attributes": {"type": "Account",
                            "url": f"/services/data/{version}/sobjects/Account/{acc_id}"},
             **{f: acc.get(f) for f in fields}}
            for acc_id, acc in chosen
        ]  # fmt: skip
        return page(version, rows, len(rows))

    @app.get("/services/data/{version}/query/{locator}")
    async def more(version: str, locator: str, request: Request) -> JSONResponse:
        org.api_calls += 1
        if not authorized(request):
            return limited(_error(401, "INVALID_SESSION_ID", "Session expired or invalid"))
        rest = org.cursors.pop(locator, None)
        if rest is None:
            return limited(_error(400, "INVALID_QUERY_LOCATOR", "invalid query locator"))
        total = int(locator.rsplit("-", 1)[1]) + len(rest)
        return page(version, rest, total)
