"""An acquisition's scoreboard: for each of the acquired firm's systems, how much of it the
acquirer already knew (overlap), what still waits for a steward, which rate lines disagree
with the acquirer's and which rows are still rejected."""

from __future__ import annotations

from dataclasses import dataclass

from mdm.repositories.onboarding import SystemFigures
from mdm.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class SystemScore:
    system: str
    kind: str
    acquired: bool
    entities: tuple[SystemFigures, ...]
    rate_conflicts: int

    @property
    def records(self) -> int:
        return sum(e.records for e in self.entities)

    @property
    def overlap(self) -> int:
        return sum(e.overlap for e in self.entities)

    @property
    def overlap_share(self) -> float:
        return self.overlap / self.records if self.records else 0.0

    @property
    def pending_reviews(self) -> int:
        return sum(e.pending_reviews for e in self.entities)

    @property
    def rejected(self) -> int:
        return sum(e.rejected for e in self.entities)


def scoreboard(uow: UnitOfWork, only: str | None = None) -> list[SystemScore]:
    """Every acquired system (registered with --acquired), or the one named ``only``."""
    found = []
    for system in uow.systems.all_systems():
        acquired = bool(system.settings.get("acquired", False))
        if (only is None and not acquired) or (only is not None and system.name != only):
            continue
        figures = tuple(uow.reports.system_figures(system.id))
        conflicts = len(uow.reports.rate_conflicts(system.id))
        found.append(SystemScore(system.name, system.kind, acquired, figures, conflicts))
    return found
