"""The stewardship dashboard: queue size and age, decisions per day, auto-link rate, and the
duplicates each source system brought (what an M&A team looks at after a load)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from mdm.repositories import dashboard_figures as figures


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


def dashboard(session: Session) -> Dashboard:
    queues = [QueueFigure(*row) for row in figures.queue_ages(session)]
    systems = [SystemFigure(*row) for row in figures.duplicates_per_system(session)]
    return Dashboard(
        queues, figures.decisions_per_day(session), figures.auto_link_rates(session), systems
    )
