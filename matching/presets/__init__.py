"""Ready-made entity settings: customer, resource, rate card, and FEBRL for benchmarks."""

from __future__ import annotations

from functools import cache

from matching.settings import EntitySettings


@cache
def settings_for(entity: str, *, hours_per_day: float = 8) -> EntitySettings:
    """Default settings of an entity: ``"customer" | "resource" | "rate_card"``.

    ``hours_per_day`` converts day rates to hourly ones when rate cards are compared. Built
    once per process and arguments: settings are frozen, and "does this exist?" asks for them
    on every call."""
    if entity == "customer":
        from matching.presets.customer import customer_settings

        return customer_settings()
    if entity == "resource":
        from matching.presets.resource import resource_settings

        return resource_settings()
    if entity == "rate_card":
        from matching.presets.rate_card import rate_card_settings

        return rate_card_settings(hours_per_day=hours_per_day)
    raise ValueError(f"unknown entity {entity!r}; expected customer, resource or rate_card")
