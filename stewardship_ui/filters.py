"""The queue's filters as the steward sets them in the form, and as the services take them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# score bands offered in the queue filter: label → (lowest, highest) probability
BANDS: dict[str, tuple[float, float]] = {
    "likely": (0.8, 1.0),
    "unsure": (0.5, 0.8),
    "unlikely": (0.0, 0.5),
}
STATUSES = ("open", "deferred", "merged", "not_a_match")


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@dataclass(frozen=True)
class QueueFilter:
    entity: str | None = None
    system: str | None = None
    band: str | None = None
    older_than_days: int | None = None
    assignee: str | None = None
    status: str = "open"

    @classmethod
    def from_query(cls, params: dict[str, str]) -> QueueFilter:
        age = _text(params.get("older_than_days"))
        band = _text(params.get("band"))
        status = _text(params.get("status")) or "open"
        return cls(
            entity=_text(params.get("entity")),
            system=_text(params.get("system")),
            band=band if band in BANDS else None,
            older_than_days=int(age) if age and age.isdigit() else None,
            assignee=_text(params.get("assignee")),
            status=status if status in STATUSES else "open",
        )

    def service_arguments(self, user: str) -> dict[str, Any]:
        """Keyword arguments of ``list_tasks`` (``assignee=me`` is the signed-in user)."""
        low, high = BANDS[self.band] if self.band else (None, None)
        return {
            "entity": self.entity,
            "system": self.system,
            "min_probability": low,
            "max_probability": high,
            "older_than_days": self.older_than_days,
            "assignee": user if self.assignee == "me" else self.assignee,
            "status": self.status,
        }

    def query(self) -> dict[str, Any]:
        """The filter as URL parameters (empty ones left out), to come back to the same view."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "", "open")}
