"""Values many records hold: a batch's value, not an entity's own; a name, not a slip.

The day a whole acquired firm was put on the acquirer's payroll (hundreds of records hired on
one date), a placeholder a system writes where it knows nothing (``1900-01-01``): such a value
does not tell which person a record is, whether two records share it or one holds it and the
other another value. A steward reads it as no date at all (``NullWhereCommon``).

Two names alike that many people bear each (Andrea and Andreas, Christa and Christina) are two
names, not one name with a slip: a slip leaves a value few records hold, as one person's
records are few. Read as a slip, such a pair weighed as a typo does, and namesakes sharing
a birth date under two alike first names were queued for review as often as one person
with a slip in the name (``BothCommon``).

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
from matching.levels import Level, Null
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


@dataclass(frozen=True)
class BothCommon(Level):
    """The pairs one of ``tests`` holds (values alike) whose two values are each a name
    (``names``) and common (``common_values``, over ``times`` the average holders): two
    names, each borne by many people, not one name and a slip of it. Training weighs the
    level apart from the levels of values alike after it, whose pairs it takes: it stands
    outside their order (``beside_the_order``), as a pair of two names is no stronger nor
    weaker an agreement than a slip, but another thing."""

    label: str = "both_common"
    tests: tuple[Level, ...] = ()
    times: float = 1.0

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature)}.union(*(test.features_read(feature) for test in self.tests))

    def beside_the_order(self) -> bool:
        return True

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = view.batches()
        common_left, common_right = batch_common_names(left, right, name, self.times)
        rows = np.flatnonzero(common_left[view.left_idx] & common_right[view.right_idx])
        out = np.zeros(len(view), dtype=bool)
        if len(rows):
            part = view.take(rows)
            out[rows] = np.logical_or.reduce([test.mask(part, feature) for test in self.tests])
        return out


def batch_common_names(
    left: Prepared, right: Prepared, feature: str, times: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per record of each batch: whether its value of ``feature`` is a name (``names``) and
    common (``common_values``), computed once per batch when ``left`` is ``right``."""
    if left is not right:
        common_left, common_right = common_values(left, right, feature, times)
        return (
            common_left & names(left.column(feature)),
            common_right & names(right.column(feature)),
        )
    common = left.derived(
        f"levels_common_names:{feature}:{times}",
        lambda batch: common_values(batch, batch, feature, times)[0] & names(batch.column(feature)),
    )
    return common, common


def names(values: np.ndarray) -> np.ndarray:
    """Whether each value is a name: more than an initial (``u`` against ``uwe`` is a name
    cut short), and no digit in it (a name misread, O as 0 or S as 5, which a scan repeats
    on every record it misreads the same way, so the misreading is common too)."""
    return np.fromiter(
        (
            isinstance(value, str) and len(value) > 1 and not any(c.isdigit() for c in value)
            for value in values.tolist()
        ),
        dtype=bool,
        count=len(values),
    )
