"""Why a pair scored what it did: per comparison the level and its weight, plus the prior."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class ComparisonWeight(NamedTuple):
    """One comparison's contribution: its level, ``log2(m/u)`` (after term frequency).

    A named tuple, not a dataclass: a bulk run makes one per comparison of every kept pair,
    hundreds of thousands, and a frozen dataclass costs several times more to build."""

    comparison: str
    level: str
    weight: float
    m: float
    u: float
    term_frequency_adjusted: bool = False
    forces_review: bool = False
    differs: bool = False
    """The two values differ in part (``Comparison.differing_mask``)."""
    quiet: bool = False
    """A weight against at this level leaves the link quiet (``Comparison.quiet_mask``)."""


@dataclass(frozen=True)
class Explanation:
    """``prior_weight + sum(weights) == total_weight``; probability = 2^W / (1 + 2^W),
    capped into the review band when a comparison forces review."""

    left_id: str
    right_id: str
    prior_weight: float
    comparisons: tuple[ComparisonWeight, ...]
    total_weight: float
    probability: float
    review_forced: bool = False
    decidable: bool = True
    """Whether the pair holds evidence a steward could link on (``Comparison.evidence_levels``)."""

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data (written for every stored link, so no generic ``asdict``)."""
        return {
            "left_id": self.left_id,
            "right_id": self.right_id,
            "prior_weight": self.prior_weight,
            "comparisons": [
                {
                    "comparison": c.comparison, "level": c.level, "weight": c.weight, "m": c.m,
                    "u": c.u, "term_frequency_adjusted": c.term_frequency_adjusted,
                    "forces_review": c.forces_review, "differs": c.differs, "quiet": c.quiet,
                }
                for c in self.comparisons
            ],
            "total_weight": self.total_weight,
            "probability": self.probability,
            "review_forced": self.review_forced,
            "decidable": self.decidable,
        }  # fmt: skip
