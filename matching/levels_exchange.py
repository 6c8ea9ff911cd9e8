"""Levels that read personal names exchanged between the first- and last-name fields.

An import that takes the name columns in the wrong order puts the given names, middle names or
initials included (``John Q``, ``Anne Pamela``), into the last name, and the surname, particles
and hyphens included (``de Boer``, ``Brown-Joseph``), into the first: ``Smith / John Q``
against ``John Quincy / Smith``. Such a pair is read as one record exchanged (``Exchange``):
its last name's first word is the other's first name, and its given names whole are the other's
last name. The exchanged record's middle names then stand in its last name after the first
word, and are compared there (``ReadAcrossExchange``), as they would be had nothing been
exchanged; its given names (the surname) are no middle names. A pair not exchanged reads its
middle names as they stand: the words after a surname's first (``Garcia Lopez``) are none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matching.crosswise import crosswise
from matching.levels import Level, Null
from matching.pair_view import PairView, equal_pairs, is_null


@dataclass(frozen=True)
class Exchange:
    """Which record of a pair holds its names exchanged: the other's ``first`` name is its
    ``head`` (its last name's first word) and the other's ``last`` name is its ``given`` names
    whole, exactly or, with ``threshold`` below 1, each that alike (Jaro-Winkler)."""

    first: str = "first_raw"
    last: str = "last"
    head: str = "last_head"
    given: str = "given"
    threshold: float = 1.0

    def features(self) -> set[str]:
        return {self.first, self.last, self.head, self.given}

    def exchanged_sides(self, view: PairView) -> tuple[np.ndarray, np.ndarray]:
        """Pairs whose left record holds the names exchanged, and those whose right one does:
        of two records each alike to the other exchanged (``Jerry E / Murray`` and
        ``Murray / Jerry Edward``: given names ``jerry e`` as alike to the last name
        ``jerry edward`` as ``murray`` to ``murray``), the one more alike so, and where the
        two are as alike, the one whose last name holds more words than its given names."""
        left, right = self._alike(view, left_side=True), self._alike(view, left_side=False)
        at_least = self.threshold
        left_side, right_side = (
            (left >= at_least) & (left > right),
            (right >= at_least) & (right > left),
        )
        tied = np.flatnonzero((left >= at_least) & (left == right))
        if len(tied):
            longer = self._last_longer(view.take(tied), view_left=True)
            left_side[tied], right_side[tied] = (
                longer,
                self._last_longer(view.take(tied), view_left=False),
            )
        return left_side, right_side

    def _last_longer(self, view: PairView, *, view_left: bool) -> np.ndarray:
        """Per pair: whether the side's last name holds more words than its given names, as
        a first name with a middle name exchanged into it does (``Murray / Jerry Edward``
        against ``Jerry Edward / Murray``, each read the other way round as alike)."""
        side = view.left if view_left else view.right
        return np.array(
            [
                _word_count(last) > _word_count(given)
                for last, given in zip(side(self.last), side(self.given), strict=True)
            ],
            dtype=bool,
        )

    def pairs(self, view: PairView) -> np.ndarray:
        """Pairs one of whose records holds the names exchanged."""
        at_least = self.threshold
        return (self._alike(view, left_side=True) >= at_least) | (
            self._alike(view, left_side=False) >= at_least
        )

    def _alike(self, view: PairView, *, left_side: bool) -> np.ndarray:
        """How alike the names are, one side read as exchanged: the lesser of the two names'
        similarities (1 where both are equal; below 1 only with ``threshold`` below 1), once
        per view (the first and last name comparisons both read it)."""
        key = f"exchange_alike:{self!r}:{'left' if left_side else 'right'}"
        return view.memo(key, lambda: self._alike_now(view, left_side=left_side))

    def _alike_now(self, view: PairView, *, left_side: bool) -> np.ndarray:
        firsts, lasts = (self.head, self.first), (self.given, self.last)
        if not left_side:
            firsts, lasts = (self.first, self.head), (self.last, self.given)
        equal = equal_pairs(view, *firsts) & equal_pairs(view, *lasts)
        if self.threshold >= 1.0:
            return equal.astype(float)
        alike = np.minimum(crosswise(view, *firsts), crosswise(view, *lasts))
        return np.where(equal, 1.0, alike)


def _word_count(value: object) -> int:
    return len(str(value).split()) if value is not None else 0


@dataclass(frozen=True)
class Exchanged(Level):
    """First and last name exchanged between the fields (``Exchange``): ``John Q / Smith``
    against ``Smith / John``; with a ``threshold`` below 1 in ``exchange``, with a slip."""

    label: str = "swapped"
    exchange: Exchange = field(default_factory=Exchange)

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), *self.exchange.features()}

    def features_compared(self, feature: str) -> set[str]:
        """The first name and the other's last name's first word, which an exchange puts
        against each other; the last and given names whole tell which record was exchanged.
        Training keeps the name comparisons in the sessions on pairs sharing a last name (few
        of them exchanged), as when this level read only those two."""
        return {self.on(feature), self.exchange.first, self.exchange.head}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        return self.exchange.pairs(view)


@dataclass(frozen=True)
class _Reading:
    """Per pair and side: whether the side is read by its ``instead`` feature (its names
    exchanged), and whether the value read is known."""

    left_instead: np.ndarray
    right_instead: np.ndarray
    known: np.ndarray


def _reading(view: PairView, feature: str, instead: str, exchange: Exchange) -> _Reading:
    """``_Reading`` of the pairs, once per view: each level of a comparison that reads
    across an exchange asks it of the same pairs again."""
    key = f"exchange_reading:{feature}:{instead}:{exchange!r}"
    read = view.memo(key, lambda: _reading_now(view, feature, instead, exchange))
    return _Reading(read[:, 0], read[:, 1], read[:, 2])


def _reading_now(view: PairView, feature: str, instead: str, exchange: Exchange) -> np.ndarray:
    """``_Reading``'s three arrays as the columns of one (pairs, 3)."""
    left_held = ~is_null(view.left(feature)) | ~is_null(view.left(instead))
    right_held = ~is_null(view.right(feature)) | ~is_null(view.right(instead))
    left_instead = np.zeros(len(view), dtype=bool)
    right_instead = np.zeros(len(view), dtype=bool)
    rows = np.flatnonzero(left_held & right_held)
    if len(rows):
        left_instead[rows], right_instead[rows] = exchange.exchanged_sides(view.take(rows))
    left = np.where(left_instead, view.left(instead), view.left(feature))
    right = np.where(right_instead, view.right(instead), view.right(feature))
    return np.stack([left_instead, right_instead, ~is_null(left) & ~is_null(right)], axis=1)


class _ReadsInstead(Level):
    """What a level reading a record by its ``instead`` feature where its names were exchanged
    (``exchange``) reads and compares: its own feature, ``instead`` and the exchange's.
    Listed before ``Level`` among a level's bases, after ``Null`` (whose default label a
    dataclass would otherwise lose to ``Level``'s field)."""

    instead: str
    exchange: Exchange

    def features_read(self, feature: str) -> set[str]:
        return {*self.features_compared(feature), *self.exchange.features()}

    def features_compared(self, feature: str) -> set[str]:
        return {self.on(feature), self.instead}


@dataclass(frozen=True)
class NullUnlessExchanged(Null, _ReadsInstead):
    """No evidence: the value unknown on either side, a record whose names were exchanged
    (``exchange``) read by its ``instead`` feature (the middle names an exchange put into the
    last name) in place of the comparison's."""

    instead: str = ""
    exchange: Exchange = field(default_factory=Exchange)

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        return ~_reading(view, self.on(feature), self.instead, self.exchange).known


@dataclass(frozen=True)
class ReadAcrossExchange(_ReadsInstead, Level):
    """Equal values, a record whose names were exchanged (``exchange``) read by its
    ``instead`` feature: the initial ``q`` of ``John Q / Smith`` against ``quincy`` of
    ``Smith / John Quincy``. Meant after ``NullUnlessExchanged`` of the same features."""

    label: str = "exact"
    instead: str = ""
    exchange: Exchange = field(default_factory=Exchange)

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name, instead = self.on(feature), self.instead
        read = _reading(view, name, instead, self.exchange)
        hit = np.zeros(len(view), dtype=bool)
        for on_left, on_right, rows in (
            (name, name, ~read.left_instead & ~read.right_instead),
            (instead, name, read.left_instead & ~read.right_instead),
            (name, instead, ~read.left_instead & read.right_instead),
            (instead, instead, read.left_instead & read.right_instead),
        ):
            rows = rows & read.known
            if rows.any():
                hit |= rows & equal_pairs(view, on_left, on_right)
        return hit
