"""Comparison levels particular to rate cards: role spellings, period starts, unit slips."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import JaroWinkler, Prefix

from matching.levels import Level
from matching.levels_numeric import PeriodsOverlap, floats, iso_days
from matching.pair_view import PairView, is_null, null_pairs


def word_stems(value: str, size: int = 3) -> str:
    """The first ``size`` letters of each word, sorted: ``sol architect`` -> ``arc sol``."""
    return " ".join(sorted(word[:size] for word in value.split()))


def _spaced(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = ["" if value is None else f"{value} " for value in values]
    return out


def _stems(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = [None if value is None else word_stems(str(value)) for value in values]
    return out


SENIORITY_WORDS = frozenset({"senior", "junior", "lead", "chief", "head", "i", "ii", "iii", "iv"})
"""Words that say a grade, which the level already says (``senior data scientist``, level 3)."""


def without_seniority(value: str) -> str:
    return " ".join(word for word in value.split() if word not in SENIORITY_WORDS)


def _ungraded(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = [None if value is None else without_seniority(str(value)) or None for value in values]
    return out


def _lengths(values: np.ndarray) -> np.ndarray:
    return np.fromiter((0 if v is None else len(str(v)) for v in values), np.int64, len(values))


@dataclass(frozen=True)
class RoleVariant(Level):
    """Another spelling of the same role (standardised titles, words in order):

    * the same words abbreviated (``sol architect`` / ``solution architect``, stems agree);
    * one title is the other followed by qualifying words (``manager`` / ``manager
      consulting``, ``data engineer`` / ``data engineer ii``): a role's distinguishing words
      come first in English (``senior manager``, ``project manager`` are other roles);
    * or Jaro-Winkler similarity at least ``threshold`` (``data science consultant``);
    * with ``level`` (a feature) known and equal on both sides: the same title but for words
      that say a grade (``senior data scientist`` / ``data scientist``, both level 3).
    """

    label: str = "variant"
    threshold: float = 0.88
    level: str | None = None

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        known = ~null_pairs(view, name)
        left_stems, right_stems = view.derived(f"stems:{name}", lambda b: _stems(b.column(name)))
        stems = np.asarray(left_stems == right_stems, dtype=bool)
        common = view.similarity(name, Prefix.similarity, ("spaced", _spaced))
        left_len, right_len = view.derived(f"len:{name}", lambda b: _lengths(b.column(name)))
        extends = common == np.minimum(left_len, right_len) + 1
        similar = view.similarity(name, JaroWinkler.similarity) >= self.threshold
        return known & (stems | extends | similar | self._regraded(view, name))

    def _regraded(self, view: PairView, name: str) -> np.ndarray:
        if self.level is None:
            return np.zeros(len(view), dtype=bool)
        left, right = view.derived(f"ungraded:{name}", lambda b: _ungraded(b.column(name)))
        same_level = np.asarray(view.left(self.level) == view.right(self.level), dtype=bool)
        known = ~(null_pairs(view, self.level) | is_null(left) | is_null(right))
        return known & same_level & np.asarray(left == right, dtype=bool)


@dataclass(frozen=True)
class PeriodsOverlapStartingWithin(PeriodsOverlap):
    """The periods overlap and their first days are at most ``days`` apart (a start date
    keyed a little late or early), as opposed to a later version overlapping an earlier one
    whose end date is missing."""

    label: str = "overlap_close_start"
    days: int = 62

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = view.derived(f"days:{name}", lambda batch: iso_days(batch.column(name)))
        return super().mask(view, feature) & (np.abs(left - right) <= self.days)


@dataclass(frozen=True)
class AmountRatio(Level):
    """One amount is ``ratio`` times the other, within ``fraction``: a day rate keyed with the
    unit ``hour`` (or the reverse) gives exactly the hours-per-day factor."""

    label: str = "ratio"
    ratio: float = 8.0
    fraction: float = 0.005

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = floats(view.left(name)), floats(view.right(name))
        with np.errstate(invalid="ignore", divide="ignore"):
            factor = np.maximum(left, right) / np.minimum(left, right)
            hit = np.abs(factor - self.ratio) <= self.fraction * self.ratio
        return hit & ~np.isnan(left) & ~np.isnan(right)


@dataclass(frozen=True)
class BothIn(Level):
    """Both values belong to ``values`` (e.g. two known region codes): when an earlier level
    found them unequal, they name two different things rather than one thing two ways."""

    label: str = "both_known"
    values: frozenset[str] = frozenset()

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        known = sorted(self.values)
        left, right = view.derived(
            f"in:{','.join(known)}:{name}",
            lambda b: np.isin(b.column(name).astype(str), known),
        )
        return left & right
