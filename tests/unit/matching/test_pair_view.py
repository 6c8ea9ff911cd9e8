"""A view taken from another (``PairView.take``) gathers what the other cached when it first
asks for it, and an array memoised on a view (``PairView.memo``) is made once per view and
gathered, not made again, by the views taken from it."""

from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from matching.pair_view import _distinct, _pair_scores
from tests.unit.matching.helpers import batch_of, every_pair


def test_memo_builds_once_per_view() -> None:
    view = every_pair(batch_of(v=["a", "b"]))
    calls: list[int] = []

    def build() -> np.ndarray:
        calls.append(1)
        return np.arange(len(view))

    assert view.memo("k", build).tolist() == [0, 1, 2, 3]
    assert view.memo("k", build).tolist() == [0, 1, 2, 3]
    assert len(calls) == 1


def test_a_taken_view_gathers_its_parents_memo() -> None:
    view = every_pair(batch_of(v=["a", "b", "c"]))
    view.memo("k", lambda: np.arange(9) * 10)
    taken = view.take(np.array([1, 5, 7]))

    def never() -> np.ndarray:
        raise AssertionError("made again")

    assert taken.memo("k", never).tolist() == [10, 50, 70]
    again = taken.take(np.array([False, True, True]))
    assert again.memo("k", never).tolist() == [50, 70]


def test_a_taken_view_reads_the_values_of_its_own_pairs() -> None:
    view = every_pair(batch_of(v=["a", "b", None]))
    assert view.left("v").tolist()[:3] == ["a", "a", "a"]  # cached on the parent
    taken = view.take(np.array([5, 6]))  # (1, 2) and (2, 0)
    assert taken.left("v").tolist() == ["b", None]
    assert taken.right("v").tolist() == [None, "a"]  # not cached on the parent
    left, right = taken.derived(
        "upper", lambda b: np.array([str(v).upper() for v in b.column("v")])
    )
    assert left.tolist() == ["B", "NONE"] and right.tolist() == ["NONE", "A"]


def test_what_a_taken_view_makes_stays_its_own() -> None:
    view = every_pair(batch_of(v=["a", "b"]))
    taken = view.take(np.array([3]))
    taken.memo("k", lambda: np.array([7]))
    assert view.memo("k", lambda: np.zeros(4, dtype=int)).tolist() == [0, 0, 0, 0]


def test_distinct_indices_and_their_positions() -> None:
    rows, at = _distinct(np.array([4, 1, 4, 2]), 6)
    assert rows.tolist() == [1, 2, 4]
    assert at[[4, 1, 2]].tolist() == [2, 0, 1]


def test_pairs_scored_as_a_grid_or_one_by_one_score_alike() -> None:
    names = np.array(["anna", "anne", "jon", "john", "", "smith"], dtype=object)
    left_idx, right_idx = np.triu_indices(len(names), k=1)
    dense = _pair_scores(names, names, left_idx, right_idx, JaroWinkler.similarity)
    one_by_one = process.cpdist(names[left_idx], names[right_idx], scorer=JaroWinkler.similarity)
    assert dense.dtype == one_by_one.dtype
    assert np.array_equal(dense, one_by_one)
    sparse = _pair_scores(names, names, np.array([0, 5]), np.array([1, 3]), Levenshtein.distance)
    assert sparse.tolist() == [1, 5]  # two pairs of six records: scored one by one
    empty = _pair_scores(names, names, np.array([], dtype=np.int64), np.array([], dtype=np.int64),
                         JaroWinkler.similarity)  # fmt: skip
    assert len(empty) == 0
