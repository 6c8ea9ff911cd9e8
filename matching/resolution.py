"""The outcome of a bulk resolve: clusters, decided links and figures."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from matching.explanation import Explanation
from matching.thresholds import Decision

Apart = tuple[str, str, float]
"""A pair scored below the links held apart (``Matcher.apart_pairs``): left id, right id,
probability."""


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
    """``clusters`` hold record ids; ``links`` the pairs above the lower threshold;
    ``apart`` (left, right, probability) the pairs scored below it held apart
    (``Matcher.apart_pairs``), which later runs cluster on beside the links."""

    clusters: list[list[str]]
    links: list[Link]
    stats: ResolutionStats
    apart: list[Apart] = field(default_factory=list)


def quiet_links(links: Iterable[Link]) -> list[tuple[str, str]]:
    """The links holding no evidence against: every comparison weighs 0 or more (or weighs
    against at a level that leaves the link quiet, ``Comparison.quiet_mask``), and none that
    a steward decides by differs in part (``Comparison.differing_mask``)."""
    return [
        (link.left_id, link.right_id)
        for link in links
        if all(
            (part.weight >= 0.0 or part.quiet) and not part.differs
            for part in link.explanation.comparisons
        )
    ]


def distinct_links(links: Iterable[Link]) -> list[tuple[str, str]]:
    """The links decided distinct: above the lower threshold, but holding nothing a steward
    could link on (``matching.thresholds``)."""
    return [(link.left_id, link.right_id) for link in links if link.decision == "distinct"]


def resolution_of(
    records: int,
    pairs: int,
    links: list[Link],
    clusters: list[list[str]],
    started: float,
    apart: list[Apart] | None = None,
) -> Resolution:
    stats = ResolutionStats(
        records=records,
        candidate_pairs=pairs,
        auto_links=sum(link.decision == "auto" for link in links),
        review_pairs=sum(link.decision == "review" for link in links),
        clusters=len(clusters),
        seconds=time.perf_counter() - started,
    )
    return Resolution(clusters, links, stats, apart or [])
