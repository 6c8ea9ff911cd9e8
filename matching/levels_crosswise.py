"""Levels that compare one record's feature with the other record's other feature: first and
last names exchanged (``Swapped``), a place one record names in its name that is the other's
city (``EqualAcross``). The vectorised tests they share with ``Null`` are in
``matching.crosswise``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.crosswise import swapped_pairs
from matching.levels import Level
from matching.pair_view import PairView, equal_pairs


@dataclass(frozen=True)
class Swapped(Level):
    """The two features are exchanged: left.a == right.b and left.b == right.a (names); with
    ``threshold`` below 1, each that alike (Jaro-Winkler): exchanged, with a slip."""

    label: str = "swapped"
    other: str = ""
    threshold: float = 1.0

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), self.other}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        return swapped_pairs(view, self.on(feature), self.other, self.threshold)


@dataclass(frozen=True)
class EqualAcross(Level):
    """One record's ``feature`` is the other's ``other`` (either way round): a place one
    record names in its name ("Spago (Los Angeles)") is the city the other is in.
    ``at_most_the_level_before``: the level weighs at most as the agreement level before it
    and stands outside the comparison's order (``matching.m_constraints``): a first name the
    other record's mailbox spells, which no term frequency weighs, at most as names alike."""

    label: str = "equal_across"
    other: str = ""
    at_most_the_level_before: bool = False

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), self.other}

    def beside_the_order(self) -> bool:
        return self.at_most_the_level_before

    def capped_by_the_level_before(self) -> bool:
        return self.at_most_the_level_before

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        return equal_pairs(view, name, self.other) | equal_pairs(view, self.other, name)
