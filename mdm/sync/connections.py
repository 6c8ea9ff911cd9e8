"""A system's connector configuration: registered with the system, built into a connector."""

from __future__ import annotations

from datetime import datetime

from connectors.config import ConfigError, ConfigProblem, SystemConfig, parse_config
from mdm.domain.entities import ENTITY_NAMES
from mdm.repositories.subscriptions import Subscription
from mdm.unit_of_work import UnitOfWork


def check_entities(source: str, config: SystemConfig) -> None:
    unknown = [e for e in config.entities if e not in ENTITY_NAMES]
    if unknown:
        reason = f"unknown entity {', '.join(unknown)} (known: {', '.join(ENTITY_NAMES)})"
        raise ConfigError(source, [ConfigProblem("entities", reason)])


# What a system of each kind is the system of record for, when its configuration does not say
# (``owns`` absent): a CRM owns the commercial context, an ERP the financial fields.
SEEDED_OWNS = {"crm": ("industry", "parent_source_id"), "erp": ("currency",)}


def seeded(config: SystemConfig, kind: str) -> SystemConfig:
    if "owns" in config.model_fields_set:
        return config
    return config.model_copy(update={"owns": list(SEEDED_OWNS.get(kind, ()))})


def connect(uow: UnitOfWork, name: str, config: SystemConfig, now: datetime) -> list[str]:
    """Keep ``config`` with the system and subscribe it to its entities; a new subscription
    starts with every golden record of its entity queued (the initial load). Without
    ``owns``, a CRM or an ERP owns what :data:`SEEDED_OWNS` says."""
    check_entities(name, config)
    system = uow.systems.get_or_register(name)
    config = seeded(config, system.kind)
    system.settings = {**system.settings, "connector": config.model_dump(mode="json")}
    uow.flush()
    lines = []
    for entity in config.entities:
        sub_id, new = uow.systems.ensure_subscription(system.id, entity, config.filter)
        queued = uow.systems.queue_deliveries(sub_id, entity, None, now) if new else 0
        lines.append(f"{name}: subscribed to {entity}" + (f", {queued} queued" if new else ""))
    return lines


def config_of(subscription: Subscription) -> SystemConfig:
    return parse_config(subscription.system, dict(subscription.connector))
