"""Comparison levels: each is a vectorised test over aligned left/right feature arrays.

A comparison walks its levels in order; a pair takes the first level whose test holds. The
first level of every comparison is ``Null`` (no evidence, weight 0) and the last is ``Else``.
Levels other than ``Null`` see only pairs whose main feature is known on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, JaroWinkler, Levenshtein

from matching.pair_view import PairView, equal_pairs, is_null, null_pairs, same_values


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

    def beside_the_order(self) -> bool:
        """Whether the level stands outside its comparison's order of agreement strength
        (``matching.m_constraints.ordered_agreements``): its pairs lack what the levels after
        it compare, or it reads another aspect too."""
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
class JaroWinklerAtLeast(Level):
    label: str = "jaro_winkler"
    threshold: float = 0.9

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        close = _similarity(view, name, JaroWinkler.similarity) >= self.threshold
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
        return (_similarity(view, name, scorer) <= self.edits) & ~null_pairs(view, name)


@dataclass(frozen=True)
class InitialIn(Level):
    """One side holds only an initial (one letter) and it is among the other side's
    ``other`` letters (its initials): ``j`` against ``john`` or ``r`` against ``erin rachel``,
    a given name cut to its initial, or a middle initial where the first name was lost.

    ``letter_frequency``: weigh each pair by how common its letter is among the ``other``
    letters of the batch's records (``matching.letter_frequency``): ``m`` (Michael, Maria,
    Monika) agrees by chance far more often than ``u`` or ``o``."""

    label: str = "initial"
    other: str = ""
    letter_frequency: bool = False

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), self.other}

    def letters_weighed(self) -> str | None:
        return self.other if self.letter_frequency else None

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        return _initial_in(view.left(name), view.right(self.other)) | _initial_in(
            view.right(name), view.left(self.other)
        )


def _initial_in(initials: np.ndarray, letters: np.ndarray) -> np.ndarray:
    hit = np.zeros(len(initials), dtype=bool)
    lone = np.flatnonzero(np.char.str_len(_texts(initials)) == 1)
    hit[lone] = [isinstance(letters[i], str) and initials[i] in letters[i] for i in lone]
    return hit


def _texts(values: np.ndarray) -> np.ndarray:
    out = np.full(len(values), "", dtype=object)
    known = ~is_null(values)
    out[known] = values[known]
    return out.astype(str)


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


def swapped_pairs(view: PairView, feature: str, other: str, threshold: float = 1.0) -> np.ndarray:
    """Pairs with both features known where left.feature == right.other and the reverse, or,
    with ``threshold`` below 1, where each is that alike (Jaro-Winkler): swapped with a slip."""
    exact = equal_pairs(view, feature, other) & equal_pairs(view, other, feature)
    if threshold >= 1.0:
        return exact
    return exact | (
        (crosswise(view, feature, other) >= threshold)
        & (crosswise(view, other, feature) >= threshold)
    )


def crosswise(view: PairView, left: str, right: str) -> np.ndarray:
    """Jaro-Winkler similarity of left.``left`` and right.``right`` per pair, where their
    first letters agree (0 elsewhere, and where either is unknown): a slip after the first
    letter, and few random pairs to score."""
    initials = view.derived(f"first_letter:{left}", lambda b: _first_letters(b.column(left)))[0]
    others = view.derived(f"first_letter:{right}", lambda b: _first_letters(b.column(right)))[1]
    rows = np.flatnonzero((initials == others) & (initials != ""))
    scores = np.zeros(len(view))
    if len(rows):
        lefts, rights = view.left(left)[rows], view.right(right)[rows]
        scores[rows] = process.cpdist(
            lefts.astype(str), rights.astype(str), scorer=JaroWinkler.similarity
        )
    return scores


def _first_letters(values: np.ndarray) -> np.ndarray:
    out = np.full(len(values), "", dtype="U1")
    known = ~is_null(values)
    out[known] = values[known].astype("U1")
    return out


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
    record names in its name ("Spago (Los Angeles)") is the city the other is in."""

    label: str = "equal_across"
    other: str = ""

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), self.other}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        return equal_pairs(view, name, self.other) | equal_pairs(view, self.other, name)


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


@dataclass(frozen=True)
class WordsWithin(Level):
    """Every word of one value is a word of the other (``pty ltd`` / ``ltd``, ``gmbh co kg``
    / ``kg``): one is a shortened form of the other."""

    label: str = "words_within"

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        known = np.flatnonzero(~null_pairs(view, name))
        known = known[first_letters_line_up(view, name)[known]]
        left, right = view.left(name)[known].tolist(), view.right(name)[known].tolist()
        out = np.zeros(len(view), dtype=bool)
        out[known] = [_words_within(str(a), str(b)) for a, b in zip(left, right, strict=True)]
        return out


