"""A webhook endpoint as a target: one signed CloudEvent per golden change.

The message id is derived from the golden id and the content, so a message delivered twice
carries the same ``webhook-id`` and the receiver can drop the repeat. A 2xx answer lands the
record; 410 means the endpoint is gone (the hub pauses the subscription); 429, 502, 503 and
504 throttle the whole batch, honouring ``Retry-After``; another 4xx rejects the record; a
500 asks for a retry of that record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field
from standardwebhooks import Webhook

from connectors.config import SystemConfig
from connectors.protocol import (
    Capabilities,
    CheckResult,
    Deactivation,
    EntityFields,
    OutboundRecord,
    Outcome,
    ReadResult,
    TargetGone,
    TargetUnavailable,
    WriteResult,
)
from connectors.retry_after import retry_after_seconds

THROTTLED = (429, 502, 503, 504)
CONTENT_TYPE = "application/cloudevents+json"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(pattern=r"^https?://")
    secret: str = Field(pattern=r"^whsec_[A-Za-z0-9+/=]+$", description="Standard Webhooks secret")
    source: str = "/mdm/hub"
    timeout: float = Field(default=10.0, gt=0)
    batch_size: int = Field(default=50, ge=1, le=1000)


def make(settings: Settings, config: SystemConfig) -> WebhookConnector:
    return WebhookConnector(settings)


def message_id(golden_id: str, kind: str, data: Mapping[str, Any]) -> str:
    digest = hashlib.sha256(
        json.dumps([golden_id, kind, data], sort_keys=True, default=str).encode()
    )
    return f"msg_{digest.hexdigest()[:32]}"


class WebhookConnector:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.capabilities = Capabilities(batch_size=settings.batch_size)
        self._signer = Webhook(settings.secret)
        self._http = httpx.Client(timeout=settings.timeout)

    def close(self) -> None:
        self._http.close()

    def check(self) -> CheckResult:
        return CheckResult(True, f"posts to {self.settings.url}")

    def discover(self) -> Sequence[EntityFields]:
        return []

    def read(self, entity: str, state: Mapping[str, Any]) -> ReadResult:
        return ReadResult([], dict(state))

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        return [
            self._send(entity, r.golden_id, "upserted", {"golden_id": r.golden_id, "values": dict(r.values)},
                       Outcome.UPDATED if r.target_id else Outcome.CREATED)
            for r in batch
        ]  # fmt: skip

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        results = []
        for item in batch:
            data = {"golden_id": item.golden_id, "merged_into": item.survivor_golden_id}
            results.append(
                self._send(entity, item.golden_id, "deactivated", data, Outcome.DEACTIVATED)
            )
        return results

    def _send(
        self, entity: str, golden_id: str, kind: str, data: dict[str, Any], done: Outcome
    ) -> WriteResult:
        ident = message_id(golden_id, kind, data)
        now = datetime.now(UTC)
        event = {
            "specversion": "1.0", "id": ident, "source": self.settings.source,
            "type": f"mdm.{entity}.{kind}.v1", "subject": golden_id,
            "time": now.isoformat().replace("+00:00", "Z"), "datacontenttype": "application/json",
            "data": data,
        }  # fmt: skip
        body = json.dumps(event, separators=(",", ":"), default=str)
        headers = {
            "content-type": CONTENT_TYPE, "webhook-id": ident,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": self._signer.sign(ident, now, body),
        }  # fmt: skip
        try:
            response = self._http.post(self.settings.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise TargetUnavailable(f"webhook unreachable: {exc.__class__.__name__}") from None
        return _outcome(response, golden_id, done)


def _outcome(response: httpx.Response, golden_id: str, done: Outcome) -> WriteResult:
    status = response.status_code
    if 200 <= status < 300:
        return WriteResult(golden_id, done, golden_id, response.headers.get("etag"))
    if status == 410:
        raise TargetGone("the endpoint answered 410 Gone: it is disabled")
    if status in THROTTLED:
        wait = retry_after_seconds(response.headers.get("retry-after"))
        raise TargetUnavailable(f"the endpoint answered {status}", wait)
    reason = f"HTTP {status}: {response.text[:200]}"
    if 400 <= status < 500:
        return WriteResult(golden_id, Outcome.REJECTED, reason=reason)
    return WriteResult(golden_id, Outcome.RETRY_LATER, reason=reason)
