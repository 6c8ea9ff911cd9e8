"""The parts of ``YYYY-MM-DD`` dates per record, as the date levels of ``matching.levels_numeric``
compare them over many pairs (a million random pairs estimate their u): integers gathered and
compared per pair, not fixed-width strings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from matching.feature import Prepared
from matching.pair_view import PairView, is_null


def date_parts(values: np.ndarray) -> np.ndarray:
    """Year, month and day of each ``YYYY-MM-DD`` as three fixed-width strings per row ("" where
    unknown or not of that layout)."""
    chars = fixed_width(values)
    shaped = np.char.str_len(chars) == 10
    parts = np.full((len(values), 3), "", dtype="U4")
    grid = chars.view("U1").reshape(-1, 10)
    for column, (start, stop) in enumerate(((0, 4), (5, 7), (8, 10))):
        piece = np.ascontiguousarray(grid[:, start:stop]).view(f"U{stop - start}").ravel()
        parts[shaped, column] = piece[shaped]
    return parts


def fixed_width(values: np.ndarray) -> np.ndarray:
    """Each value as ten characters ("" where unknown)."""
    known = ~is_null(values)
    chars = np.full(len(values), "", dtype="U10")
    chars[known] = values[known].astype("U10")
    return chars


def part_codes(view: PairView, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per pair and side, the year, month and day as integers: equal parts, equal integers
    (across both sides)."""
    left_batch, right_batch = view.batches()
    if left_batch is right_batch:
        return view.derived(f"date_part_codes:{name}", lambda b: _codes(_parts_of(b, name)))
    left, right = _parts_of(left_batch, name), _parts_of(right_batch, name)
    codes = _codes(np.concatenate([left, right]))
    return codes[: len(left)][view.left_idx], codes[len(left) :][view.right_idx]


def year_known(view: PairView, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per pair and side: whether the date has a year (of its layout)."""
    return view.derived(f"date_year_known:{name}", lambda b: _parts_of(b, name)[:, 0] != "")


def year_of_four(view: PairView, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per pair and side: whether the date's year is four characters long."""
    return view.derived(
        f"date_year_four:{name}", lambda b: np.char.str_len(_parts_of(b, name)[:, 0]) == 4
    )


def year_characters(view: PairView, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per pair and side: the year's four characters (code points, 0 past its end)."""
    return view.derived(
        f"date_year_chars:{name}", lambda b: code_points(_parts_of(b, name)[:, 0], 4)
    )


def month_day_characters(view: PairView, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per pair and side: the month's and day's four characters (code points, 0 past their
    end)."""

    def build(batch: Prepared) -> np.ndarray:
        parts = _parts_of(batch, name)
        return code_points(np.char.add(parts[:, 1], parts[:, 2]), 4)

    return view.derived(f"date_month_day_chars:{name}", build)


def code_points(texts: np.ndarray, width: int) -> np.ndarray:
    """Per text, its first ``width`` characters' code points (0 past its end)."""
    fixed = np.ascontiguousarray(texts.astype(f"U{width}"))
    return fixed.view(np.uint32).reshape(-1, width)


def _parts_of(batch: Prepared, name: str) -> np.ndarray:
    return batch.derived(f"date_parts:{name}", lambda b: date_parts(b.column(name)))


def _codes(parts: np.ndarray) -> np.ndarray:
    columns = [pd.factorize(parts[:, column])[0] for column in range(parts.shape[1])]
    return np.stack(columns, axis=1).astype(np.int64)
