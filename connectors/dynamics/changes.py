"""Reading changed accounts from Dataverse: ``$filter=modifiedon gt`` the cursor, oldest first,
paged by ``@odata.nextLink``; what the application user (the hub) modified last is left out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from connectors.protocol import InboundRecord

SYSTEM = ("modifiedon", "_modifiedby_value", "statecode")


def first_page(collection_url: str, key: str, fields: Sequence[str], since: datetime | None) -> str:
    query = {
        "$select": ",".join(dict.fromkeys([*fields, key, *SYSTEM])),
        "$orderby": "modifiedon asc",
    }
    if since is not None:
        moment = since.astimezone(UTC)
        literal = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
        query["$filter"] = f"modifiedon gt {literal}"
    return f"{collection_url}?{urlencode(query, safe='$,')}"


def modified(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def inbound(
    row: Mapping[str, Any], id_attribute: str, key: str, fields: Sequence[str]
) -> InboundRecord:
    golden = row.get(key) or None
    return InboundRecord(
        target_id=str(row[id_attribute]),
        values={name: row.get(name) for name in fields if name not in (key, *SYSTEM)},
        golden_id=str(golden) if golden else None,
        target_version=row.get("@odata.etag"),
        active=row.get("statecode", 0) == 0,
    )
