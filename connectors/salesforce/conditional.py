"""Conditional updates in Salesforce: a record the hub knows (its id and the ``SystemModstamp``
it last wrote) is updated on its sObject Rows resource with ``If-Unmodified-Since``; changed
there since, Salesforce answers 412 and nothing is written: a conflict. HTTP dates count whole
seconds, so an edit in the same second as the hub's own write goes unseen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from email.utils import format_datetime
from typing import Any

from connectors.protocol import OutboundRecord, Outcome, WriteResult
from connectors.salesforce import changes


def unmodified_since(version: str) -> str:
    return format_datetime(changes.modstamp(version).replace(microsecond=0), usegmt=True)


def outcome_of(record: OutboundRecord, status: int, body: Any) -> WriteResult | None:
    """The result of a conditional update, or None when the record is gone there (upsert it)."""
    if status == 204:
        return WriteResult(record.golden_id, Outcome.UPDATED, record.target_id)
    if status == 404:
        return None
    errors = body if isinstance(body, list) else [{"errorCode": "UNKNOWN", "message": str(body)}]
    reason = "; ".join(f"{e.get('errorCode')}: {e.get('message')}" for e in errors)
    if status == 412:
        return WriteResult(record.golden_id, Outcome.CONFLICT, record.target_id,
                           reason=f"changed in Salesforce since: {reason}")  # fmt: skip
    return WriteResult(record.golden_id, Outcome.REJECTED, record.target_id, reason=reason)


def versions_query(sobject: str, ids: Sequence[str]) -> str:
    quoted = ", ".join(f"'{i}'" for i in ids if i.isalnum())
    return f"SELECT Id, SystemModstamp FROM {sobject} WHERE Id IN ({quoted})"


def with_versions(results: list[WriteResult], stamps: Mapping[str, str]) -> list[WriteResult]:
    return [
        WriteResult(r.golden_id, r.outcome, r.target_id, stamps.get(str(r.target_id)), r.reason)
        if r.outcome in (Outcome.CREATED, Outcome.UPDATED) else r
        for r in results
    ]  # fmt: skip
