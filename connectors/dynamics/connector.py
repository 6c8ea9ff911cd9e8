"""The Dataverse connector.

Authentication is the OAuth 2.0 client-credentials grant of Microsoft Entra ID (``scope`` is
the environment's URL + ``/.default``). A record is upserted by its alternate key:
``PATCH /api/data/v9.2/accounts(mdm_goldenid='...')`` with ``Prefer: return=representation``,
answered 201 (created) or 200 (updated) with the record's ``accountid`` and ``@odata.etag``.
When the hub knows the ETag it last wrote it sends ``If-Match``: a record changed since then
is refused with 412, a conflict. Errors are ``{"error": {"code", "message"}}``; 429 (service
protection limits) and 5xx mean later, honouring ``Retry-After``. Deactivation sets
``statecode`` 1 / ``statuscode`` 2 (inactive). More than one record goes in one ``$batch``
with a changeset per record (connectors/dynamics/batch.py): each answered with its own status. Reading asks for accounts with ``modifiedon``
past the cursor, paged by ``@odata.nextLink``, without what the hub's application user (its
``WhoAmI``) modified last.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field

from connectors.config import SystemConfig
from connectors.dynamics import batch as multipart
from connectors.dynamics import changes
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

Item = tuple[str, dict[str, Any], str | None]  # golden id, body, the ETag to match
ODATA = {"OData-MaxVersion": "4.0", "OData-Version": "4.0", "Accept": "application/json"}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    environment_url: str = Field(pattern=r"^https?://")
    token_url: str = Field(pattern=r"^https?://")
    client_id: str = Field(min_length=1)
    client_secret: str = Field(min_length=1)
    api_version: str = "9.2"
    entity_set: str = "accounts"
    id_attribute: str = "accountid"
    alternate_key: str = "mdm_goldenid"
    batch_size: int = Field(default=100, ge=1, le=1000)
    page_size: int = Field(default=5000, ge=1, le=5000)  # odata.maxpagesize of a read
    timeout: float = Field(default=30.0, gt=0)


class DynamicsConnector(SaasConnector[Settings]):
    default_read_fields = ("name",)

    def __init__(
        self, settings: Settings, read_fields: Sequence[str] = (),
        config: SystemConfig | None = None,
    ) -> None:  # fmt: skip
        super().__init__(settings, read_fields, config)
        self.capabilities = Capabilities(
            batch_size=settings.batch_size, conditional_write=True, upsert_by_external_id=True,
            can_read=True,
        )  # fmt: skip
        self._token: str | None = None
        self._user: str | None = None  # the application user (WhoAmI): its writes are the hub's

    def _login(self) -> None:
        s = self.settings
        form = {"grant_type": "client_credentials", "client_id": s.client_id,
                "client_secret": s.client_secret, "scope": f"{s.environment_url.rstrip('/')}/.default"}  # fmt: skip
        try:
            answer = self._http.post(s.token_url, data=form)
        except httpx.HTTPError as exc:
            raise TargetUnavailable(f"Entra ID unreachable: {exc.__class__.__name__}") from None
        if answer.status_code != 200:
            raise TargetUnavailable(
                f"Dataverse login refused: HTTP {answer.status_code} {answer.text[:200]}"
            )
        self._token = answer.json()["access_token"]

    def check(self) -> CheckResult:
        self._login()
        return CheckResult(True, f"token for {self.settings.environment_url}")

    def discover(self) -> Sequence[EntityFields]:
        """The table's columns valid for update, from its entity definition."""
        s = self.settings
        api = f"{s.environment_url.rstrip('/')}/api/data/v{s.api_version}"
        table = s.entity_set.removesuffix("s")  # accounts -> account (the logical name)
        url = f"{api}/EntityDefinitions(LogicalName='{table}')/Attributes?$select=LogicalName,IsValidForUpdate"
        columns = self._get(url)["value"]
        names = tuple(c["LogicalName"] for c in columns if c.get("IsValidForUpdate"))
        return [EntityFields("customer", names, key=s.alternate_key)]

    def read(self, entity: str, state: Mapping[str, Any]) -> ReadResult:
        """Accounts modified since the cursor by anyone but the hub, every page; the next
        cursor is the latest ``modifiedon`` seen."""
        s = self.settings
        api = f"{s.environment_url.rstrip('/')}/api/data/v{s.api_version}"
        if self._user is None:
            self._user = str(self._get(f"{api}/WhoAmI")["UserId"])
        since = datetime.fromisoformat(state["since"]) if state.get("since") else None
        url: str | None = changes.first_page(
            f"{api}/{s.entity_set}", s.alternate_key, self.read_fields, since
        )
        rows: list[dict[str, Any]] = []
        while url:
            page = self._get(url, {"Prefer": f"odata.maxpagesize={s.page_size}"})
            rows += page["value"]
            url = page.get("@odata.nextLink")
        records = [
            changes.inbound(row, s.id_attribute, s.alternate_key, self.read_fields)
            for row in rows
            if row.get("_modifiedby_value") != self._user
        ]
        latest = max((changes.modified(row["modifiedon"]) for row in rows), default=since)
        return ReadResult(
            self._canonical(records), {"since": latest.isoformat()} if latest else dict(state)
        )

    def _url(self, golden_id: str) -> str:
        s = self.settings
        key = golden_id.replace("'", "''")
        return f"{s.environment_url.rstrip('/')}/api/data/v{s.api_version}/{s.entity_set}({s.alternate_key}='{key}')"

    def _patch(self, golden_id: str, body: dict[str, Any], etag: str | None) -> httpx.Response:
        headers = {"Prefer": "return=representation", **({"If-Match": etag} if etag else {})}
        return self._send("PATCH", self._url(golden_id), body, headers)

    def _send(
        self, method: str, url: str, body: Any = None, extra: Mapping[str, str] | None = None,
        content: bytes | None = None,
    ) -> httpx.Response:  # fmt: skip
        """One call, with a token (fetched again once if refused); service protection limits
        (429) and 5xx raise :class:`TargetUnavailable` with the ``Retry-After`` asked."""
        for attempt in (1, 2):
            if self._token is None:
                self._login()
            headers = {**ODATA, "Authorization": f"Bearer {self._token}", **(extra or {})}
            try:
                answer = self._http.request(
                    method, url, json=body, content=content, headers=headers
                )
            except httpx.HTTPError as exc:
                raise TargetUnavailable(
                    f"Dataverse unreachable: {exc.__class__.__name__}"
                ) from None
            if answer.status_code == 401 and attempt == 1:
                self._token = None
                continue
            break
        if answer.status_code == 429 or answer.status_code >= 500:
            wait = retry_after_seconds(answer.headers.get("retry-after"))
            raise TargetUnavailable(f"Dataverse answered {answer.status_code}", wait)
        return answer

    def _get(self, url: str, extra: Mapping[str, str] | None = None) -> dict[str, Any]:
        answer = self._send("GET", url, extra=extra)
        if answer.status_code != 200:
            raise TargetUnavailable(f"Dataverse refused a read: HTTP {answer.status_code} "
                                    f"{_message(_json(answer))}")  # fmt: skip
        body: dict[str, Any] = answer.json()
        return body

    def _many(self, items: Sequence[Item], done: Outcome | None) -> list[WriteResult]:
        """One PATCH for a single record, else one ``$batch`` with a changeset per record."""
        if len(items) == 1:
            golden_id, body, etag = items[0]
            answer = self._patch(golden_id, body, etag)
            return [self._result(golden_id, answer.status_code, _json(answer), done)]
        parts = [
            multipart.Part(str(n), "PATCH", self._url(golden_id), _conditions(etag), body)
            for n, (golden_id, body, etag) in enumerate(items, 1)
        ]
        content_type, payload = multipart.encode(parts)
        url = f"{self.settings.environment_url.rstrip('/')}/api/data/v{self.settings.api_version}/$batch"
        headers = {"Content-Type": content_type, "Prefer": "odata.continue-on-error"}
        answer = self._send("POST", url, extra=headers, content=payload)
        if answer.status_code != 200:
            raise TargetUnavailable(f"Dataverse refused the batch: HTTP {answer.status_code} "
                                    f"{_message(_json(answer))}")  # fmt: skip
        answers = multipart.decode(answer.headers.get("content-type", ""), answer.content)
        return [
            self._result(golden_id, found.status, found.body, done, found.headers)
            if (found := answers.get(part.content_id)) is not None
            else WriteResult(golden_id, Outcome.RETRY_LATER, reason="not answered in the batch")
            for part, (golden_id, _, _) in zip(parts, items, strict=True)
        ]

    def _result(
        self, golden_id: str, status: int, body: Mapping[str, Any], done: Outcome | None,
        headers: Mapping[str, str] | None = None,
    ) -> WriteResult:  # fmt: skip
        if status in (200, 201):
            outcome = done or (Outcome.CREATED if status == 201 else Outcome.UPDATED)
            record_id, etag = body.get(self.settings.id_attribute), body.get("@odata.etag")
            return WriteResult(golden_id, outcome, record_id, etag)
        if status == 404 and done is Outcome.DEACTIVATED:
            return WriteResult(golden_id, Outcome.UNCHANGED)  # never written there: nothing to do
        message = _message(body)
        if status == 412:
            return WriteResult(
                golden_id, Outcome.CONFLICT, reason=f"changed in Dataverse since: {message}"
            )
        if status == 429 or status >= 500:
            wait = retry_after_seconds((headers or {}).get("retry-after"))
            return WriteResult(golden_id, Outcome.RETRY_LATER, reason=message, retry_after=wait)
        return WriteResult(golden_id, Outcome.REJECTED, reason=f"HTTP {status}: {message}")

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        key = self.settings.alternate_key
        items = [(r.golden_id, {**r.values, key: r.golden_id}, r.target_version) for r in batch]
        return self._many(items, None) if items else []

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        inactive = {"statecode": 1, "statuscode": 2}
        items = [(d.golden_id, inactive, "*") for d in batch]
        return self._many(items, Outcome.DEACTIVATED) if items else []


def _conditions(etag: str | None) -> dict[str, str]:
    return {"Prefer": "return=representation", **({"If-Match": etag} if etag else {})}


def _json(answer: httpx.Response) -> dict[str, Any]:
    try:
        body = answer.json()
    except ValueError:
        return {"error": {"code": "unreadable", "message": answer.text[:200]}}
    return body if isinstance(body, dict) else {}


def _message(body: Mapping[str, Any]) -> str:
    error = body.get("error") or {}
    return f"{error.get('code')}: {error.get('message')}"


make = DynamicsConnector.configured
