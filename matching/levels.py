"""Comparison levels: each is a vectorised test over aligned left/right feature arrays.

A comparison walks its levels in order; a pair takes the first level whose test holds. The
first level of every comparison is ``Null`` (no evidence, weight 0) and the last is ``Else``.
Levels other than ``Null`` see only pairs whose main feature is known on both sides.

This module holds the ``Level`` base and the levels of unknown and equal values (``Null``,
``Else``, ``Exact`` and its kin). The other levels are in modules by theme:
``matching.levels_similarity`` (string similarity), ``matching.levels_initials``,
``matching.levels_words`` (names read word by word), ``matching.levels_crosswise`` (one
record's feature against the other's other one), ``matching.levels_exchange``,
``matching.levels_joint``, ``matching.levels_numeric``, ``matching.levels_sets``,
``matching.levels_vocabulary`` and ``matching.levels_common``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.crosswise import swapped_pairs
from matching.pair_view import PairView, equal_pairs, null_pairs, same_values


@dataclass(frozen=True)
class Level:
    """Base: ``label`` names the level in explanations; ``feature`` defaults to the comparison's."""

    label: str
    feature: str | None = None

    is_null_level = False
    is_else_level = False

    def uses_term_frequency(self) -> bool:
        return False

    def beside_the_order(self) -> bool:
        """Whether the level stands outside its comparison's order of agreement strength
        (``matching.m_constraints.ordered_agreements``): its pairs lack what the levels after
        it compare, or it reads another aspect too."""
        return False

    def sorts_out_of(self, level: Level) -> bool:
        """Whether the level holds pairs ``level`` (the agreement level after it) would hold,
        sorted out of it by how common their values are, and no others: the bounds of the
        order read the two as one level (``matching.pair_level_weights.order_weights``)."""
        return False

    def capped_by_the_level_before(self) -> bool:
        """Whether the level weighs at most as the agreement level before it, as it counts
        what another comparison weighs already (``matching.m_constraints``)."""
        return False

    def term_words(self) -> str | None:
        """The feature holding the words of the value this level's term frequency weighs,
        if its words are weighed too (``Exact``)."""
        return None

    def letters_weighed(self) -> str | None:
        """The feature whose letters a lone initial at this level is weighed against, when
        how common its letter is weighs it (``InitialIn``: ``matching.letter_frequency``)."""
        return None

    def years_weighed(self) -> bool:
        """Whether how common the pair's two years are weighs a pair at this level
        (``YearSlip``: ``matching.year_frequency``)."""
        return False

    def on(self, feature: str) -> str:
        return self.feature or feature

    def features_read(self, feature: str) -> set[str]:
        """Every feature the level's test reads (``feature``: the comparison's)."""
        return {self.on(feature)}

    def features_compared(self, feature: str) -> set[str]:
        """The features whose values the level compares: those it reads, but for any it
        reads only to know where to look (``matching.levels_exchange``). Training leaves a
        comparison out of the sessions on pairs blocked on what it compares
        (``matching.m_sessions``)."""
        return self.features_read(feature)

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        raise NotImplementedError


@dataclass(frozen=True)
class Null(Level):
    """No evidence: the feature is unknown on either side, or (with ``comparable_on``) the
    two records differ on that feature, so their values are not comparable (employee numbers
    of two numbering schemes, mailbox names at two different domains), or (with
    ``swapped_with``) the feature and that one are exchanged between the records: a swap of
    first and last name is one fact, scored where the other comparison has a ``Swapped``
    level, and would otherwise count again here as a disagreement (``swap_threshold`` below 1:
    exchanged with a slip, as that level's own threshold). Where either name agrees as it
    stands, nothing was exchanged: ``Peter Peters`` and ``Peter Peters`` read as swapped too,
    but the first name scores their agreement, and this one compares as usual."""

    label: str = "null"
    comparable_on: str | None = None
    swapped_with: str | None = None
    swap_threshold: float = 1.0
    is_null_level = True

    def features_read(self, feature: str) -> set[str]:
        extra = {name for name in (self.comparable_on, self.swapped_with) if name}
        return {self.on(feature), *extra}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        unknown = null_pairs(view, name)
        if self.comparable_on is not None:
            unknown = unknown | ~same_values(view, self.comparable_on)
        if self.swapped_with is not None:
            other = self.swapped_with
            straight = equal_pairs(view, name) | equal_pairs(view, other)
            unknown = unknown | (swapped_pairs(view, name, other, self.swap_threshold) & ~straight)
        return unknown


@dataclass(frozen=True)
class Else(Level):
    label: str = "else"
    is_else_level = True

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        return np.ones(len(view), dtype=bool)


@dataclass(frozen=True)
class Exact(Level):
    """Equal values. ``term_frequency``: weight by how common the shared value is.

    ``words`` (with ``term_frequency``): the feature holding the value's words. A value no
    other entity holds is then as rare as its words make it (the product of how often other
    entities' records hold each word), not merely as rare as one record in the batch: a
    distinctive name of rare words says more than a unique name of common ones. A value
    other entities do hold is as common as they show, whatever its words."""

    label: str = "exact"
    term_frequency: bool = False
    words: str | None = None

    def uses_term_frequency(self) -> bool:
        return self.term_frequency

    def term_words(self) -> str | None:
        return self.words if self.term_frequency else None

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), *([self.words] if self.words else [])}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        return equal_pairs(view, self.on(feature))


@dataclass(frozen=True)
class ExactWhereUnknown(Level):
    """Equal values where each of the ``unknown`` features is missing on one side at least:
    the records agree on all they both hold (the same postcode, no street to compare), which
    says more than the same postcode with two different streets."""

    label: str = "exact_rest_unknown"
    unknown: tuple[str, ...] = ()
    term_frequency: bool = False

    def uses_term_frequency(self) -> bool:
        return self.term_frequency

    def beside_the_order(self) -> bool:
        return bool(self.unknown)  # the same city, no street to compare

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), *self.unknown}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        hit = equal_pairs(view, self.on(feature))
        for name in self.unknown:
            hit = hit & null_pairs(view, name)
        return hit


@dataclass(frozen=True)
class NothingInCommon(Level):
    """None of ``features`` is known on both sides: nothing to compare (one record holds only
    a postcode, the other only a city). Meant as a neutral level just before ``Else``."""

    label: str = "nothing_in_common"
    features: tuple[str, ...] = ()

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), *self.features}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        hit = np.ones(len(view), dtype=bool)
        for name in self.features:
            hit = hit & null_pairs(view, name)
        return hit
