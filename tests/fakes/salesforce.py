"""A fake Salesforce org for the tests (Salesforce cannot run here), following the REST API's
documented contract for what the connector uses:

- ``POST /services/oauth2/token`` (client-credentials or username-password flow, the password
  followed by the security token; form-encoded): 200 with ``access_token``, ``instance_url``,
  ``token_type``, ``issued_at``, ``id``; 400 ``invalid_client`` / ``invalid_grant``.
- ``PATCH /services/data/vNN.N/composite/sobjects/{SObject}/{ExternalIdField}``: needs
  ``Authorization: Bearer``, else 401 ``[{"message", "errorCode": "INVALID_SESSION_ID"}]``; the
  body is ``{"allOrNone": bool, "records": [...]}`` with at most 200 records, each with
  ``attributes.type`` equal to the sObject and the external id field (else 400 with an error
  list). 200 answers one result per record in order: ``{"id", "success": true, "errors": [],
  "created"}`` or ``{"success": false, "errors": [{"statusCode", "message", "fields"}]}``;
  ``allOrNone: true`` with a failing record rolls the whole request back. Every answer carries
  ``Sforce-Limit-Info: api-usage=N/LIMIT``.

- ``PATCH /services/data/vNN.N/sobjects/Account/{ExternalIdField}/{value}``: one record's
  upsert; 201 created with ``{"id", "success", "errors", "created": true}``, an update 204
  (before API 46.0) or 200 with the same body; 400 with the error list for a refused record.
- ``GET /services/data/vNN.N/query?q=SOQL``: ``SELECT fields FROM Account [WHERE SystemModstamp
  > 2026-12-02T07:00:00.000Z] ORDER BY SystemModstamp`` (unknown fields: 400 ``INVALID_FIELD``,
  anything else: 400 ``MALFORMED_QUERY``); 200 ``{"totalSize", "done", "records",
  "nextRecordsUrl"}``, each record with ``attributes {type, url}``; a result larger than the
  batch size is paged through ``nextRecordsUrl`` (``GET /services/data/vNN.N/query/{locator}``).

- ``PATCH /services/data/vNN.N/sobjects/Account/{Id}`` with ``If-Unmodified-Since``
  (tests/fakes/salesforce_rows.py).

Every write stamps ``SystemModstamp`` and ``LastModifiedById`` (the integration user the token
belongs to, named in the token answer's identity ``id`` URL); ``user_edit`` changes an account
as another user. The org knows Account's fields (unknown ones: ``INVALID_FIELD``; a new Account without
``Name``: ``REQUIRED_FIELD_MISSING``). A test can expire sessions and queue 503/429 answers.
"""

from __future__ import annotations

import itertools
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

HUB_USER, OTHER_USER = "005000000000001AAA", "005000000000002AAA"
ACCOUNT_FIELDS = {
    "Name", "Website", "Phone", "BillingStreet", "BillingCity", "BillingPostalCode",
    "BillingCountry", "AccountNumber", "MDM_Golden_Id__c", "MDM_Active__c",
}  # fmt: skip
SYSTEM_FIELDS = {"Id", "SystemModstamp", "LastModifiedById"}  # read only
CLIENT_ID, CLIENT_SECRET = "3MVG9-fake-consumer-key", "fake-consumer-secret"
USERNAME, PASSWORD, SECURITY_TOKEN = "mdm-hub@example.com", "fake-password", "fakeSecToken"
API_LIMIT = 15_000


@dataclass
class Org:
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> fields
    tokens: set[str] = field(default_factory=set)
    queued: list[tuple[int, str | None]] = field(default_factory=list)  # (status, Retry-After)
    api_calls: int = 0
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    lock: threading.Lock = field(default_factory=threading.Lock)
    query_page: int = 2000  # records per query answer (Salesforce's default batch size)
    cursors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # locator -> rest

    def user_edit(self, account_id: str, **values: Any) -> None:
        with self.lock:
            self.accounts[account_id].update(values)
            stamp(self.accounts[account_id], OTHER_USER)

    def by_external_id(self, name: str, value: str) -> str | None:
        return next((i for i, a in self.accounts.items() if a.get(name) == value), None)


def stamp(account: dict[str, Any], user: str) -> None:
    """Salesforce keeps millisecond timestamps and moves SystemModstamp on every change."""
    time.sleep(0.002)
    now = datetime.now(UTC)
    account["SystemModstamp"] = (
        now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}+0000"
    )
    account["LastModifiedById"] = user


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse([{"message": message, "errorCode": code}], status)


