"""A payload's content hash (exactly-once effect: a payload whose hash was already written is
not sent again; the payload itself is ``connectors.fieldmap.outbound``), and a subscription's
filter."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from mdm.db.bulk import as_sorted_json


def content_hash(values: Mapping[str, Any], status: str = "active") -> str:
    text = as_sorted_json({"status": status, "values": dict(values)})
    return hashlib.sha256(text.encode()).hexdigest()


def passes(filter_: Mapping[str, list[str]], attributes: Mapping[str, Any]) -> bool:
    """A subscription's filter: every named field holds one of its listed values."""
    return all(str(attributes.get(field) or "") in allowed for field, allowed in filter_.items())
