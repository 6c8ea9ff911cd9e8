"""What is wrong with a row: a field and a reason a person can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldIssue:
    field: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "reason": self.reason}


@dataclass(frozen=True)
class CanonicalRow:
    """A row after validation: canonical values, values flagged invalid, and fatal issues.

    ``errors`` send the row to quarantine. ``invalid`` values are kept (as ``None`` in
    ``values``) with the reason, so survivorship never lets them win but nothing is lost.
    """

    source_id: str
    values: dict[str, Any]
    invalid: dict[str, str]
    errors: tuple[FieldIssue, ...]

    @property
    def accepted(self) -> bool:
        return not self.errors
