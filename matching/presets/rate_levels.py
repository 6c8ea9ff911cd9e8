"""Comparison levels particular to rate cards: role spellings, period starts, unit slips."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import JaroWinkler, Prefix

from matching.levels import Level
from matching.levels_numeric import PeriodsOverlap, floats, iso_days
from matching.pair_view import PairView, equal_pairs, is_null, null_pairs


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


def _years(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)


@dataclass(frozen=True)
class PeriodsOverlapStartingSameYear(PeriodsOverlap):
    """The periods overlap and start in the same calendar year: a start moved within the
    year (the day a system entered the line, or a month keyed otherwise), as opposed to a
    later version of the card, which starts in a later year when a version runs a year."""

    label: str = "overlap_same_year"

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = view.derived(f"years:{name}", lambda b: _years(iso_days(b.column(name))))
        return super().mask(view, feature) & (left == right)


def _dearer_over_cheaper(view: PairView, feature: str) -> np.ndarray:
    left, right = floats(view.left(feature)), floats(view.right(feature))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.maximum(left, right) / np.minimum(left, right)


@dataclass(frozen=True)
class UnitSlip(Level):
    """One hourly amount is the other times a working day of one of ``hours`` (within
    ``fraction``; the configured days): a day rate keyed with the unit ``hour``, or an hourly
    one with ``day``."""

    label: str = "unit_slip"
    hours: tuple[float, ...] = (8.0,)
    fraction: float = 0.005

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        factor = _dearer_over_cheaper(view, self.on(feature))
        return _near_any(factor, self.hours, self.fraction)


@dataclass(frozen=True)
class OtherDayLength(Level):
    """A day rate and an hourly one whose figures are apart by a working day of one of
    ``hours`` (within ``fraction``): the same price from a source whose day is not the
    configured one (7.5 hours against 8). Reads the figures as quoted (``amount``) and their
    units (``unit``: ``day`` or ``hour``), not the comparison's hourly feature."""

    label: str = "other_day_length"
    hours: tuple[float, ...] = (7.0, 7.5, 8.0)
    fraction: float = 0.005
    amount: str = "quoted_rate"
    unit: str = "rate_unit"

    def features_read(self, feature: str) -> set[str]:
        return {self.amount, self.unit}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        left_unit, right_unit = view.left(self.unit), view.right(self.unit)
        known = ~(is_null(left_unit) | is_null(right_unit))
        other_unit = known & np.asarray(left_unit != right_unit, dtype=bool)
        return other_unit & _near_any(
            _dearer_over_cheaper(view, self.amount), self.hours, self.fraction
        )


def _near_any(factor: np.ndarray, targets: tuple[float, ...], fraction: float) -> np.ndarray:
    """Where ``factor`` is within ``fraction`` of one of ``targets`` (False where NaN)."""
    hit = np.zeros(len(factor), dtype=bool)
    with np.errstate(invalid="ignore"):
        for target in targets:
            hit |= np.abs(factor - target) <= fraction * target
    return hit


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


@dataclass(frozen=True)
class WholeKey(Level):
    """Every field of a line's business key agrees: the same customer (the comparison's
    feature), currency and level (or neither names a level), the same role or a spelling of
    it (``RoleVariant``), the same region, and overlapping periods starting at most ``days``
    apart whose last days agree where both give one. A line is unique by its key, so two
    records agreeing on all of it are one line, far more often than the fields' agreements
    one by one say: among different lines, a key agreeing whole is as rare as the key is
    unique.

    Not a whole key:

    * a field one record names and the other leaves empty (a region, a level): the line
      naming none may be another region's; nor two lines naming no region;
    * periods starting further apart, or ending on other days: a later version overlapping
      one that lost its end date, a price revised in the middle of the year, a card renewed
      for another term;
    * two records of one system (``record_source``, where both name one): a system holds a
      line once, so they are two of its lines, or a copy it holds of one;
    * a customer of ``shared``: a card whose key is not unique in practice (the firm's
      standard card, which systems keep with lines of one key for other purposes).
    """

    label: str = "whole_key"
    days: int = 62
    shared: frozenset[str] = frozenset()
    role: str = "role"
    role_key: str = "role_key"
    level: str = "level"
    currency: str = "currency"
    start: str = "effective_from"
    end: str = "effective_to"
    region: str = "region"

    def features_read(self, feature: str) -> set[str]:
        return {
            self.on(feature),
            self.role,
            self.role_key,
            self.level,
            self.currency,
            self.start,
            self.end,
            self.region,
        }

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        customer = self.on(feature)
        cheap = (
            equal_pairs(view, customer)
            & ~np.isin(view.left(customer).astype(str), sorted(self.shared))
            & equal_pairs(view, self.currency)
            & _equal_or_both_unknown(view, self.level)
            & equal_pairs(view, self.region)
            & (null_pairs(view, self.end) | equal_pairs(view, self.end))
            & ~_one_system(view)
        )
        rows = np.flatnonzero(cheap)
        out = np.zeros(len(view), dtype=bool)
        if len(rows):
            some = view.take(rows)
            role = equal_pairs(some, self.role_key) | RoleVariant(level=self.level).mask(
                some, self.role
            )
            period = PeriodsOverlapStartingWithin(until=self.end, days=self.days).mask(
                some, self.start
            )
            out[rows] = role & period
        return out


def _one_system(view: PairView) -> np.ndarray:
    """Pairs of two records of one named system."""
    left, right = view.batches()
    left_sources = np.asarray(left.sources)[view.left_idx]
    right_sources = np.asarray(right.sources)[view.right_idx]
    return np.asarray((left_sources == right_sources) & (left_sources != ""), dtype=bool)


def _equal_or_both_unknown(view: PairView, feature: str) -> np.ndarray:
    left, right = view.derived(f"null:{feature}", lambda b: is_null(b.column(feature)))
    return equal_pairs(view, feature) | (left & right)
