"""Syndication as the CLI, the API and the workers use it: run, status, replay, dead letters,
pause and resume, pull."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from connectors.registry import build
from mdm.repositories import delivery_status
from mdm.repositories.subscriptions import Subscription
from mdm.runtime import Runtime
from mdm.sync.connections import config_of
from mdm.sync.pull import PullSummary, pull
from mdm.sync.relay import Clock, Progress, RelayReport, relay

__all__ = ["Runtime", "UnknownEventError", "UnknownSystemError"]


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnknownSystemError(LookupError):
    pass


class UnknownEventError(LookupError):
    pass


def run(
    runtime: Runtime, system: str | None = None, clock: Clock = utc_now,
    progress: Callable[[str, int], Progress] | None = None,
) -> list[RelayReport]:  # fmt: skip
    """Deliver everything due for every active subscription (of ``system``)."""
    with runtime.unit_of_work() as uow:
        subs = uow.systems.list_subscriptions(system)
    if system and not subs:
        raise UnknownSystemError(f"no system {system!r} with a connector configured")
    reports = []
    for sub in subs:
        if sub.status == "paused":
            reports.append(RelayReport(sub.system, sub.entity, stopped="paused"))
            continue
        tick = progress(f"{sub.system}/{sub.entity}", 0) if progress else None
        reports.append(_relay_one(runtime, sub, clock, tick))
    return reports


def _relay_one(
    runtime: Runtime, sub: Subscription, clock: Clock, tick: Progress | None
) -> RelayReport:
    config = config_of(sub)
    connector = build(config)

    def read_back() -> None:
        with runtime.unit_of_work() as uow:
            pull(uow, sub.system, sub.entity, connector, clock())

    try:
        reading = read_back if connector.capabilities.can_read else None
        return relay(runtime.unit_of_work, sub, config, connector, clock, tick, reading)
    finally:
        connector.close()


def replay(runtime: Runtime, system: str, since: datetime, clock: Clock = utc_now) -> int:
    """Queue again every golden record changed since ``since``, to be written even if the
    hub believes the target already has it."""
    with runtime.unit_of_work() as uow:
        subs = uow.systems.list_subscriptions(system)
        if not subs:
            raise UnknownSystemError(f"no system {system!r} with a connector configured")
        return sum(uow.systems.queue_deliveries(s.id, s.entity, since, clock()) for s in subs)


def replay_from_event(
    runtime: Runtime, system: str, event_id: uuid.UUID, clock: Clock = utc_now
) -> int:
    """Queue again every golden record changed since the outbox event ``event_id``."""
    with runtime.unit_of_work() as uow:
        since = uow.systems.event_time(event_id)
    if since is None:
        raise UnknownEventError(f"no event {event_id} in the outbox")
    return replay(runtime, system, since, clock)


def retry_dead(runtime: Runtime, system: str | None, clock: Clock = utc_now) -> int:
    with runtime.unit_of_work() as uow:
        subs = uow.systems.list_subscriptions(system)
        return uow.systems.retry_dead([s.id for s in subs], clock())


def set_paused(runtime: Runtime, system: str, paused: bool) -> int:
    with runtime.unit_of_work() as uow:
        found = uow.systems.set_subscription_status(system, "paused" if paused else "active")
    if not found:
        raise UnknownSystemError(f"no system {system!r} with a connector configured")
    return found


def pull_changes(runtime: Runtime, system: str, entity: str, clock: Clock = utc_now) -> PullSummary:
    with runtime.unit_of_work() as uow:
        subs = uow.systems.list_subscriptions(system)
        if not subs:
            raise UnknownSystemError(f"no system {system!r} with a connector configured")
        config = config_of(subs[0])
        connector = build(config)
        try:
            return pull(uow, system, entity, connector, clock())
        finally:
            connector.close()


def overview(runtime: Runtime) -> list[delivery_status.SystemStatus]:
    """Pending, failing, dead and delivered per connected system and entity."""
    with runtime.unit_of_work() as uow:
        return uow.systems.delivery_figures()


def dead_letters(
    runtime: Runtime, system: str | None = None, limit: int = 200
) -> list[delivery_status.DeliveryRow]:
    with runtime.unit_of_work() as uow:
        return uow.systems.delivery_rows(system=system, status="dead", limit=limit)
