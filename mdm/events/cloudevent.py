"""Outbox rows as CloudEvents 1.0 (structured JSON mode), built with the ``cloudevents`` SDK."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

DATA_CONTENT_TYPE = "application/json"
SEQUENCE_WIDTH = 10  # golden versions are 32-bit integers: zero-padded, they order as strings

_FORMAT = JSONFormat()


@dataclass(frozen=True)
class OutboxRow:
    position: int
    txid: int
    id: uuid.UUID
    type: str
    source: str
    subject: str
    sequence: int
    data: dict[str, Any]
    created_at: datetime
    feed_position: int = 0  # 0 until the relay has placed it in the feed


def sequence_text(sequence: int) -> str:
    """The CloudEvents ``sequence`` extension is a lexicographically ordered string."""
    return str(sequence).zfill(SEQUENCE_WIDTH)


def to_cloudevent(row: OutboxRow) -> CloudEvent:
    attributes: dict[str, Any] = {
        "specversion": "1.0",
        "id": str(row.id),
        "source": row.source,
        "type": row.type,
        "subject": row.subject,
        "time": row.created_at,
        "datacontenttype": DATA_CONTENT_TYPE,
        "sequence": sequence_text(row.sequence),
    }
    return CloudEvent(attributes, row.data)


def to_json_bytes(row: OutboxRow) -> bytes:
    return _FORMAT.write(to_cloudevent(row))


def to_json_object(row: OutboxRow) -> dict[str, Any]:
    """The structured-mode JSON of the event, as a plain object to embed in a response."""
    value: dict[str, Any] = json.loads(to_json_bytes(row))
    return value
