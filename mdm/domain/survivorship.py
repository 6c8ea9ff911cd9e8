"""Survivorship: which member value becomes the golden value, and the lineage that says why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mdm.domain.members import MemberVersion


def _provenance(member: MemberVersion, rule: str) -> dict[str, Any]:
    return {
        "version_id": member.version_id,
        "system": member.system,
        "source_id": member.source_id,
        "rule": rule,
    }


def survive(members: Sequence[MemberVersion]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Most recent valid value per attribute (ties: system name, source id)."""
    ordered = sorted(members, key=lambda m: (m.received_at, m.system, m.source_id), reverse=True)
    attributes: dict[str, Any] = {}
    lineage: dict[str, Any] = {}
    rule = "only_source" if len(members) == 1 else "most_recent"
    for member in ordered:
        for name, value in member.attribute_items():
            if name in attributes or name in member.invalid:
                continue
            attributes[name] = value
            lineage[name] = _provenance(member, rule)
    return attributes, lineage
