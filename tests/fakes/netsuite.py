"""A fake NetSuite account (NetSuite cannot run here), following the REST record service's
documented contract for what the connector uses:

- ``PUT /services/rest/record/v1/customer/eid:{externalId}``: upsert by external id; 204 with
  ``Location: .../customer/{internalId}``. ``PATCH`` on the same path updates an existing
  record only (404 otherwise). Needs ``Authorization: Bearer`` or a
  token-based authentication header (tests/fakes/netsuite_auth.py); 401 otherwise.
- Errors are RFC 9457 problem details with ``o:errorDetails`` (``detail``, ``o:errorPath``,
  ``o:errorCode``): an unknown field (``INVALID_KEY_OR_REF``... here ``USER_ERROR`` naming the
  field), a new customer without ``companyName``, a missing ``subsidiary``.
- ``POST /services/rest/query/v1/suiteql?limit=N&offset=M`` with ``Prefer: transient`` and
  ``{"q": SuiteQL}``: the connector's one query shape on ``customer`` (tests/fakes/
  netsuite_query.py), answered ``{"links", "count", "hasMore", "items", "offset",
  "totalResults"}`` with a ``next`` link while more remain; ``lastmodifieddate`` is kept to
  the second, as NetSuite does.
- 429 with ``CONCURRENCY_LIMIT_EXCEEDED`` when more requests arrive than the account's
  concurrency limit (a test queues them).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from tests.fakes.netsuite_auth import authorized

TOKEN = "fake-netsuite-access-token"
CUSTOMER = {
    "externalId",
    "companyName",
    "email",
    "phone",
    "url",
    "isInactive",
    "subsidiary",
    "defaultAddress",
}


@dataclass
class Account:
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)  # externalId -> record
    busy: int = 0  # how many coming requests answer 429
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(101))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def user_edit(self, external: str, **values: Any) -> None:
        with self.lock:
            self.customers[external].update(values, lastModifiedDate=_now())


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _problem(
    status: int, title: str, code: str, detail: str, path: str | None = None
) -> JSONResponse:
    item = {"detail": detail, "o:errorCode": code, **({"o:errorPath": path} if path else {})}
    body = {"type": f"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.{status - 399}",
            "title": title, "status": status, "o:errorDetails": [item]}  # fmt: skip
    return JSONResponse(body, status, media_type="application/vnd.oracle.resource+json; type=error")


def make_app(account: Account) -> FastAPI:
    app = FastAPI()

    @app.api_route("/services/rest/record/v1/customer/{key}", methods=["PUT", "PATCH"])
    async def customer(key: str, request: Request) -> Response:
        if not authorized(request, TOKEN):
            return _problem(401, "Unauthorized", "INVALID_LOGIN", "Invalid login attempt.")
        with account.lock:
            if account.busy:
                account.busy -= 1
                return _problem(429, "Too Many Requests", "CONCURRENCY_LIMIT_EXCEEDED",
                                "Concurrent request limit exceeded. Request blocked.")  # fmt: skip
        if not key.startswith("eid:"):
            return _problem(404, "Not Found", "NONEXISTENT_ID", f"Record {key} does not exist.")
        body = await request.json()
        with account.lock:
            return _apply(account, key.removeprefix("eid:"), body, request.method, str(request.url))

    from tests.fakes.netsuite_query import add_query_routes

    add_query_routes(app, account)
    return app


def _apply(account: Account, external: str, body: Any, method: str, url: str) -> Response:
    unknown = sorted(set(body) - CUSTOMER) if isinstance(body, dict) else ["(body)"]
    if unknown:
        return _problem(
            400, "Bad Request", "USER_ERROR", f"Invalid field: {unknown[0]}.", unknown[0]
        )
    record = account.customers.get(external)
    if record is None and method == "PATCH":
        return _problem(
            404, "Not Found", "NONEXISTENT_ID", f"Record eid:{external} does not exist."
        )
    if record is None and not body.get("companyName"):
        return _problem(
            400,
            "Bad Request",
            "USER_ERROR",
            "Please enter value(s) for: Company Name.",
            "companyName",
        )
    if record is None and not (body.get("subsidiary") or {}).get("id"):
        return _problem(
            400, "Bad Request", "USER_ERROR", "Please enter value(s) for: Subsidiary.", "subsidiary"
        )
    if record is None:
        record = account.customers[external] = {
            "id": str(next(account.ids)),
            "externalId": external,
        }
    record.update(body, lastModifiedDate=_now())
    return Response(
        status_code=204, headers={"Location": url.rsplit("/", 1)[0] + f"/{record['id']}"}
    )
