"""The NetSuite connector.

``PUT /services/rest/record/v1/customer/eid:{golden id}`` upserts a customer by its external
id (204, ``Location`` naming the internal id); ``PATCH`` on the same path with ``isInactive``
deactivates one (404 when NetSuite never had it). Errors follow RFC 9457 with NetSuite's
``o:errorDetails`` (``detail``, ``o:errorCode``, ``o:errorPath``): a 4xx refuses the record;
401 (a refused token), 429 (``CONCURRENCY_LIMIT_EXCEEDED``) and 5xx mean later. The access
token comes from the account's OAuth 2.0 setup (``access_token``), or each request is signed
with token-based authentication (``tba``: OAuth 1.0, HMAC-SHA256, connectors/netsuite/tba.py);
``defaults`` are sent with every record (a OneWorld account needs ``subsidiary``). Reading is a SuiteQL query on ``lastmodifieddate``
(``POST /services/rest/query/v1/suiteql``, ``Prefer: transient``) paged by its ``next`` link;
NetSuite does not say who changed a customer there, so the hub's own writes come back and
the hub knows them by their content.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from datetime import datetime
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field, model_validator

from connectors.config import SystemConfig
from connectors.netsuite import changes
from connectors.netsuite.tba import TokenAuth
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


class TokenBased(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    account_id: str = Field(min_length=1)  # the realm, e.g. 1234567_SB1
    consumer_key: str = Field(min_length=1)
    consumer_secret: str = Field(min_length=1)
    token_id: str = Field(min_length=1)
    token_secret: str = Field(min_length=1)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    account_url: str = Field(
        pattern=r"^https?://", description="https://ACCOUNT.suitetalk.api.netsuite.com"
    )
    access_token: str | None = Field(default=None, min_length=1)  # OAuth 2.0 bearer, or ...
    tba: TokenBased | None = None  # ... token-based authentication (OAuth 1.0 signatures)
    record_type: str = "customer"
    defaults: dict[str, Any] = Field(default_factory=dict)
    batch_size: int = Field(default=50, ge=1, le=1000)
    page_size: int = Field(default=1000, ge=1, le=1000)  # SuiteQL's limit per page
    timezone: str = "UTC"  # the integration user's time zone: SuiteQL's dates are in it
    timeout: float = Field(default=30.0, gt=0)

    @model_validator(mode="after")
    def _one_way_in(self) -> Settings:
        if (self.access_token is None) == (self.tba is None):
            raise ValueError("give either access_token (OAuth 2.0) or tba (token-based auth)")
        return self


class NetSuiteConnector(SaasConnector[Settings]):
    default_read_fields = ("companyName",)

    def __init__(
        self, settings: Settings, read_fields: Sequence[str] = (),
        config: SystemConfig | None = None,
    ) -> None:  # fmt: skip
        super().__init__(settings, read_fields, config)
        self.capabilities = Capabilities(
            batch_size=settings.batch_size, upsert_by_external_id=True, can_read=True
        )

    def _auth(self) -> httpx.Auth:
        s = self.settings
        if s.tba is not None:
            t = s.tba
            return TokenAuth(
                t.account_id, t.consumer_key, t.consumer_secret, t.token_id, t.token_secret
            )
        return _Bearer(str(s.access_token))

    def check(self) -> CheckResult:
        fields = self.discover()[0].fields
        return CheckResult(True, f"record service at {self.settings.account_url}",
                           {"fields": len(fields)})  # fmt: skip

    def discover(self) -> Sequence[EntityFields]:
        """The record type's fields, from the metadata catalog's JSON schema."""
        s = self.settings
        url = (
            f"{s.account_url.rstrip('/')}/services/rest/record/v1/metadata-catalog/{s.record_type}"
        )
        answer = self._call("GET", url, None, {"Accept": "application/schema+json"})
        if answer.status_code != 200:
            raise TargetUnavailable(f"NetSuite refused the metadata catalog: HTTP "
                                    f"{answer.status_code} {_detail(answer)}")  # fmt: skip
        names = tuple(sorted(answer.json().get("properties", {})))
        return [EntityFields("customer", names, key="externalId")]

    def read(self, entity: str, state: Mapping[str, Any]) -> ReadResult:
        """Customers changed since the cursor, every page of the SuiteQL answer, without those
        already read in the cursor's second."""
        s = self.settings
        since = datetime.fromisoformat(state["since"]) if state.get("since") else None
        query = {"q": changes.suiteql(s.record_type, self.read_fields, since, s.timezone)}
        url: str | None = (
            f"{s.account_url.rstrip('/')}/services/rest/query/v1/suiteql?limit={s.page_size}"
        )
        items: list[dict[str, Any]] = []
        while url:
            answer = self._call("POST", url, query, {"Prefer": "transient"})
            if answer.status_code != 200:
                raise TargetUnavailable(f"NetSuite refused a read: HTTP {answer.status_code} "
                                        f"{_detail(answer)}")  # fmt: skip
            page = answer.json()
            items += page["items"]
            nexts = [link["href"] for link in page.get("links", []) if link.get("rel") == "next"]
            url = nexts[0] if page.get("hasMore") and nexts else None
        seen = set(state.get("seen", []))
        fresh = [i for i in items if changes.seen_key(i) not in seen]
        records = [changes.inbound(item, self.read_fields) for item in fresh]
        return ReadResult(self._canonical(records), changes.next_state(items, state, s.timezone))

    def _send(self, method: str, golden_id: str, body: dict[str, Any]) -> httpx.Response:
        s = self.settings
        url = f"{s.account_url.rstrip('/')}/services/rest/record/v1/{s.record_type}/eid:{golden_id}"
        return self._call(method, url, body)

    def _call(
        self, method: str, url: str, body: Any, headers: Mapping[str, str] | None = None
    ) -> httpx.Response:
        try:
            answer = self._http.request(method, url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise TargetUnavailable(f"NetSuite unreachable: {exc.__class__.__name__}") from None
        if answer.status_code == 401:  # the token expired or was revoked: nothing lands until
            raise TargetUnavailable(f"NetSuite refused the access token: {_detail(answer)}")
        if answer.status_code == 429 or answer.status_code >= 500:
            raise TargetUnavailable(
                f"NetSuite answered {answer.status_code}: {_detail(answer)}",
                retry_after_seconds(answer.headers.get("retry-after")),
            )
        return answer

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        results = []
        for record in batch:
            body = {**self.settings.defaults, **record.values, "externalId": record.golden_id}
            answer = self._send("PUT", record.golden_id, body)
            if answer.status_code == 204:
                internal = answer.headers.get("location", "").rsplit("/", 1)[-1] or None
                outcome = Outcome.UPDATED if record.target_id else Outcome.CREATED
                results.append(WriteResult(record.golden_id, outcome, internal))
            else:
                reason = f"HTTP {answer.status_code}: {_detail(answer)}"
                results.append(WriteResult(record.golden_id, Outcome.REJECTED, reason=reason))
        return results

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        results = []
        for item in batch:
            answer = self._send("PATCH", item.golden_id, {"isInactive": True})
            if answer.status_code == 204:
                results.append(WriteResult(item.golden_id, Outcome.DEACTIVATED, item.target_id))
            elif answer.status_code == 404:
                results.append(WriteResult(item.golden_id, Outcome.UNCHANGED))
            else:
                reason = f"HTTP {answer.status_code}: {_detail(answer)}"
                results.append(WriteResult(item.golden_id, Outcome.REJECTED, reason=reason))
        return results


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


def _detail(answer: httpx.Response) -> str:
    try:
        details = answer.json().get("o:errorDetails") or []
    except ValueError:
        return answer.text[:200]
    return (
        "; ".join(f"{d.get('o:errorCode')}: {d.get('detail')}" for d in details)
        or answer.text[:200]
    )


make = NetSuiteConnector.configured
