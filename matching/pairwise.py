"""Comparison levels tested one pair at a time, without numpy arrays.

A lookup scores one record against a few candidates: a vectorised level test over two or three
pairs costs its numpy calls, not its pairs. Here each level that has one is a plain test of one
pair's values, giving exactly what its ``mask`` gives that pair (the same hash-then-equality
test of values, the same scorers, their scores compared at the precision the arrays hold them
in). A comparison with a level not tested here is evaluated vectorised (``Comparison.evaluate``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz.distance import OSA, Indel, JaroWinkler, Levenshtein

from matching.levels import (
    CONNECTIVES,
    AWordAlike,
    EditsAtMost,
    Else,
    EqualAcross,
    Exact,
    ExactWhereUnknown,
    InitialIn,
    JaroWinklerAtLeast,
    Level,
    NothingInCommon,
    Null,
    SortedTokensAtLeast,
    Swapped,
    WordsWithin,
    _a_word_alike,
    _letter_bits,
    _words_within,
)
from matching.levels_joint import ExactWhereKnown, WhereEqual
from matching.levels_sets import Disjoint, SharedAtLeast, _items
from matching.levels_words import WordsAlikeWithin, words_alike_within
from matching.pair_view import _hash


@dataclass(frozen=True)
class Pair:
    """One pair's records: the left batch's columns and row, the right batch's."""

    left_columns: Mapping[str, np.ndarray]
    left_row: int
    right_columns: Mapping[str, np.ndarray]
    right_row: int

    def left(self, feature: str) -> Any:
        """The left record's value of ``feature`` (None when unknown; a feature's values are
        of whatever type it derives)."""
        return self.left_columns[feature][self.left_row]

    def right(self, feature: str) -> Any:
        return self.right_columns[feature][self.right_row]

    def known(self, feature: str) -> tuple[Any, Any] | None:
        """Both records' values of ``feature``, or None when either is unknown."""
        left, right = self.left(feature), self.right(feature)
        return None if left is None or right is None else (left, right)


Test = Callable[[Any, Pair, str], bool]


def equal(left: object, right: object) -> bool:
    """``pair_view.equal_pairs`` of two values: both known, equal hashes, then equal."""
    if left is None or right is None or _hash(left) != _hash(right):
        return False
    return bool(left == right)


def _equal_on(pair: Pair, feature: str, other: str | None = None) -> bool:
    return equal(pair.left(feature), pair.right(other or feature))


def _unknown(pair: Pair, feature: str) -> bool:
    return pair.left(feature) is None or pair.right(feature) is None


def _same(pair: Pair, feature: str) -> bool:
    """``pair_view.same_values``: equal, unknown counting as equal to unknown."""
    left, right = pair.left(feature), pair.right(feature)
    if left is None and right is None:
        return True
    return _hash(left) == _hash(right) and bool(left == right)


def _at_least(score: float, threshold: float) -> bool:
    """A score ``process.cpdist`` holds as float32, compared with a threshold as numpy does."""
    return bool(np.float32(score) >= np.float32(threshold))


def _first_letter(value: object) -> str:
    return "" if value is None else str(value)[:1]


def _crosswise(pair: Pair, left: str, right: str) -> float:
    """``levels._crosswise`` of one pair: the float32 score, held in a float64 array."""
    a, b = pair.left(left), pair.right(right)
    initial = _first_letter(a)
    if initial == "" or initial != _first_letter(b):
        return 0.0
    return float(np.float32(JaroWinkler.similarity(str(a), str(b))))


def _swapped(pair: Pair, feature: str, other: str, threshold: float) -> bool:
    if _equal_on(pair, feature, other) and _equal_on(pair, other, feature):
        return True
    if threshold >= 1.0:
        return False
    return (
        _crosswise(pair, feature, other) >= threshold
        and _crosswise(pair, other, feature) >= threshold
    )


def _null(level: Null, pair: Pair, feature: str) -> bool:
    name = level.on(feature)
    if _unknown(pair, name):
        return True
    if level.comparable_on is not None and not _same(pair, level.comparable_on):
        return True
    other = level.swapped_with
    if other is None or _equal_on(pair, name) or _equal_on(pair, other):
        return False
    return _swapped(pair, name, other, level.swap_threshold)


def _exact(level: Exact | ExactWhereUnknown | ExactWhereKnown, pair: Pair, feature: str) -> bool:
    if not _equal_on(pair, level.on(feature)):
        return False
    unknown = level.unknown if isinstance(level, ExactWhereUnknown) else ()
    known = level.known if isinstance(level, ExactWhereKnown) else ()
    return all(_unknown(pair, name) for name in unknown) and not any(
        _unknown(pair, name) for name in known
    )


def _equal_across(level: EqualAcross, pair: Pair, feature: str) -> bool:
    name = level.on(feature)
    return _equal_on(pair, name, level.other) or _equal_on(pair, level.other, name)


def _nothing_in_common(level: NothingInCommon, pair: Pair, feature: str) -> bool:
    return all(_unknown(pair, name) for name in level.features)


def _jaro_winkler(level: JaroWinklerAtLeast, pair: Pair, feature: str) -> bool:
    values = pair.known(level.on(feature))
    if values is None:
        return False
    left, right = values
    return _at_least(JaroWinkler.similarity(left, right), level.threshold)


def _edits(level: EditsAtMost, pair: Pair, feature: str) -> bool:
    values = pair.known(level.on(feature))
    if values is None:
        return False
    left, right = values
    scorer = OSA.distance if level.transpositions else Levenshtein.distance
    return bool(scorer(left, right) <= level.edits)


