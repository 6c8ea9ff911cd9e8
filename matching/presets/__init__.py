"""Ready-made entity settings: customer, resource, rate card, and FEBRL for benchmarks."""

from __future__ import annotations

from matching.settings import EntitySettings


def settings_for(entity: str) -> EntitySettings:
    """Default settings of an entity: ``"customer" | "resource" | "rate_card"``."""
    if entity == "customer":
        from matching.presets.customer import customer_settings

        return customer_settings()
    if entity == "resource":
        from matching.presets.resource import resource_settings

        return resource_settings()
    if entity == "rate_card":
        from matching.presets.rate_card import rate_card_settings

        return rate_card_settings()
    raise ValueError(f"unknown entity {entity!r}; expected customer, resource or rate_card")
