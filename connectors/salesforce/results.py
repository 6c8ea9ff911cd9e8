"""What Salesforce answered for each record, as the hub's outcomes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from connectors.protocol import Outcome, WriteResult


def body_of(answer: httpx.Response) -> Any:
    try:
        return answer.json() if answer.content else None
    except ValueError:
        return answer.text[:200]


def save_result(golden_id: str, result: Mapping[str, Any], deactivating: bool) -> WriteResult:
    """One record's save result (``success``, ``created``, ``id`` or ``errors``): a busy row or
    the API limit is later, any other error refuses the record."""
    if result.get("success"):
        outcome = (
            Outcome.DEACTIVATED
            if deactivating
            else (Outcome.CREATED if result.get("created") else Outcome.UPDATED)
        )
        return WriteResult(golden_id, outcome, result.get("id"))
    errors = result.get("errors") or [{"statusCode": "UNKNOWN", "message": "no error given"}]
    reason = "; ".join(f"{e.get('statusCode')}: {e.get('message')}" for e in errors)
    busy = any(
        e.get("statusCode") in ("UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED") for e in errors
    )
    return WriteResult(golden_id, Outcome.RETRY_LATER if busy else Outcome.REJECTED, reason=reason)
