"""The outcome of a bulk resolve: clusters, decided links and figures."""

from __future__ import annotations

from dataclasses import dataclass

from matching.explanation import Explanation
from matching.thresholds import Decision


@dataclass(frozen=True)
class Link:
    left_id: str
    right_id: str
    probability: float
    decision: Decision
    explanation: Explanation


@dataclass(frozen=True)
class ResolutionStats:
    records: int
    candidate_pairs: int
    auto_links: int
    review_pairs: int
    clusters: int
    seconds: float


@dataclass(frozen=True)
class Resolution:
    """``clusters`` hold record ids; ``links`` the pairs above the lower threshold."""

    clusters: list[list[str]]
    links: list[Link]
    stats: ResolutionStats
