"""Reading changed customers from NetSuite through SuiteQL: ``lastmodifieddate`` at or past the
cursor, oldest first, paged by the ``next`` link while ``hasMore``.

NetSuite keeps ``lastmodifieddate`` to the second, so the cursor is that second plus what was
read within it (id and a digest of the values): a record changed again later in the same
second still comes back, one read twice does not. Times are read and written in the account's time zone (``timezone``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from connectors.protocol import InboundRecord

STAMP = "YYYY-MM-DD HH24:MI:SS"
PYTHON_STAMP = "%Y-%m-%d %H:%M:%S"


def suiteql(record_type: str, fields: Sequence[str], since: datetime | None, zone: str) -> str:
    columns = ", ".join(dict.fromkeys(["id", "externalid", "isinactive", *columns_of(fields)]))
    where = ""
    if since is not None:
        local = since.astimezone(ZoneInfo(zone)).strftime(PYTHON_STAMP)
        where = f" WHERE lastmodifieddate >= TO_TIMESTAMP('{local}', '{STAMP}')"
    return (
        f"SELECT {columns}, TO_CHAR(lastmodifieddate, '{STAMP}') AS modified FROM {record_type}"
        f"{where} ORDER BY lastmodifieddate, id"
    )


def columns_of(fields: Sequence[str]) -> list[str]:
    """REST record field names (``companyName``) as SuiteQL columns (``companyname``)."""
    return [name.lower() for name in fields]


def modified(item: Mapping[str, Any], zone: str) -> datetime:
    local = datetime.strptime(str(item["modified"]), PYTHON_STAMP)
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def inbound(item: Mapping[str, Any], fields: Sequence[str]) -> InboundRecord:
    golden = item.get("externalid") or None
    return InboundRecord(
        target_id=str(item["id"]),
        values={name: item.get(name.lower()) for name in fields},
        golden_id=str(golden) if golden else None,
        target_version=str(item["modified"]),
        active=item.get("isinactive") != "T",
    )


def seen_key(item: Mapping[str, Any]) -> str:
    values = {k: v for k, v in item.items() if k != "links"}
    digest = hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()
    return f"{item['id']}:{digest[:16]}"


def next_state(
    items: Sequence[Mapping[str, Any]], state: Mapping[str, Any], zone: str
) -> dict[str, Any]:
    if not items:
        return dict(state)
    latest = max(modified(item, zone) for item in items)
    same = {seen_key(i) for i in items if modified(i, zone) == latest}
    if state.get("since") and datetime.fromisoformat(state["since"]) == latest:
        same |= set(state.get("seen", []))
    return {"since": latest.isoformat(), "seen": sorted(same)}
