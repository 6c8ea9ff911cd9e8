"""Ready-made entity settings: customer, resource, rate card, and FEBRL for benchmarks."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from matching.settings import EntitySettings


@cache
def settings_for(
    entity: str,
    *,
    hours_per_day: float = 8,
    role_vocabulary: Path | None = None,
    source_hours: tuple[tuple[str, float], ...] = (),
) -> EntitySettings:
    """Default settings of an entity: ``"customer" | "resource" | "rate_card"``.

    ``hours_per_day`` converts day rates to hourly ones when rate cards are compared, and
    ``source_hours`` (source name, hours) where a source's working day differs;
    ``role_vocabulary``, a CSV file (``spelling,role``) of a firm's own spellings of rate-card
    roles, adds to the shipped vocabulary. Built once per process and arguments: settings are
    frozen, and "does this exist?" asks for them on every call."""
    if entity == "customer":
        from matching.presets.customer import customer_settings

        return customer_settings()
    if entity == "resource":
        from matching.presets.resource import resource_settings

        return resource_settings()
    if entity == "rate_card":
        from matching.presets.rate_card import rate_card_settings
        from matching.presets.role_vocabulary import read_vocabulary

        extra = read_vocabulary(role_vocabulary) if role_vocabulary else None
        return rate_card_settings(
            hours_per_day=hours_per_day, role_vocabulary=extra, source_hours=dict(source_hours)
        )
    raise ValueError(f"unknown entity {entity!r}; expected customer, resource or rate_card")
