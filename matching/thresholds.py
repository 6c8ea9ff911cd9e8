"""Decision thresholds on the match probability."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

Decision = Literal["auto", "review", "distinct"]


@dataclass(frozen=True)
class Thresholds:
    """``p >= upper`` links automatically, ``p <= lower`` is distinct, between goes to review
    when the pair holds evidence a steward could link on (``Comparison.evidence_levels``) and
    is left apart (distinct) when it does not: a queue of pairs that agree on names alone, which
    no one could link from the records, hides the pairs someone can.

    The defaults are decision-theoretic, not tuned on any truth: 0.5 is where a match becomes
    more likely than not, and 0.99 asks for odds of about 100 to 1 before linking unattended.

    ``without_evidence``: the probability a pair holding no such evidence (names alone, or
    names and a country) needs to link unattended, when that is more than ``upper`` (None:
    ``upper``). Its probability rests wholly on how often the model thinks other people bear
    the name, which no other field of the pair checks; below that bar it is left apart, as no
    one could link it from the records either (``matching.scoring.score_pairs``).
    """

    upper: float = 0.99
    lower: float = 0.5
    without_evidence: float | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.lower < self.upper <= 1.0:
            raise ValueError("thresholds need 0 <= lower < upper <= 1")
        if self.without_evidence is not None and not self.upper <= self.without_evidence <= 1.0:
            raise ValueError("thresholds need upper <= without_evidence <= 1")

    def to_dict(self) -> dict[str, float]:
        bar = self.without_evidence
        return {
            "upper": self.upper,
            "lower": self.lower,
            **({} if bar is None else {"without_evidence": bar}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Thresholds:
        bar = data.get("without_evidence")
        return cls(
            upper=float(data["upper"]),
            lower=float(data["lower"]),
            without_evidence=None if bar is None else float(bar),
        )

    @property
    def review_cap(self) -> float:
        """Probability given to a pair whose evidence forces review (middle of the band)."""
        return (self.lower + self.upper) / 2.0

    def decide(self, probability: float, decidable: bool = True) -> Decision:
        if probability >= self.upper:
            return "auto"
        if probability <= self.lower or not decidable:
            return "distinct"
        return "review"

    def decide_all(
        self, probabilities: np.ndarray, decidable: np.ndarray | None = None
    ) -> np.ndarray:
        """Decisions as an object array of ``"auto" | "review" | "distinct"``; ``decidable``:
        per pair, whether it holds evidence a steward could link on (default: every pair)."""
        out = np.full(len(probabilities), "review", dtype=object)
        if decidable is not None:
            out[~np.asarray(decidable, dtype=bool)] = "distinct"
        out[probabilities >= self.upper] = "auto"
        out[probabilities <= self.lower] = "distinct"
        return out
