"""Reading changed accounts from Salesforce: one SOQL query on ``SystemModstamp`` past the
cursor, paged by ``nextRecordsUrl``; what the integration user (the hub) wrote last is left out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from connectors.protocol import InboundRecord

SYSTEM = ("Id", "SystemModstamp", "LastModifiedById")


def soql(sobject: str, fields: Sequence[str], since: datetime | None) -> str:
    chosen = ", ".join(dict.fromkeys([*SYSTEM, *fields]))
    where = ""
    if since is not None:
        moment = since.astimezone(UTC)
        literal = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        where = f" WHERE SystemModstamp > {literal}"
    return f"SELECT {chosen} FROM {sobject}{where} ORDER BY SystemModstamp ASC"


def modstamp(value: str) -> datetime:
    """``2026-12-02T07:00:00.000+0000`` as Salesforce writes it, timezone-aware."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%f%z").astimezone(UTC)


def inbound(
    row: Mapping[str, Any], external_id_field: str, active_field: str, fields: Sequence[str]
) -> InboundRecord:
    skip = {external_id_field, active_field}
    values = {name: row.get(name) for name in fields if name not in skip}
    golden = row.get(external_id_field) or None
    return InboundRecord(
        target_id=str(row["Id"]),
        values=values,
        golden_id=str(golden) if golden else None,
        target_version=str(row["SystemModstamp"]),
        active=row.get(active_field) is not False,
    )
