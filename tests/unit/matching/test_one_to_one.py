"""One-to-one linking keeps each record's most probable link only."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching.one_to_one import one_to_one


def test_the_weaker_competing_link_is_dropped() -> None:
    pairs = np.array([[0, 10], [0, 11], [1, 11]])
    kept = one_to_one(pairs, np.array([0.99, 0.97, 0.999]))
    assert kept.tolist() == [0, 2]


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(7, 12), st.floats(0.5, 1.0)), max_size=30))
def test_no_record_is_linked_twice_and_input_order_does_not_matter(
    links: list[tuple[int, int, float]],
) -> None:
    unique = {(a, b): p for a, b, p in links}
    pairs = np.array(list(unique) or np.empty((0, 2)), dtype=np.int64).reshape(-1, 2)
    probability = np.array(list(unique.values()), dtype=float)
    kept = pairs[one_to_one(pairs, probability)]
    ends = kept.ravel().tolist()
    assert len(ends) == len(set(ends))
    flipped = one_to_one(pairs[::-1], probability[::-1])
    assert sorted(map(tuple, pairs[::-1][flipped].tolist())) == sorted(map(tuple, kept.tolist()))
