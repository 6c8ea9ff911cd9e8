"""The dates' parts per record the date levels compare over many pairs: integers equal where
the parts' texts are equal, within one batch and across two, and characters as code points."""

from __future__ import annotations

import numpy as np

from matching.date_parts import code_points, date_parts, part_codes, year_characters
from matching.feature import object_array
from matching.levels_numeric import MonthOrDaySlip, TwoPartsEqual, YearSlip
from matching.pair_view import PairView
from tests.unit.matching.helpers import batch_of


def test_parts_of_ten_characters_only() -> None:
    parts = date_parts(object_array(["1987-03-28", None, "28/3/1987", "1987-3-28"]))
    assert parts.tolist() == [["1987", "03", "28"], ["", "", ""], ["", "", ""], ["", "", ""]]


def test_code_points_past_the_end_are_zero() -> None:
    points = code_points(np.array(["19", "1987"], dtype="U4"), 4)
    assert points.tolist() == [[49, 57, 0, 0], [49, 57, 56, 55]]


def test_part_codes_agree_across_two_batches() -> None:
    left, right = batch_of(d=["1987-03-28", "1990-01-02"]), batch_of(d=["1990-03-02", "1987-03-28"])
    view = PairView(left, right, np.array([0, 1]), np.array([1, 0]))
    one, other = part_codes(view, "d")
    assert (one == other).tolist() == [[True, True, True], [True, False, True]]
    assert year_characters(view, "d")[0].tolist()[0] == [49, 57, 56, 55]


def test_the_date_levels_read_the_parts_of_one_batch() -> None:
    dates = batch_of(d=["1987-03-28", "1987-03-29", "1978-03-28", "1987-11-28", None])
    view = PairView(dates, dates, np.array([0, 0, 0, 0]), np.array([1, 2, 3, 4]))
    assert MonthOrDaySlip().mask(view, "d").tolist() == [True, False, False, False]
    assert YearSlip().mask(view, "d").tolist() == [False, True, False, False]
    assert TwoPartsEqual().mask(view, "d").tolist() == [True, True, True, False]
    assert TwoPartsEqual(differs="year").mask(view, "d").tolist() == [False, True, False, False]
