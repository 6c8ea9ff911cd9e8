"""Equal values are found through per-record hashes, then confirmed with ``==``: a hash
collision never makes two values equal, unhashable values still compare, and the grid of
random pairs gives the same answers as the explicit pairs."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching.feature import Prepared, object_array
from matching.levels_numeric import iso_days, swapped_days
from matching.pair_view import PairView, equal_pairs, same_values
from tests.unit.matching.helpers import batch_of, every_pair


def test_a_hash_collision_is_not_equality() -> None:
    assert hash(-1) == hash(-2)  # CPython: -1 is reserved, so -1 hashes like -2
    view = every_pair(batch_of(v=[-1, -2]))
    assert equal_pairs(view, "v").tolist() == [True, False, False, True]


def test_unhashable_values_compare_by_value() -> None:
    view = every_pair(batch_of(v=[("a",), ["x", "y"], ["x", "y"]]))
    assert equal_pairs(view, "v").reshape(3, 3).tolist() == [
        [True, False, False],
        [False, True, True],
        [False, True, True],
    ]


def test_unknown_is_never_equal_but_the_same_as_unknown() -> None:
    view = every_pair(batch_of(v=[None, "a", None]))
    assert not equal_pairs(view, "v")[[0, 2, 6, 8]].any()
    assert same_values(view, "v").reshape(3, 3).tolist() == [
        [True, False, True],
        [False, True, False],
        [True, False, True],
    ]


def test_across_two_features() -> None:
    prepared = Prepared(
        object_array(["0", "1"]),
        object_array(["", ""]),
        {"first": object_array(["ann", "lee"]), "last": object_array(["lee", "ann"])},
    )
    view = every_pair(prepared)
    assert equal_pairs(view, "first", "last").tolist() == [False, True, True, False]


@given(st.lists(st.sampled_from(["a", "b", "c", None, 1, -1, -2]), min_size=2, max_size=8))
def test_grid_and_explicit_pairs_agree_with_plain_comparison(values: list[object]) -> None:
    prepared = batch_of(v=values)
    rows = np.arange(len(values) // 2)
    columns = np.arange(len(values) // 2, len(values))
    grid = PairView.grid(prepared, rows, columns)
    expected = [
        values[a] is not None and values[b] is not None and values[a] == values[b]
        for a in rows for b in columns
    ]  # fmt: skip
    assert equal_pairs(grid, "v").tolist() == expected


def test_month_and_day_swapped_as_day_numbers() -> None:
    dates = object_array(["2001-03-04", "2001-04-03", "2001-03-24", None, "1999-12-31"])
    swapped, plain = swapped_days(dates), iso_days(dates)
    assert swapped[0] == plain[1] and swapped[1] == plain[0]
    no_day = iso_days(object_array([None]))[0]
    assert swapped[2] == no_day and swapped[3] == no_day and swapped[4] == no_day
