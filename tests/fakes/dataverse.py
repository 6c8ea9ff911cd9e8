"""A fake Dataverse environment (Dynamics 365 cannot run here), following the Web API's
documented contract for what the connector uses:

- ``POST {token_url}``: Entra ID client-credentials grant (form: ``grant_type``, ``client_id``,
  ``client_secret``, ``scope`` = environment URL + ``/.default``) -> ``access_token``.
- ``PATCH /api/data/v9.2/accounts(mdm_goldenid='...')``: upsert by alternate key. Needs
  ``Authorization: Bearer`` (else 401) and ``OData-Version: 4.0``. ``If-Match: *`` updates
  only (404 when absent), ``If-Match: W/"n"`` updates only that version (412 when the record
  changed), ``If-None-Match: *`` creates only (412 when present). With ``Prefer:
  return=representation`` it answers 201 (created) or 200 (updated) with the record,
  ``accountid`` and ``@odata.etag``; without, 204. Errors are ``{"error": {"code",
  "message"}}``: an unknown property, a new account without ``name``.

- ``GET /api/data/v9.2/WhoAmI``: the application user the token belongs to (``UserId``).
- ``GET /api/data/v9.2/accounts?$select=...&$filter=modifiedon gt <UTC>&$orderby=modifiedon
  asc`` with ``Prefer: odata.maxpagesize=N``: ``{"value": [...], "@odata.nextLink"}`` pages,
  each row with ``@odata.etag``, ``modifiedon`` and ``_modifiedby_value``; an unknown
  ``$select`` column or filter is 400 (tests/fakes/dataverse_query.py).

Every write stamps ``modifiedon`` and ``_modifiedby_value``. - ``POST /api/data/v9.2/$batch`` (``multipart/mixed``): changesets of PATCH requests, each
  answered inside the batch's ``multipart/mixed`` response with its own status line
  (tests/fakes/dataverse_batch.py).

A test can queue 429 answers (service protection limits, with ``Retry-After``) and change a
record as a user would (its version moves on).
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

ACCOUNT = {
    "name", "telephone1", "websiteurl", "address1_line1", "address1_city", "address1_postalcode",
    "address1_country", "mdm_goldenid", "statecode", "statuscode",
}  # fmt: skip
CLIENT_ID, CLIENT_SECRET = "00000000-fake-app", "fake-app-secret"
HUB_USER, OTHER_USER = (
    "5d4c3b2a-0000-4000-8000-00000000a991",
    "5d4c3b2a-0000-4000-8000-00000000b002",
)
KEY = re.compile(r"^accounts\(mdm_goldenid='((?:[^']|'')+)'\)$")


@dataclass
class Environment:
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)  # golden id -> record
    tokens: set[str] = field(default_factory=set)
    throttled: list[str] = field(default_factory=list)  # Retry-After values of queued 429s
    versions: Iterator[int] = field(default_factory=lambda: itertools.count(1000))
    lock: threading.Lock = field(default_factory=threading.Lock)
    cursors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # skiptoken -> rest

    def user_edit(self, golden_id: str, **values: Any) -> None:
        with self.lock:
            self.accounts[golden_id].update(values, versionnumber=next(self.versions))
            stamp(self.accounts[golden_id], OTHER_USER)


def stamp(record: dict[str, Any], user: str) -> None:
    time.sleep(0.002)  # Dataverse keeps modifiedon to the millisecond: no two writes alike
    now = datetime.now(UTC)
    record["modifiedon"] = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
    record["_modifiedby_value"] = user


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status)


def _representation(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "@odata.etag": f'W/"{record["versionnumber"]}"'}


def make_app(env: Environment) -> FastAPI:
    app = FastAPI()

    @app.post("/tenant/oauth2/v2.0/token")
    async def token(request: Request) -> JSONResponse:
        form = await request.form()
        ok = (form.get("grant_type") == "client_credentials" and form.get("client_id") == CLIENT_ID
              and form.get("client_secret") == CLIENT_SECRET and str(form.get("scope", "")).endswith("/.default"))  # fmt: skip
        if not ok:
            return JSONResponse(
                {"error": "invalid_client", "error_description": "AADSTS7000215"}, 401
            )
        issued = secrets.token_urlsafe(24)
        env.tokens.add(issued)
        return JSONResponse({"token_type": "Bearer", "expires_in": 3599, "access_token": issued})

    from tests.fakes.dataverse_query import add_query_routes

    add_query_routes(app, env)

    @app.patch("/api/data/v9.2/{target}")
    async def upsert(target: str, request: Request) -> Response:
        refused = gate(env, request.headers)
        if refused:
            return refused
        return patch(env, target, request.headers, await request.body())

    from tests.fakes.dataverse_batch import add_batch_route

    add_batch_route(app, env)
    return app


def gate(env: Environment, headers: Mapping[str, str]) -> Response | None:
    """What every request meets first: the token, the OData version, service protection."""
    if headers.get("authorization", "").removeprefix("Bearer ") not in env.tokens:
        return _error(401, "0x80072560", "The user is not a member of the organization.")
    if headers.get("odata-version") != "4.0":
        return _error(400, "0x0", "OData-Version 4.0 is required")
    if env.throttled:
        answer = _error(429, "0x80072321", "Number of requests exceeded the limit")
        answer.headers["Retry-After"] = env.throttled.pop(0)
        return answer
    return None


def patch(env: Environment, target: str, headers: Mapping[str, str], raw: bytes) -> Response:
    """An upsert by alternate key (the request's headers with lower-case names)."""
    found = KEY.match(target)
    if not found:
        return _error(404, "0x80060888", f"Resource not found for the segment '{target}'.")
    try:
        body = json.loads(raw)
    except ValueError:
        return _error(400, "0x80040216", "The request body is not valid JSON.")
    unknown = sorted(set(body) - ACCOUNT) if isinstance(body, dict) else ["(body)"]
    if unknown:
        return _error(400, "0x80060888", f"The property '{unknown[0]}' does not exist on type "
                      "'Microsoft.Dynamics.CRM.account'.")  # fmt: skip
    with env.lock:
        return _apply(env, found.group(1).replace("''", "'"), body, headers)


def _apply(
    env: Environment, golden_id: str, body: dict[str, Any], headers: Mapping[str, str]
) -> Response:
    record = env.accounts.get(golden_id)
    if_match, if_none = headers.get("if-match"), headers.get("if-none-match")
    if if_match and record is None:
        return _error(404, "0x80040217", f"account With Ids = {golden_id} Does Not Exist")
    if if_match and if_match != "*" and if_match != f'W/"{record["versionnumber"]}"':  # type: ignore[index]
        return _error(
            412,
            "0x80060882",
            "The version of the existing record doesn't match the RowVersion property provided.",
        )
    if if_none == "*" and record is not None:
        return _error(412, "0x80040237", "A record with matching key values already exists.")
    if record is None and not body.get("name"):
        return _error(400, "0x80040203", "Attribute 'name' cannot be NULL.")
    created = record is None
    if created:
        record = env.accounts[golden_id] = {"accountid": str(uuid.uuid4()), "mdm_goldenid": golden_id,
                                            "statecode": 0, "statuscode": 1}  # fmt: skip
    assert record is not None
    record.update(body, versionnumber=next(env.versions))
    stamp(record, HUB_USER)
    if "return=representation" not in headers.get("prefer", ""):
        return Response(status_code=204)
    return JSONResponse(_representation(record), 201 if created else 200)
