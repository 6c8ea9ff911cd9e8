"""Comparison levels: each is a vectorised test over aligned left/right feature arrays.

A comparison walks its levels in order; a pair takes the first level whose test holds. The
first level of every comparison is ``Null`` (no evidence, weight 0) and the last is ``Else``.
Levels other than ``Null`` see only pairs whose main feature is known on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz.distance import OSA, Indel, JaroWinkler, Levenshtein

from matching.pair_view import PairView, null_pairs


def _similarity(view: PairView, feature: str, scorer: Any) -> np.ndarray:
    return view.similarity(feature, scorer)


@dataclass(frozen=True)
class Level:
    """Base: ``label`` names the level in explanations; ``feature`` defaults to the comparison's."""

    label: str
    feature: str | None = None

    is_null_level = False
    is_else_level = False

    def uses_term_frequency(self) -> bool:
        return False

    def on(self, feature: str) -> str:
        return self.feature or feature

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        raise NotImplementedError


@dataclass(frozen=True)
class Null(Level):
    """No evidence: the feature is unknown on either side, or (with ``comparable_on``) the
    two records differ on that feature, so their values are not comparable (employee numbers
    of two numbering schemes, mailbox names at two different domains)."""

    label: str = "null"
    comparable_on: str | None = None
    is_null_level = True

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        unknown = null_pairs(view, self.on(feature))
        if self.comparable_on is None:
            return unknown
        left, right = view.left(self.comparable_on), view.right(self.comparable_on)
        return unknown | ~np.asarray(left == right, dtype=bool)


@dataclass(frozen=True)
class Else(Level):
    label: str = "else"
    is_else_level = True

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        return np.ones(len(view), dtype=bool)


@dataclass(frozen=True)
class Exact(Level):
    """Equal values. ``term_frequency``: weight by how common the shared value is."""

    label: str = "exact"
    term_frequency: bool = False

    def uses_term_frequency(self) -> bool:
        return self.term_frequency

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = view.left(name), view.right(name)
        return np.asarray(left == right, dtype=bool) & ~null_pairs(view, name)


@dataclass(frozen=True)
class JaroWinklerAtLeast(Level):
    label: str = "jaro_winkler"
    threshold: float = 0.9

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        return _similarity(view, self.on(feature), JaroWinkler.similarity) >= self.threshold


@dataclass(frozen=True)
class EditsAtMost(Level):
    """At most ``edits`` insertions, deletions, substitutions (and, with ``transpositions``,
    swaps of adjacent characters: optimal string alignment)."""

    label: str = "edits"
    edits: int = 1
    transpositions: bool = True

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        scorer = OSA.distance if self.transpositions else Levenshtein.distance
        return _similarity(view, self.on(feature), scorer) <= self.edits


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


@dataclass(frozen=True)
class Swapped(Level):
    """The two features are exchanged: left.a == right.b and left.b == right.a (names)."""

    label: str = "swapped"
    other: str = ""

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        la, lb = view.left(name), view.left(self.other)
        ra, rb = view.right(name), view.right(self.other)
        known = ~(null_pairs(view, name) | null_pairs(view, self.other))
        return known & np.asarray(la == rb, dtype=bool) & np.asarray(lb == ra, dtype=bool)
