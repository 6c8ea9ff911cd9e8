"""A golden record's members as survivorship sees them: plain values, no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

NOT_ATTRIBUTES = frozenset({"source_id"})


@dataclass(frozen=True)
class MemberVersion:
    version_id: int
    record_id: int
    system: str
    source_id: str
    received_at: datetime
    values: dict[str, Any]
    invalid: dict[str, str]
    kind: str = "other"
    trust: dict[str, Any] = field(default_factory=dict)

    def attribute_items(self) -> list[tuple[str, Any]]:
        return list(self._attribute_items)

    @cached_property
    def _attribute_items(self) -> tuple[tuple[str, Any], ...]:
        """Worked out once: survivorship asks for each attribute it decides by completeness."""
        return tuple(
            (k, v)
            for k, v in self.values.items()
            if k not in NOT_ATTRIBUTES and v not in (None, "", [])
        )

    def trust_for(self, attribute: str) -> float:
        value = self.trust.get(attribute, self.trust.get("*", 1.0))
        return float(value)

    def completeness(self) -> int:
        return len(self._attribute_items)