def _sorted_tokens(value: object) -> str:
    return "" if value is None else " ".join(sorted(str(value).split()))


def _sorted_tokens_at_least(level: SortedTokensAtLeast, pair: Pair, feature: str) -> bool:
    name = level.on(feature)
    left, right = _sorted_tokens(pair.left(name)), _sorted_tokens(pair.right(name))
    return _at_least(Indel.normalized_similarity(left, right), level.threshold)


@lru_cache(maxsize=65536)
def _initials(text: str, named: bool) -> int:
    """``levels._initials_mask`` of one known value's text. Kept: a probe's name meets every
    candidate's, and a common name many probes'."""
    words = text.split()
    return _letter_bits(frozenset(w[0] for w in words if not (named and w in CONNECTIVES)))


def _letters_line_up(left: str, right: str, named: bool) -> bool:
    """``levels.first_letters_line_up`` of one pair's known values, as text."""
    all_left, all_right = _initials(left, False), _initials(right, False)
    if all_left == 0 or all_right == 0:
        return False
    ones_left, ones_right = _initials(left, named), _initials(right, named)
    return (ones_left & ~all_right) == 0 or (ones_right & ~all_left) == 0


def _words_within_level(level: WordsWithin, pair: Pair, feature: str) -> bool:
    values = pair.known(level.on(feature))
    if values is None:
        return False
    left, right = values
    a, b = str(left), str(right)
    return _letters_line_up(a, b, False) and _words_within(a, b)


def _a_word_alike_level(level: AWordAlike, pair: Pair, feature: str) -> bool:
    values = pair.known(level.on(feature))
    if values is None:
        return False
    left, right = values
    return _a_word_alike(str(left), str(right), level.min_fuzzy, level.similarity)


def _words_alike_within(level: WordsAlikeWithin, pair: Pair, feature: str) -> bool:
    values = pair.known(level.on(feature))
    if values is None:
        return False
    left, right = values
    a, b = str(left), str(right)
    if not level.slips and not _letters_line_up(a, b, True):
        return False
    places = ""
    if level.place is not None:
        places = f"{pair.left(level.place) or ''} {pair.right(level.place) or ''}".strip()
    hit = words_alike_within(
        a, b, level.min_fuzzy, level.similarity, places, level.slips, level.both_ways
    )
    if hit and level.apart_words:
        own = set(a.split()) ^ set(b.split())
        return not own & level.apart_words
    return hit


def _where_equal(level: WhereEqual, pair: Pair, feature: str) -> bool:
    if not any(_equal_on(pair, name) for name in level.equal):
        return False
    return holds(level.test, pair, level.on(feature))


def _sets(level: Level, pair: Pair, feature: str) -> tuple[set[object], set[object]] | None:
    values = pair.known(level.on(feature))
    if values is None:
        return None
    left, right = values
    return set(_items(left)), set(_items(right))


def _disjoint(level: Disjoint, pair: Pair, feature: str) -> bool:
    sets = _sets(level, pair, feature)
    if sets is None:
        return False
    left, right = sets
    return bool(left) and bool(right) and not left & right


def _shared_at_least(level: SharedAtLeast, pair: Pair, feature: str) -> bool:
    sets = _sets(level, pair, feature)
    if sets is None:
        return False
    common = len(sets[0] & sets[1])
    return common > 0 and common >= level.share * min(len(sets[0]), len(sets[1]))


def _lone_initial_in(initial: Any, letters: object) -> bool:
    """``levels._initial_in`` of one value and the other side's letters."""
    if initial is None or len(str(initial)) != 1:
        return False
    return isinstance(letters, str) and initial in letters


def _initial_in(level: InitialIn, pair: Pair, feature: str) -> bool:
    name = level.on(feature)
    return _lone_initial_in(pair.left(name), pair.right(level.other)) or _lone_initial_in(
        pair.right(name), pair.left(level.other)
    )


def _swapped_level(level: Swapped, pair: Pair, feature: str) -> bool:
    return _swapped(pair, level.on(feature), level.other, level.threshold)


TESTS: dict[type[Level], Test] = {
    Null: _null, Else: lambda level, pair, feature: True, Exact: _exact,
    ExactWhereUnknown: _exact, EqualAcross: _equal_across, NothingInCommon: _nothing_in_common,
    JaroWinklerAtLeast: _jaro_winkler, EditsAtMost: _edits, ExactWhereKnown: _exact,
    SortedTokensAtLeast: _sorted_tokens_at_least, WordsWithin: _words_within_level,
    AWordAlike: _a_word_alike_level, WordsAlikeWithin: _words_alike_within,
    WhereEqual: _where_equal, Disjoint: _disjoint, SharedAtLeast: _shared_at_least,
    InitialIn: _initial_in, Swapped: _swapped_level,
}  # fmt: skip
"""The levels tested one pair at a time, by their exact class (a subclass may test otherwise)."""


def tested_pairwise(level: Level) -> bool:
    """Whether ``level`` (and any level it holds) has a test here."""
    test = TESTS.get(type(level))
    if test is None:
        return False
    return not isinstance(level, WhereEqual) or tested_pairwise(level.test)


def holds(level: Level, pair: Pair, feature: str) -> bool:
    """Whether ``level``'s test holds for ``pair`` (``feature``: the comparison's)."""
    return TESTS[type(level)](level, pair, feature)
