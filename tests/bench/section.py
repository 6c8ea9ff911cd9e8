"""What a benchmark section returns, and how one run of it is recorded.

A section module exposes ``run(quick: bool) -> Section``. The runner wraps the outcome in a
:class:`SectionRecord` (status, error, timing, machine) that is saved as JSON, so a partial
re-run can render RESULTS.md with the other sections' last figures.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Cell = str | int | float | None

NOT_AVAILABLE = "not available"


@dataclass(frozen=True)
class Section:
    """One section of RESULTS.md: a title, a table and notes under it."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} has {len(row)} cells, expected {len(self.columns)}")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        return cls(
            title=data["title"],
            columns=tuple(data["columns"]),
            rows=tuple(tuple(row) for row in data["rows"]),
            notes=tuple(data.get("notes", ())),
        )


@dataclass(frozen=True)
class Machine:
    """Where and when figures were measured."""

    cpu: str
    cores: int
    ram_gib: float
    python: str
    platform: str
    commit: str
    measured_at: str
    load_average: float | None = None  # 1-minute load when the run started (others' work)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Machine:
        return cls(**data)


@dataclass(frozen=True)
class SectionRecord:
    """The outcome of one section in one run: its figures, or the error that stopped it."""

    name: str
    status: Literal["ok", "failed"]
    machine: Machine
    seconds: float
    quick: bool
    section: Section | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SectionRecord:
        section = data.get("section")
        return cls(
            name=data["name"],
            status=data["status"],
            machine=Machine.from_dict(data["machine"]),
            seconds=float(data["seconds"]),
            quick=bool(data["quick"]),
            section=Section.from_dict(section) if section else None,
            error=data.get("error"),
            extra=dict(data.get("extra", {})),
        )


def ratio(ours: float | None, peer: float | None) -> float | None:
    """ours / peer, or None when either side is missing or the peer figure is zero."""
    if ours is None or peer is None or peer == 0:
        return None
    return ours / peer
