"""The Dataverse connector.

Authentication is the OAuth 2.0 client-credentials grant of Microsoft Entra ID (``scope`` is
the environment's URL + ``/.default``). A record is upserted by its alternate key:
``PATCH /api/data/v9.2/accounts(mdm_goldenid='...')`` with ``Prefer: return=representation``,
answered 201 (created) or 200 (updated) with the record's ``accountid`` and ``@odata.etag``.
When the hub knows the ETag it last wrote it sends ``If-Match``: a record changed since then
is refused with 412, a conflict. Errors are ``{"error": {"code", "message"}}``; 429 (service
protection limits) and 5xx mean later, honouring ``Retry-After``. Deactivation sets
``statecode`` 1 / ``statuscode`` 2 (inactive). Reading asks for accounts with ``modifiedon``
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


def make(settings: Settings, config: SystemConfig) -> DynamicsConnector:
    targets = [rule.target for name in config.fields if (rule := config.rule_for(name))]
    return DynamicsConnector(settings, targets)


class DynamicsConnector:
    def __init__(self, settings: Settings, read_fields: Sequence[str] = ()) -> None:
        self.settings = settings
        self.capabilities = Capabilities(
            batch_size=settings.batch_size, conditional_write=True, upsert_by_external_id=True,
            can_read=True,
        )  # fmt: skip
        self._http = httpx.Client(timeout=settings.timeout)
        self._token: str | None = None
        self._user: str | None = None  # the application user (WhoAmI): its writes are the hub's
        self.read_fields = tuple(read_fields) or ("name",)

    def close(self) -> None:
        self._http.close()

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
        return []

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
        return ReadResult(records, {"since": latest.isoformat()} if latest else dict(state))

    def _url(self, golden_id: str) -> str:
        s = self.settings
        key = golden_id.replace("'", "''")
        return f"{s.environment_url.rstrip('/')}/api/data/v{s.api_version}/{s.entity_set}({s.alternate_key}='{key}')"

    def _patch(self, golden_id: str, body: dict[str, Any], etag: str | None) -> httpx.Response:
        headers = {"Prefer": "return=representation", **({"If-Match": etag} if etag else {})}
        return self._send("PATCH", self._url(golden_id), body, headers)

    def _send(
        self, method: str, url: str, body: Any = None, extra: Mapping[str, str] | None = None
    ) -> httpx.Response:
        """One call, with a token (fetched again once if refused); service protection limits
        (429) and 5xx raise :class:`TargetUnavailable` with the ``Retry-After`` asked."""
        for attempt in (1, 2):
            if self._token is None:
                self._login()
            headers = {**ODATA, "Authorization": f"Bearer {self._token}", **(extra or {})}
            try:
                answer = self._http.request(method, url, json=body, headers=headers)
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
                                    f"{_message(answer)}")  # fmt: skip
        body: dict[str, Any] = answer.json()
        return body

    def _one(
        self, golden_id: str, body: dict[str, Any], etag: str | None, done: Outcome | None
    ) -> WriteResult:
        answer = self._patch(golden_id, body, etag)
        if answer.status_code in (200, 201):
            record = answer.json()
            outcome = done or (Outcome.CREATED if answer.status_code == 201 else Outcome.UPDATED)
            return WriteResult(
                golden_id,
                outcome,
                record.get(self.settings.id_attribute),
                record.get("@odata.etag"),
            )
        if answer.status_code == 404 and done is Outcome.DEACTIVATED:
            return WriteResult(golden_id, Outcome.UNCHANGED)  # never written there: nothing to do
        message = _message(answer)
        if answer.status_code == 412:
            return WriteResult(
                golden_id, Outcome.CONFLICT, reason=f"changed in Dataverse since: {message}"
            )
        return WriteResult(
            golden_id, Outcome.REJECTED, reason=f"HTTP {answer.status_code}: {message}"
        )

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        return [
            self._one(
                r.golden_id,
                {**r.values, self.settings.alternate_key: r.golden_id},
                r.target_version,
                None,
            )
            for r in batch
        ]

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        inactive = {"statecode": 1, "statuscode": 2}
        return [self._one(d.golden_id, inactive, "*", Outcome.DEACTIVATED) for d in batch]


def _message(answer: httpx.Response) -> str:
    try:
        error = answer.json().get("error", {})
        return f"{error.get('code')}: {error.get('message')}"
    except ValueError:
        return answer.text[:200]
