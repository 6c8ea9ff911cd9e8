"""Levels that read one aspect in the light of another: what a test means where the two records
also share a value ("Ciboulette" / "Ciboulette Restaurant" at one street address).

A name within a longer one is the same company or its subsidiary; a subsidiary has an office
and a switchboard of its own, so at one street address or one phone number the longer name is
the same company written out. Such a level is one level of a comparison, weighed as any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matching.levels import Level
from matching.pair_view import PairView, equal_pairs, null_pairs


@dataclass(frozen=True)
class WhereEqual(Level):
    """The pairs ``test`` holds for whose records are also equal on one of ``equal`` (a street,
    a phone number). ``test`` reads only the pairs sharing such a value: few of a million
    random pairs, so the level costs little however dear ``test`` is."""

    label: str = "where_equal"
    test: Level = field(default_factory=lambda: Level("test"))
    equal: tuple[str, ...] = ()

    def features_read(self, feature: str) -> set[str]:
        return {*self.test.features_read(self.on(feature)), *self.equal}

    def beside_the_order(self) -> bool:
        return True

    def capped_by_the_level_before(self) -> bool:
        return True  # the shared street or phone is weighed by its own comparison

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        shared = np.zeros(len(view), dtype=bool)
        for name in self.equal:
            shared |= equal_pairs(view, name)
        rows = np.flatnonzero(shared)
        out = np.zeros(len(view), dtype=bool)
        if len(rows):
            out[rows] = np.asarray(self.test.mask(view.take(rows), self.on(feature)), dtype=bool)
        return out


@dataclass(frozen=True)
class ExactWhereKnown(Level):
    """Equal values where each of the ``known`` features is held by both records: the same
    country where both name a city (and the cities differ, a level before taking the same
    city), which is a person who moved or two people, unlike a country against a record
    that names no city."""

    label: str = "exact_where_known"
    known: tuple[str, ...] = ()

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), *self.known}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        hit = equal_pairs(view, self.on(feature))
        for name in self.known:
            hit = hit & ~null_pairs(view, name)
        return hit


@dataclass(frozen=True)
class KnownApart(Level):
    """The pairs ``test`` holds (on the comparison's feature) whose values of another feature
    (``feature``) both records hold and differ: two equal cost rates in two currencies, 85
    GBP and 85 EUR, whose conversion is not known, are no agreement. ``test`` defaults to
    every pair. Where either record lacks the other feature, the levels after it compare as
    they would without it."""

    label: str = "known_apart"
    test: Level | None = None

    def features_read(self, feature: str) -> set[str]:
        held = self.test.features_read(feature) if self.test is not None else set()
        return {self.on(feature), *held}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        apart = ~null_pairs(view, name) & ~equal_pairs(view, name)
        if self.test is None:
            return apart
        return apart & np.asarray(self.test.mask(view, feature), dtype=bool)
