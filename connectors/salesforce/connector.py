"""The Salesforce connector.

Authentication is the OAuth 2.0 client-credentials flow (``POST /services/oauth2/token``),
or the username-password flow when ``username`` is set,
which answers an access token and the org's ``instance_url``. Records are upserted with
``PATCH /services/data/vNN.N/composite/sobjects/{SObject}/{ExternalIdField}`` and
``allOrNone: false``: Salesforce answers 200 with one result per record, in order, each
``success`` with the record's ``id`` and whether it was ``created``, or ``errors`` with a
``statusCode`` and ``message``; a single record goes to ``sobjects/{SObject}/{ExternalIdField}/
{value}`` (201 created, 200 or 204 updated). An expired session (401 ``INVALID_SESSION_ID``) logs in again
once; 429 and 503 (or ``REQUEST_LIMIT_EXCEEDED``) mean "later", honouring ``Retry-After``;
the ``Sforce-Limit-Info`` header's API usage is kept. Deactivation writes the configured
active field to false through the same upsert. Reading is a SOQL query on ``SystemModstamp``
past the cursor, paged by ``nextRecordsUrl``, without what the integration user (the hub)
wrote last. With ``conditional_write``, a record whose version the hub holds is updated only
if unchanged there since (connectors/salesforce/conditional.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

import httpx
from pydantic import BaseModel, ConfigDict, Field

from connectors.config import SystemConfig
from connectors.protocol import (
    Capabilities,
    CheckResult,
    Deactivation,
    EntityFields,
    OutboundRecord,
    Outcome,
    ReadResult,
    TargetUnavailable,
    WriteResult,
)
from connectors.retry_after import retry_after_seconds
from connectors.saas import SaasConnector
from connectors.salesforce import changes, conditional, results

MAX_COLLECTION = 200  # sObject Collections take at most 200 records a request


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    login_url: str = Field(pattern=r"^https?://")
    client_id: str = Field(min_length=1)
    client_secret: str = Field(min_length=1)
    username: str | None = (
        None  # with password: the username-password flow, else client credentials
    )
    password: str = ""
    api_version: str = Field(default="62.0", pattern=r"^\d+\.\d$")
    sobject: str = "Account"
    external_id_field: str = "MDM_Golden_Id__c"
    active_field: str = "MDM_Active__c"
    batch_size: int = Field(default=MAX_COLLECTION, ge=1, le=MAX_COLLECTION)
    conditional_write: bool = False  # update known records only if unchanged there since
    timeout: float = Field(default=30.0, gt=0)


class SalesforceConnector(SaasConnector[Settings]):
    default_read_fields = ("Name",)

    def __init__(
        self, settings: Settings, read_fields: Sequence[str] = (),
        config: SystemConfig | None = None,
    ) -> None:  # fmt: skip
        super().__init__(settings, read_fields, config)
        self.capabilities = Capabilities(
            batch_size=settings.batch_size, upsert_by_external_id=True, can_read=True,
            conditional_write=settings.conditional_write,
        )  # fmt: skip
        self._token: str | None = None
        self._instance: str | None = None
        self._user: str | None = None  # the integration user: its writes are the hub's
        self.api_usage: tuple[int, int] | None = None  # (used, limit) from Sforce-Limit-Info

    def _login(self) -> None:
        s = self.settings
        form = {"client_id": s.client_id, "client_secret": s.client_secret}
        if s.username is None:
            form["grant_type"] = "client_credentials"
        else:  # the username-password flow: the password followed by the security token
            form |= {"grant_type": "password", "username": s.username, "password": s.password}
        try:
            answer = self._http.post(f"{s.login_url.rstrip('/')}/services/oauth2/token", data=form)
        except httpx.HTTPError as exc:
            raise TargetUnavailable(f"Salesforce unreachable: {exc.__class__.__name__}") from None
        if answer.status_code != 200:
            raise TargetUnavailable(
                f"Salesforce login refused: HTTP {answer.status_code} {answer.text[:200]}"
            )
        body = answer.json()
        self._token, self._instance = body["access_token"], body["instance_url"].rstrip("/")
        self._user = str(body.get("id", "")).rsplit("/", 1)[-1] or None  # the identity URL

    def check(self) -> CheckResult:
        self._login()
        return CheckResult(True, f"logged in to {self._instance}")

    def discover(self) -> Sequence[EntityFields]:
        """The sObject's updateable fields, from its ``describe``."""
        s = self.settings
        described = self._request(
            "GET", f"/services/data/v{s.api_version}/sobjects/{s.sobject}/describe"
        ).json()
        names = tuple(f["name"] for f in described["fields"] if f.get("updateable"))
        return [EntityFields("customer", names, key=s.external_id_field)]

    def read(self, entity: str, state: Mapping[str, Any]) -> ReadResult:
        """Accounts changed since the cursor (``SystemModstamp``), every page of the answer;
        the next cursor is the latest ``SystemModstamp`` seen."""
        s = self.settings
        since = datetime.fromisoformat(state["since"]) if state.get("since") else None
        fields = [*self.read_fields, s.external_id_field, s.active_field]
        path = f"/services/data/v{s.api_version}/query?" + urlencode(
            {"q": changes.soql(s.sobject, fields, since)}
        )
        rows = self._query_all(path)
        records = [
            changes.inbound(row, s.external_id_field, s.active_field, fields)
            for row in rows
            if self._user is None or row.get("LastModifiedById") != self._user
        ]
        latest = max((changes.modstamp(row["SystemModstamp"]) for row in rows), default=since)
        return ReadResult(
            self._canonical(records), {"since": latest.isoformat()} if latest else dict(state)
        )

    def _query_all(self, first: str) -> list[dict[str, Any]]:
        """Every record of a SOQL answer, following ``nextRecordsUrl`` until ``done``."""
        rows: list[dict[str, Any]] = []
        path: str | None = first
        while path:
            page = self._request("GET", path).json()
            rows += page["records"]
            path = None if page.get("done", True) else page["nextRecordsUrl"]
        return rows

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        s = self.settings
        done: dict[str, WriteResult] = {}
        if s.conditional_write:
            for record in batch:
                if record.target_id and record.target_version:
                    result = self._update_unless_changed(record)
                    if result is not None:
                        done[record.golden_id] = result
        rest = [r for r in batch if r.golden_id not in done]
        records = [
            {"attributes": {"type": s.sobject}, **r.values, s.external_id_field: r.golden_id,
             s.active_field: True}
            for r in rest
        ]  # fmt: skip
        if rest:
            upserted = self._upsert([r.golden_id for r in rest], records, deactivating=False)
            done |= {r.golden_id: r for r in upserted}
        results = [done[r.golden_id] for r in batch]
        return self._with_versions(results) if s.conditional_write else results

    def _update_unless_changed(self, record: OutboundRecord) -> WriteResult | None:
        s = self.settings
        path = f"/services/data/v{s.api_version}/sobjects/{s.sobject}/{record.target_id}"
        headers = {"If-Unmodified-Since": conditional.unmodified_since(str(record.target_version))}
        body = {**record.values, s.external_id_field: record.golden_id, s.active_field: True}
        answer = self._request("PATCH", path, body, headers, answered=(204, 400, 404, 412))
        return conditional.outcome_of(record, answer.status_code, results.body_of(answer))

    def _with_versions(self, results: list[WriteResult]) -> list[WriteResult]:
        """The ``SystemModstamp`` each landed record now has: the version a later write holds."""
        ids = [str(r.target_id) for r in results if r.outcome.landed and r.target_id]
        if not ids:
            return results
        s = self.settings
        query = urlencode({"q": conditional.versions_query(s.sobject, ids)})
        rows = self._query_all(f"/services/data/v{s.api_version}/query?{query}")
        stamps = {row["Id"]: row["SystemModstamp"] for row in rows}
        return conditional.with_versions(results, stamps)

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        s = self.settings
        records = [
            {
                "attributes": {"type": s.sobject},
                s.external_id_field: d.golden_id,
                s.active_field: False,
            }
            for d in batch
        ]
        return self._upsert([d.golden_id for d in batch], records, deactivating=True)

    def _upsert(
        self, golden_ids: list[str], records: list[dict[str, Any]], deactivating: bool
    ) -> list[WriteResult]:
        if len(records) == 1:
            return [self._upsert_single(golden_ids[0], records[0], deactivating)]
        answer = self._patch({"allOrNone": False, "records": records})
        saved = answer.json()
        if not isinstance(saved, list) or len(saved) != len(golden_ids):
            raise TargetUnavailable(f"Salesforce answered an unexpected body: {answer.text[:200]}")
        return [
            results.save_result(g, r, deactivating) for g, r in zip(golden_ids, saved, strict=True)
        ]

    def _upsert_single(
        self, golden_id: str, record: dict[str, Any], deactivating: bool
    ) -> WriteResult:
        """One record on ``sobjects/{SObject}/{ExternalIdField}/{value}``: 201 created, 200 or
        204 updated, 400 with the reasons."""
        s = self.settings
        path = (f"/services/data/v{s.api_version}/sobjects/{s.sobject}/{s.external_id_field}/"
                f"{quote(golden_id, safe='')}")  # fmt: skip
        body = {k: v for k, v in record.items() if k not in ("attributes", s.external_id_field)}
        answer = self._request("PATCH", path, body, answered=(200, 201, 204, 400))
        if answer.status_code == 204:
            done = Outcome.DEACTIVATED if deactivating else Outcome.UPDATED
            return WriteResult(golden_id, done)
        found = results.body_of(answer)
        if answer.status_code == 400:
            errors = found if isinstance(found, list) else []
            found = {"success": False, "errors": [
                {"statusCode": e.get("errorCode"), "message": e.get("message")} for e in errors
            ]}  # fmt: skip
        return results.save_result(golden_id, found, deactivating)

    def _patch(self, body: dict[str, Any]) -> httpx.Response:
        s = self.settings
        path = (
            f"/services/data/v{s.api_version}/composite/sobjects/{s.sobject}/{s.external_id_field}"
        )
        return self._request("PATCH", path, body)

    def _request(
        self, method: str, path: str, body: Any = None, extra: Mapping[str, str] | None = None,
        answered: Collection[int] = (200,),
    ) -> httpx.Response:  # fmt: skip
        """One call on the instance, logging in first or again once if the session expired;
        a throttled or unavailable org, or an answer not in ``answered``, raises
        :class:`TargetUnavailable`."""
        for attempt in (1, 2):
            if self._token is None:
                self._login()
            headers = {"Authorization": f"Bearer {self._token}", **(extra or {})}
            try:
                answer = self._http.request(
                    method, f"{self._instance}{path}", json=body, headers=headers
                )
            except httpx.HTTPError as exc:
                raise TargetUnavailable(
                    f"Salesforce unreachable: {exc.__class__.__name__}"
                ) from None
            self._note_usage(answer.headers.get("sforce-limit-info"))
            if answer.status_code == 401 and attempt == 1:
                self._token = None  # the session expired: log in again, once
                continue
            break
        if answer.status_code in (429, 503) or "REQUEST_LIMIT_EXCEEDED" in answer.text[:500]:
            wait = retry_after_seconds(answer.headers.get("retry-after"))
            raise TargetUnavailable(f"Salesforce answered {answer.status_code}: throttled", wait)
        if answer.status_code not in answered:
            raise TargetUnavailable(
                f"Salesforce answered HTTP {answer.status_code}: {answer.text[:200]}"
            )
        return answer

    def _note_usage(self, header: str | None) -> None:
        if header and header.startswith("api-usage="):
            used, _, limit = header.removeprefix("api-usage=").partition("/")
            if used.isdigit() and limit.isdigit():
                self.api_usage = (int(used), int(limit))


make = SalesforceConnector.configured