@lru_cache(maxsize=4096)
def _words_within(left: str, right: str) -> bool:
    a, b = set(left.split()), set(right.split())
    return a <= b or b <= a


def first_letters_line_up(view: PairView, feature: str, *, named: bool = False) -> np.ndarray:
    """Per pair: every first letter of one value's words (``named``: of those that name
    something, connectives aside) is a first letter of a word of the other; False where
    either is unknown. A vectorised test, true of any pair whose words one holds within the
    other, so a level reading word by word reads only the pairs that pass it (a million
    random pairs estimate its u)."""
    kind = "named" if named else "all"
    ones_left, ones_right = view.derived(
        f"initials:{kind}:{feature}", lambda b: _initials_mask(b.column(feature), named)
    )
    all_left, all_right = view.derived(
        f"initials:all:{feature}", lambda b: _initials_mask(b.column(feature), False)
    )
    known = (all_left != 0) & (all_right != 0)
    return known & (((ones_left & ~all_right) == 0) | ((ones_right & ~all_left) == 0))


def _initials_mask(values: np.ndarray, named: bool) -> np.ndarray:
    """Per value, one bit per first letter of its words (letters folded onto 62 bits: two
    letters may share one, so a pair lines up at least whenever its letters do)."""
    out = np.zeros(len(values), dtype=np.int64)
    for index, value in enumerate(values.tolist()):
        if value is not None:
            words = str(value).split()
            out[index] = _letter_bits(
                frozenset(w[0] for w in words if not (named and w in CONNECTIVES))
            )
    return out


@lru_cache(maxsize=65536)
def _letter_bits(letters: frozenset[str]) -> int:
    bits = 0
    for letter in letters:
        bits |= 1 << (ord(letter) % 62)
    return bits


CONNECTIVES = frozenset({"the", "and", "of", "a", "an", "for", "at", "und", "et"})
"""Words that join or introduce a name and name nothing themselves (articles that can start
a brand, "de", "la", "el", are not among them)."""


@dataclass(frozen=True)
class AWordAlike(Level):
    """Names that have a word in common, however else they differ: some word of one that
    names something (not a connective) is a word of the other; or, both of at least
    ``min_fuzzy`` letters, as alike as a slip or two makes them (Jaro-Winkler at least
    ``similarity``: "tuchnologies" / "technology"); or an abbreviation of one (at least
    ``min_fuzzy - 1`` letters, the same first letter, the rest in order: "tech", "stne",
    "mgmt"); or one value's word is the other's initials ("ibm"). Meant just before ``Else``,
    which then holds names with nothing alike ("Palace Court" / "Cafe Roma")."""

    label: str = "a_word_alike"
    min_fuzzy: int = 4
    similarity: float = 0.85

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        known = np.flatnonzero(~null_pairs(view, name))
        left, right = view.left(name)[known].tolist(), view.right(name)[known].tolist()
        out = np.zeros(len(view), dtype=bool)
        out[known] = [
            _a_word_alike(str(a), str(b), self.min_fuzzy, self.similarity)
            for a, b in zip(left, right, strict=True)
        ]
        return out


@lru_cache(maxsize=65536)
def _a_word_alike(left: str, right: str, min_fuzzy: int, similarity: float) -> bool:
    a, b = left.split(), right.split()
    named_a, named_b = set(a) - CONNECTIVES, set(b) - CONNECTIVES
    if named_a & named_b or initials_of(named_a, b) or initials_of(named_b, a):
        return True
    return any(words_alike(x, y, min_fuzzy, similarity) for x in named_a for y in named_b)


def initials_of(words: set[str], other: list[str]) -> bool:
    """One of ``words`` is the initials of the ``other`` words, with or without connectives."""
    if len(other) < 2:
        return False
    initials = {"".join(w[0] for w in other), "".join(w[0] for w in other if w not in CONNECTIVES)}
    return any(len(word) >= 2 and word in initials for word in words)


def words_alike(x: str, y: str, min_fuzzy: int, similarity: float) -> bool:
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) >= min_fuzzy - 1 and _abbreviates(short, long):
        return True
    return len(short) >= min_fuzzy and JaroWinkler.similarity(x, y) >= similarity


def _abbreviates(short: str, long: str) -> bool:
    """``short`` starts as ``long`` does and holds no letter ``long`` lacks, in order."""
    if short[0] != long[0]:
        return False
    rest = iter(long[1:])
    return all(letter in rest for letter in short[1:])
