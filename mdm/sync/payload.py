"""What the hub writes for one golden record, and its content hash (exactly-once effect: a
payload whose hash was already written is not sent again)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from connectors.config import SystemConfig
from connectors.fieldmap import outbound
from mdm.db.bulk import as_sorted_json


def values_for(config: SystemConfig, attributes: Mapping[str, Any]) -> dict[str, Any]:
    return outbound(config, attributes)


def content_hash(values: Mapping[str, Any], status: str = "active") -> str:
    text = as_sorted_json({"status": status, "values": dict(values)})
    return hashlib.sha256(text.encode()).hexdigest()


def passes(filter_: Mapping[str, list[str]], attributes: Mapping[str, Any]) -> bool:
    """A subscription's filter: every named field holds one of its listed values."""
    return all(str(attributes.get(field) or "") in allowed for field, allowed in filter_.items())
