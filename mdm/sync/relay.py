"""The relay: due deliveries of one subscription, batch after batch, each batch in its own
unit of work that holds the claimed rows until their outcomes are recorded.

A relay killed mid-batch leaves its rows pending: the next run writes them again, and the
connector's upsert by golden id makes the repeat land on the same target record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from connectors.config import SystemConfig
from connectors.protocol import Connector
from mdm.repositories.subscriptions import Subscription
from mdm.sync.batch import BatchResult, deliver
from mdm.unit_of_work import UnitsOfWork

Clock = Callable[[], datetime]
Progress = Callable[[int], None]


@dataclass
class RelayReport:
    system: str
    entity: str
    outcomes: dict[str, int] = field(default_factory=dict)
    dead: int = 0
    retrying: int = 0
    conflicts: int = 0
    stopped: str | None = None  # why the run stopped early (the target is unavailable)

    def add(self, batch: BatchResult) -> None:
        for outcome, n in batch.outcomes.items():
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + n
        self.dead += sum(1 for f in batch.failed if f.next_attempt_at is None)
        self.retrying += sum(1 for f in batch.failed if f.next_attempt_at is not None)
        self.conflicts += batch.conflicts

    def describe(self) -> str:
        done = ", ".join(f"{n} {o}" for o, n in sorted(self.outcomes.items())) or "nothing due"
        extra = f"; {self.retrying} to retry" if self.retrying else ""
        extra += f"; {self.dead} dead-lettered" if self.dead else ""
        extra += f"; stopped: {self.stopped}" if self.stopped else ""
        return f"{self.system}/{self.entity}: {done}{extra}"


def relay(
    units: UnitsOfWork, subscription: Subscription, config: SystemConfig,
    connector: Connector, clock: Clock, progress: Progress | None = None,
    read_back: Callable[[], None] | None = None,
) -> RelayReport:  # fmt: skip
    """Deliver everything due now; stop when nothing is due or the target is unavailable.
    After a conflict (the target changed a record since the hub wrote it), ``read_back``
    reads the target's changes first, so the next attempt writes against what was read."""
    report = RelayReport(subscription.system, subscription.entity)
    size = max(1, connector.capabilities.batch_size)
    filter_ = dict(subscription.filter)
    while True:
        with units() as uow:
            now = clock()
            due = uow.systems.claim_due(subscription.id, now, size)
            if not due:
                return report
            result = deliver(connector, config, filter_, subscription.entity, due, now)
            acknowledged = clock()  # the target has answered: the delivery's time
            uow.systems.mark_delivered(subscription.id, result.landed, acknowledged)
            uow.systems.mark_failed(subscription.id, result.failed, now)
            if result.gone:
                uow.systems.set_subscription_status(subscription.system, "paused")
        report.add(result)
        if progress is not None:
            progress(len(due))
        if result.conflicts and read_back is not None:
            read_back()
        if result.unavailable:
            report.stopped = result.unavailable
            return report
