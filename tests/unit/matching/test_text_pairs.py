"""``text_pair_answers`` asks a test once per distinct pair of texts and answers every pair
as the test would, in order, across two batches as within one."""

from __future__ import annotations

import numpy as np

from matching.pair_view import PairView
from matching.text_pairs import text_pair_answers
from tests.unit.matching.helpers import batch_of


def test_each_distinct_pair_of_texts_is_asked_once() -> None:
    prepared = batch_of(v=["sales", "hr", "sales", "it"])
    view = PairView(prepared, prepared, np.array([0, 2, 0, 1, 3]), np.array([1, 1, 3, 0, 2]))
    asked: list[tuple[str, str]] = []

    def test(a: str, b: str) -> bool:
        asked.append((a, b))
        return a < b

    rows = np.array([0, 1, 2, 3, 4])
    assert text_pair_answers(view, "v", rows, test).tolist() == [False, False, False, True, True]
    assert sorted(asked) == [("hr", "sales"), ("it", "sales"), ("sales", "hr"), ("sales", "it")]


def test_values_are_read_as_text_and_only_the_rows_asked() -> None:
    left, right = batch_of(v=[1, 1.5, None]), batch_of(v=["1", "x"])
    view = PairView(left, right, np.array([0, 1, 2]), np.array([0, 0, 1]))
    answers = text_pair_answers(view, "v", np.array([0, 1]), lambda a, b: a == b)
    assert answers.tolist() == [True, False]
    assert text_pair_answers(view, "v", np.array([], dtype=np.int64), lambda a, b: True).size == 0
