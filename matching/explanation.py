"""Why a pair scored what it did: per comparison the level and its weight, plus the prior."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ComparisonWeight:
    """One comparison's contribution: its level, ``log2(m/u)`` (after term frequency)."""

    comparison: str
    level: str
    weight: float
    m: float
    u: float
    term_frequency_adjusted: bool = False
    forces_review: bool = False


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

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def strongest(self, count: int = 3) -> tuple[ComparisonWeight, ...]:
        """The comparisons that moved the score most, for short summaries."""
        ranked = sorted(self.comparisons, key=lambda item: (-abs(item.weight), item.comparison))
        return tuple(ranked[:count])
