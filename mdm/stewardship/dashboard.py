"""The stewardship dashboard: queue size and age, decisions per day, auto-link rate, and the
duplicates each source system brought (what an M&A team looks at after a load)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mdm.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class QueueFigure:
    entity: str
    open_tasks: int
    oldest_days: float


@dataclass(frozen=True)
class SystemFigure:
    system: str
    records: int
    duplicates: int


@dataclass(frozen=True)
class Dashboard:
    queues: list[QueueFigure]
    decisions_per_day: list[tuple[date, int]]
    auto_link_rate: dict[str, float]
    systems: list[SystemFigure]


def dashboard(uow: UnitOfWork) -> Dashboard:
    queues = [QueueFigure(*row) for row in uow.reports.queue_ages()]
    systems = [SystemFigure(*row) for row in uow.reports.duplicates_per_system()]
    return Dashboard(
        queues, uow.reports.decisions_per_day(), uow.reports.auto_link_rates(), systems
    )
