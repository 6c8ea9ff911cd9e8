"""A view taken from another (``PairView.take``) gathers what the other cached when it first
asks for it, and an array memoised on a view (``PairView.memo``) is made once per view and
gathered, not made again, by the views taken from it."""

from __future__ import annotations

import numpy as np

from matching.feature import Prepared, object_array
from matching.pair_view import PairView


def batch(values: list[object]) -> Prepared:
    ids = object_array([str(i) for i in range(len(values))])
    return Prepared(ids, object_array([""] * len(values)), {"v": object_array(values)})


def view_of(prepared: Prepared) -> PairView:
    n = len(prepared)
    left, right = np.divmod(np.arange(n * n), n)
    return PairView(prepared, prepared, left, right)


def test_memo_builds_once_per_view() -> None:
    view = view_of(batch(["a", "b"]))
    calls: list[int] = []

    def build() -> np.ndarray:
        calls.append(1)
        return np.arange(len(view))

    assert view.memo("k", build).tolist() == [0, 1, 2, 3]
    assert view.memo("k", build).tolist() == [0, 1, 2, 3]
    assert len(calls) == 1


def test_a_taken_view_gathers_its_parents_memo() -> None:
    view = view_of(batch(["a", "b", "c"]))
    view.memo("k", lambda: np.arange(9) * 10)
    taken = view.take(np.array([1, 5, 7]))

    def never() -> np.ndarray:
        raise AssertionError("made again")

    assert taken.memo("k", never).tolist() == [10, 50, 70]
    again = taken.take(np.array([False, True, True]))
    assert again.memo("k", never).tolist() == [50, 70]


def test_a_taken_view_reads_the_values_of_its_own_pairs() -> None:
    view = view_of(batch(["a", "b", None]))
    assert view.left("v").tolist()[:3] == ["a", "a", "a"]  # cached on the parent
    taken = view.take(np.array([5, 6]))  # (1, 2) and (2, 0)
    assert taken.left("v").tolist() == ["b", None]
    assert taken.right("v").tolist() == [None, "a"]  # not cached on the parent
    left, right = taken.derived(
        "upper", lambda b: np.array([str(v).upper() for v in b.column("v")])
    )
    assert left.tolist() == ["B", "NONE"] and right.tolist() == ["NONE", "A"]


def test_what_a_taken_view_makes_stays_its_own() -> None:
    view = view_of(batch(["a", "b"]))
    taken = view.take(np.array([3]))
    taken.memo("k", lambda: np.array([7]))
    assert view.memo("k", lambda: np.zeros(4, dtype=int)).tolist() == [0, 0, 0, 0]
