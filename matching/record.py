"""Records as the matching library sees them: plain mappings with an ``"id"`` key.

The hub passes canonical payloads (the canonical field names the README lists, already
standardised by the ingest step). An optional ``"source"`` key names the source system, for link-only matching.
"""

from __future__ import annotations

from collections.abc import Mapping

Record = Mapping[str, object]

ID_KEY = "id"
SOURCE_KEY = "source"


def record_id(record: Record) -> str:
    """Return the record's id as a string; a record without one is an error."""
    value = record.get(ID_KEY)
    if value is None or value == "":
        raise ValueError("record has no 'id'")
    return str(value)


def record_source(record: Record) -> str:
    """Return the record's source system name, or an empty string."""
    value = record.get(SOURCE_KEY)
    return "" if value is None else str(value)


def text(record: Record, key: str) -> str | None:
    """Return the stripped text of a field, or None when it is missing or blank."""
    return text_value(record.get(key))


def text_value(value: object) -> str | None:
    """``text`` of a field's value as the record holds it."""
    if value.__class__ is str:  # most values: asked millions of times a bulk run
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from a data frame
        return None
    result = str(value).strip()
    return result or None