def make_app(org: Org) -> FastAPI:
    app = FastAPI()

    def limited(response: JSONResponse) -> JSONResponse:
        response.headers["Sforce-Limit-Info"] = f"api-usage={org.api_calls}/{API_LIMIT}"
        return response

    @app.post("/services/oauth2/token")
    async def token(request: Request) -> JSONResponse:
        form = await request.form()
        grant = form.get("grant_type")
        if grant == "password" and (
            form.get("username") != USERNAME or form.get("password") != PASSWORD + SECURITY_TOKEN
        ):
            return JSONResponse(
                {"error": "invalid_grant", "error_description": "authentication failure"}, 400
            )
        if grant not in ("client_credentials", "password"):
            return JSONResponse(
                {
                    "error": "unsupported_grant_type",
                    "error_description": "grant type not supported",
                },
                400,
            )
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return JSONResponse(
                {"error": "invalid_client", "error_description": "invalid client credentials"}, 400
            )
        issued = secrets.token_urlsafe(24)
        org.tokens.add(issued)
        base = str(request.base_url).rstrip("/")
        return JSONResponse(
            {
                "access_token": issued,
                "instance_url": base,
                "token_type": "Bearer",
                "issued_at": str(int(time.time() * 1000)),
                "id": f"{base}/id/00D000000000001AAA/{HUB_USER}",
            }
        )

    @app.patch("/services/data/{version}/composite/sobjects/{sobject}/{external}")
    async def upsert(version: str, sobject: str, external: str, request: Request) -> JSONResponse:
        org.api_calls += 1
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if bearer not in org.tokens:
            return limited(_error(401, "INVALID_SESSION_ID", "Session expired or invalid"))
        if org.queued:
            return limited(_queued(org))
        if (
            not re.fullmatch(r"v\d+\.\d", version)
            or sobject != "Account"
            or external not in ACCOUNT_FIELDS
        ):
            return limited(_error(404, "NOT_FOUND", "The requested resource does not exist"))
        body = await request.json()
        problem = _shape_problem(body, sobject, external)
        if problem:
            return limited(_error(400, "JSON_PARSER_ERROR", problem))
        with org.lock:
            return limited(JSONResponse(_apply(org, body, external)))

    @app.patch("/services/data/{version}/sobjects/Account/{external}/{value}")
    async def upsert_one(version: str, external: str, value: str, request: Request) -> Response:
        org.api_calls += 1
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if bearer not in org.tokens:
            return limited(_error(401, "INVALID_SESSION_ID", "Session expired or invalid"))
        if org.queued:
            return limited(_queued(org))
        if external not in ACCOUNT_FIELDS:
            return limited(_error(404, "NOT_FOUND", "The requested resource does not exist"))
        body = await request.json()
        if not isinstance(body, dict) or "attributes" in body or body.get(external, value) != value:
            return limited(
                _error(400, "JSON_PARSER_ERROR", "a record's fields, without attributes")
            )
        with org.lock:
            result = _upsert_one(org, {**body, external: value}, external)
        if not result["success"]:
            errors = [{"message": e["message"], "errorCode": e["statusCode"],
                       "fields": e.get("fields", [])} for e in result["errors"]]  # fmt: skip
            return limited(JSONResponse(errors, 400))
        if result["created"]:
            return limited(JSONResponse(result, 201))
        if float(version.removeprefix("v")) >= 46.0:  # since 46.0 an update answers its body
            return limited(JSONResponse(result, 200))
        answer = Response(status_code=204)
        answer.headers["Sforce-Limit-Info"] = f"api-usage={org.api_calls}/{API_LIMIT}"
        return answer

    from tests.fakes.salesforce_query import add_query_routes

    add_query_routes(app, org, limited)
    from tests.fakes.salesforce_rows import add_rows_route

    add_rows_route(app, org, limited)
    return app


def _queued(org: Org) -> JSONResponse:
    """The next queued refusal: 503 SERVER_UNAVAILABLE or 429 REQUEST_LIMIT_EXCEEDED."""
    status, wait = org.queued.pop(0)
    code = "SERVER_UNAVAILABLE" if status == 503 else "REQUEST_LIMIT_EXCEEDED"
    answer = _error(status, code, "try later")
    if wait:
        answer.headers["Retry-After"] = wait
    return answer


def _shape_problem(body: Any, sobject: str, external: str) -> str | None:
    if not isinstance(body, dict) or set(body) - {"allOrNone", "records"}:
        return "the body must be {allOrNone, records}"
    if not isinstance(body.get("allOrNone", False), bool) or not isinstance(
        body.get("records"), list
    ):
        return "allOrNone must be a boolean and records a list"
    if len(body["records"]) > 200:
        return "EXCEEDED_ID_LIMIT: record limit is 200"
    for record in body["records"]:
        if not isinstance(record, dict) or (record.get("attributes") or {}).get("type") != sobject:
            return "every record needs attributes.type"
        if not record.get(external):
            return f"every record needs {external}"
    return None


def _apply(org: Org, body: dict[str, Any], external: str) -> list[dict[str, Any]]:
    before = {k: dict(v) for k, v in org.accounts.items()}
    results = [_upsert_one(org, record, external) for record in body["records"]]
    if body.get("allOrNone") and not all(r["success"] for r in results):
        org.accounts = before
        rolled = {
            "statusCode": "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "message": "Record rolled back",
        }
        return [r if not r["success"] else {"success": False, "errors": [rolled]} for r in results]
    return results


def _upsert_one(org: Org, record: dict[str, Any], external: str) -> dict[str, Any]:
    values = {k: v for k, v in record.items() if k != "attributes"}
    unknown = sorted(set(values) - ACCOUNT_FIELDS)
    if unknown:
        message = f"No such column '{unknown[0]}' on sobject of type Account"
        return {
            "success": False,
            "errors": [{"statusCode": "INVALID_FIELD", "message": message, "fields": unknown}],
        }
    existing = org.by_external_id(external, values[external])
    if existing is None and not values.get("Name"):
        return {"success": False, "errors": [
            {"statusCode": "REQUIRED_FIELD_MISSING", "message": "Required fields are missing: [Name]", "fields": ["Name"]}
        ]}  # fmt: skip
    if existing is None:
        existing = f"001{next(org.ids):015d}"
        org.accounts[existing] = {}
        created = True
    else:
        created = False
    org.accounts[existing].update(values, Id=existing)
    stamp(org.accounts[existing], HUB_USER)
    return {"id": existing, "success": True, "errors": [], "created": created}
