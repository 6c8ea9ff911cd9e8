"""What changed in Tryton since a cursor, and who changed it: a record's parts (a party, its
addresses and contact mechanisms, an employee) each carry a write date and a writer, so a read
can leave out what the hub's own user wrote and move the cursor past everything it saw."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from connectors.tryton.client import decode_datetime, encode_datetime

Part = Mapping[str, Any]


def changed_since(since: datetime | None) -> list[Any]:
    """Parties written or created after ``since``, or whose address or contact mechanism was
    (an empty domain, all of them, when there is no cursor yet)."""
    if since is None:
        return []
    after = encode_datetime(since)
    return [
        "OR",
        *(
            [[f"{prefix}{field}", ">", after]]
            for prefix in ("", "addresses.", "contact_mechanisms.")
            for field in ("write_date", "create_date")
        ),
    ]


def party_parts(row: Part) -> list[Part]:
    return [row, *row.get("addresses.", []), *row.get("contact_mechanisms.", [])]


def _when(part: Part) -> datetime | None:
    return decode_datetime(part.get("write_date") or part.get("create_date"))


def touched(part: Part, since: datetime) -> bool:
    """Written or created after ``since``, by anyone."""
    when = _when(part)
    return when is not None and when > since


def changed_by_others(parts: Sequence[Part], since: datetime | None, hub: int) -> bool:
    """Some part changed after ``since`` by another user than the hub (Tryton leaves
    ``write_uid`` and ``write_date`` empty until a record's first write)."""
    for part in parts:
        when = _when(part)
        who = part.get("write_uid") or part.get("create_uid")
        if (since is None or (when is not None and when > since)) and who != hub:
            return True
    return False


def latest(parts: Sequence[Part], since: datetime | None) -> datetime | None:
    """The cursor after reading ``parts``: the latest write date seen (``since`` if none)."""
    found = [when.astimezone(UTC) for part in parts if (when := _when(part)) is not None]
    return max([*found, *([since] if since else [])], default=None)
