"""Levels of string similarity: values a slip or two apart (Jaro-Winkler, edits), or the same
words in another order (sorted tokens)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import OSA, Indel, JaroWinkler, Levenshtein

from matching.levels import Level
from matching.pair_view import PairView, null_pairs


@dataclass(frozen=True)
class JaroWinklerAtLeast(Level):
    label: str = "jaro_winkler"
    threshold: float = 0.9

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        close = view.similarity(name, JaroWinkler.similarity) >= self.threshold
        return close & ~null_pairs(view, name)


@dataclass(frozen=True)
class EditsAtMost(Level):
    """At most ``edits`` insertions, deletions, substitutions (and, with ``transpositions``,
    swaps of adjacent characters: optimal string alignment)."""

    label: str = "edits"
    edits: int = 1
    transpositions: bool = True

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        scorer = OSA.distance if self.transpositions else Levenshtein.distance
        return (view.similarity(name, scorer) <= self.edits) & ~null_pairs(view, name)


def sorted_tokens(values: np.ndarray) -> np.ndarray:
    """Each value's words, sorted and joined by one space (None as "")."""
    out = np.empty(len(values), dtype=object)
    out[:] = ["" if value is None else " ".join(sorted(str(value).split())) for value in values]
    return out


@dataclass(frozen=True)
class SortedTokensAtLeast(Level):
    """The same words in any order, nearly: normalised Indel similarity of the sorted words.

    Catches word swaps ("house blue" / "blue house") and small edits at a fraction of the cost
    of a token-set ratio.
    """

    label: str = "sorted_tokens"
    threshold: float = 0.9

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        scores = view.similarity(
            self.on(feature), Indel.normalized_similarity, ("sorted", sorted_tokens)
        )
        return scores >= self.threshold
