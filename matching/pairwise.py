"""Comparison levels tested one pair at a time, without numpy arrays.

A lookup scores one record against a few candidates: a vectorised level test over two or three
pairs costs its numpy calls, not its pairs. Here each level that has one is a plain test of one
pair's values, giving exactly what its ``mask`` gives that pair (the same hash-then-equality
test of values, the same scorers, their scores compared at the precision the arrays hold them
in). A comparison with a level not tested here is evaluated vectorised (``Comparison.evaluate``).

This module holds the tests of equal, unknown and shared values and which test each level
has; the tests on text (scorers and words) are in ``matching.pairwise_text``, a pair and the
tests of its values both share in ``matching.pairwise_values``, the tests of names exchanged
between the fields in ``matching.pairwise_exchange``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from matching.levels import Else, Exact, ExactWhereUnknown, Level, NothingInCommon, Null
from matching.levels_common import BothCommon
from matching.levels_crosswise import EqualAcross, Swapped
from matching.levels_exchange import Exchanged, NullUnlessExchanged, ReadAcrossExchange
from matching.levels_initials import InitialIn
from matching.levels_joint import ExactWhereKnown, WhereEqual
from matching.levels_sets import Disjoint, SharedAtLeast, items_of
from matching.levels_similarity import EditsAtMost, JaroWinklerAtLeast, SortedTokensAtLeast
from matching.levels_words import AWordAlike, WordsAlikeWithin, WordsWithin
from matching.pairwise_exchange import exchanged, null_unless_exchanged, read_across_exchange
from matching.pairwise_text import (
    a_word_alike,
    edits,
    jaro_winkler,
    sorted_tokens_at_least,
    words_alike,
    words_within,
)
from matching.pairwise_values import Pair, either_unknown, equal_on, same, swapped

Test = Callable[[Any, Pair, str], bool]


def _null(level: Null, pair: Pair, feature: str) -> bool:
    name = level.on(feature)
    if either_unknown(pair, name):
        return True
    if level.comparable_on is not None and not same(pair, level.comparable_on):
        return True
    other = level.swapped_with
    if other is None or equal_on(pair, name) or equal_on(pair, other):
        return False
    return swapped(pair, name, other, level.swap_threshold)


def _exact(level: Exact | ExactWhereUnknown | ExactWhereKnown, pair: Pair, feature: str) -> bool:
    if not equal_on(pair, level.on(feature)):
        return False
    unknown = level.unknown if isinstance(level, ExactWhereUnknown) else ()
    known = level.known if isinstance(level, ExactWhereKnown) else ()
    return all(either_unknown(pair, name) for name in unknown) and not any(
        either_unknown(pair, name) for name in known
    )


def _equal_across(level: EqualAcross, pair: Pair, feature: str) -> bool:
    name = level.on(feature)
    return equal_on(pair, name, level.other) or equal_on(pair, level.other, name)


def _nothing_in_common(level: NothingInCommon, pair: Pair, feature: str) -> bool:
    return all(either_unknown(pair, name) for name in level.features)


def _where_equal(level: WhereEqual, pair: Pair, feature: str) -> bool:
    if not any(equal_on(pair, name) for name in level.equal):
        return False
    return holds(level.test, pair, level.on(feature))


def _both_common(level: BothCommon, pair: Pair, feature: str) -> bool:
    rows = (np.array([pair.left_row]), np.array([pair.right_row]))
    if not level.named_both(pair.batches, feature, rows)[0]:
        return False
    return any(holds(test, pair, feature) for test in level.tests)


def _sets(level: Level, pair: Pair, feature: str) -> tuple[set[object], set[object]] | None:
    values = pair.known(level.on(feature))
    if values is None:
        return None
    left, right = values
    return set(items_of(left)), set(items_of(right))


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
    """``levels_initials._initial_in`` of one value and the other side's letters."""
    if initial is None or len(str(initial)) != 1:
        return False
    return isinstance(letters, str) and initial in letters


def _initial_in(level: InitialIn, pair: Pair, feature: str) -> bool:
    name = level.on(feature)
    return _lone_initial_in(pair.left(name), pair.right(level.other)) or _lone_initial_in(
        pair.right(name), pair.left(level.other)
    )


def _swapped_level(level: Swapped, pair: Pair, feature: str) -> bool:
    return swapped(pair, level.on(feature), level.other, level.threshold)


TESTS: dict[type[Level], Test] = {
    Null: _null, Else: lambda level, pair, feature: True, Exact: _exact,
    ExactWhereUnknown: _exact, EqualAcross: _equal_across, NothingInCommon: _nothing_in_common,
    JaroWinklerAtLeast: jaro_winkler, EditsAtMost: edits, ExactWhereKnown: _exact,
    SortedTokensAtLeast: sorted_tokens_at_least, WordsWithin: words_within,
    AWordAlike: a_word_alike, WordsAlikeWithin: words_alike,
    WhereEqual: _where_equal, Disjoint: _disjoint, SharedAtLeast: _shared_at_least,
    InitialIn: _initial_in, Swapped: _swapped_level, Exchanged: exchanged,
    NullUnlessExchanged: null_unless_exchanged, ReadAcrossExchange: read_across_exchange,
    BothCommon: _both_common,
}  # fmt: skip
"""The levels tested one pair at a time, by their exact class (a subclass may test otherwise)."""


def tested_pairwise(level: Level) -> bool:
    """Whether ``level`` (and any level it holds) has a test here."""
    test = TESTS.get(type(level))
    if test is None:
        return False
    if isinstance(level, BothCommon):
        return all(tested_pairwise(held) for held in level.tests)
    return not isinstance(level, WhereEqual) or tested_pairwise(level.test)


def holds(level: Level, pair: Pair, feature: str) -> bool:
    """Whether ``level``'s test holds for ``pair`` (``feature``: the comparison's)."""
    return TESTS[type(level)](level, pair, feature)
