"""A value far more records hold than one entity could: a batch's value, not an entity's own.

The day a whole acquired firm was put on the acquirer's payroll (hundreds of records hired on
one date), a placeholder a system writes where it knows nothing (``1900-01-01``): such a value
does not tell which person a record is, whether two records share it or one holds it and the
other another value. A steward reads it as no date at all.

The values are read from the records the comparison sees, as vocabularies are
(``matching.levels_vocabulary``): a value is common when more than ``times`` times as many of
those records hold it as hold one of the feature's values on average. Where few records are
seen (one record scored against a few candidates), no value stands out so, and values compare
as they would without it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from matching.feature import Prepared
from matching.levels import Null
from matching.pair_view import PairView

TIMES = 20.0
"""How many times the average holders a value needs to be a batch's rather than a person's:
one person holds a record or a few in a batch, and the values of a feature like a date are
spread thin (a holder or two each)."""


@dataclass(frozen=True)
class NullWhereCommon(Null):
    """``Null``, and also where either record holds a common value (``common_values``)."""

    times: float = TIMES

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        unknown = super().mask(view, feature)
        left, right = view.batches()
        common_left, common_right = batch_common_values(left, right, self.on(feature), self.times)
        return unknown | common_left[view.left_idx] | common_right[view.right_idx]


def batch_common_values(
    left: Prepared, right: Prepared, feature: str, times: float
) -> tuple[np.ndarray, np.ndarray]:
    """``common_values``, computed once per batch when ``left`` is ``right`` (a bulk run
    computes levels chunk by chunk, and for training and scoring in turn)."""
    if left is not right:
        return common_values(left, right, feature, times)
    common = left.derived(
        f"levels_common:{feature}:{times}",
        lambda batch: common_values(batch, batch, feature, times)[0],
    )
    return common, common


def common_values(
    left: Prepared, right: Prepared, feature: str, times: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per record of each batch (one when ``left`` is ``right``): whether its value of
    ``feature`` is held by more than ``times`` times as many records of both batches as the
    feature's values are held by on average."""
    batches = [left] if left is right else [left, right]
    values = np.concatenate([batch.column(feature) for batch in batches])
    codes, uniques = pd.factorize(values)
    known = codes >= 0
    common = np.zeros(len(values), dtype=bool)
    if len(uniques):
        counts = np.bincount(codes[known], minlength=len(uniques))
        average = known.sum() / len(uniques)
        common[known] = counts[codes[known]] > times * average
    if left is right:
        return common, common
    return common[: len(left)], common[len(left) :]
