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

from dataclasses import dataclass, replace

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
    held_left, held_right, average = _holders(left, right, feature)
    return held_left > times * average, held_right > times * average


def holders(left: Prepared, right: Prepared, feature: str) -> tuple[np.ndarray, np.ndarray]:
    """Per record of each batch (one when ``left`` is ``right``): how many records of both
    batches hold its value of ``feature`` (0 where it holds none)."""
    held_left, held_right, _ = _holders(left, right, feature)
    return held_left, held_right


def _holders(left: Prepared, right: Prepared, feature: str) -> tuple[np.ndarray, np.ndarray, float]:
    batches = [left] if left is right else [left, right]
    values = np.concatenate([batch.column(feature) for batch in batches])
    codes, uniques = pd.factorize(values)
    known = codes >= 0
    held = np.zeros(len(values), dtype=np.int64)
    average = 0.0
    if len(uniques):
        counts = np.bincount(codes[known], minlength=len(uniques))
        average = float(known.sum() / len(uniques))
        held[known] = counts[codes[known]]
    if left is right:
        return held, held, average
    return held[: len(left)], held[len(left) :], average


@dataclass(frozen=True)
class BothCommon(Level):
    """The pairs one of ``tests`` holds (values alike) whose two values are each a name
    (``names``) and common (``common_values``, over ``times`` the average holders): two
    names, each borne by many people, not one name and a slip of it. Training weighs the
    level apart from the levels of values alike after it, whose pairs it takes: it stands
    outside their order (``beside_the_order``), as a pair of two names is no stronger nor
    weaker an agreement than a slip, but another thing.

    ``share``: the least share of the commoner value's holders the rarer one's are. One slip
    of a name is made on few of its holders' records, but where many records slip, the same
    slip of a common name is made often enough to be common itself (counted in the records
    of make bench, section external_sparse, RLdata typos 30%: MUELER held by 16 records
    against MUELLER's 584, WAGENR by 8 against WAGNER's 142, 7.5 holders a value on
    average); two names alike are each borne in their own right (in the records of section
    external, RLdata: SCHMITT held by 107 records against SCHMIDT's 482, MOELLER by 73
    against MUELLER's 691)."""

    label: str = "both_common"
    tests: tuple[Level, ...] = ()
    times: float = 1.0
    share: float = 0.0

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature)}.union(*(test.features_read(feature) for test in self.tests))

    def beside_the_order(self) -> bool:
        return True

    def sorts_out_of(self, level: Level) -> bool:
        return len(self.tests) == 1 and replace(self.tests[0], label=level.label) == level

    def either_common(
        self, scored: tuple[tuple[Prepared, Prepared], np.ndarray], feature: str
    ) -> np.ndarray:
        """Per pair of ``scored`` (the two batches, the pairs): whether either value is a
        common name."""
        (left, right), pairs = scored
        common_left, common_right = batch_common_names(left, right, self.on(feature), self.times)
        return common_left[pairs[:, 0]] | common_right[pairs[:, 1]]

    def held_alike(self, held_left: np.ndarray, held_right: np.ndarray) -> np.ndarray:
        """Per pair, from how many records hold each of its two values: whether the rarer
        value's holders are at least ``share`` of the commoner's."""
        return np.minimum(held_left, held_right) >= self.share * np.maximum(held_left, held_right)

    def named_both(
        self, batches: tuple[Prepared, Prepared], feature: str, rows: tuple[np.ndarray, np.ndarray]
    ) -> np.ndarray:
        """Per pair (``rows``: its left and right record of ``batches``): whether both values
        are common names, the rarer held by at least ``share`` of the commoner's holders; the
        level then holds the pair where one of ``tests`` does."""
        name = self.on(feature)
        common_left, common_right = batch_common_names(*batches, name, self.times)
        both = common_left[rows[0]] & common_right[rows[1]]
        if self.share > 0.0:
            held_left, held_right = batch_holders(*batches, name)
            both &= self.held_alike(held_left[rows[0]], held_right[rows[1]])
        return both

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        both = self.named_both(view.batches(), feature, (view.left_idx, view.right_idx))
        rows = np.flatnonzero(both)
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


def batch_holders(left: Prepared, right: Prepared, feature: str) -> tuple[np.ndarray, np.ndarray]:
    """``holders``, computed once per batch when ``left`` is ``right``."""
    if left is not right:
        return holders(left, right, feature)
    held = left.derived(
        f"levels_common_holders:{feature}", lambda batch: holders(batch, batch, feature)[0]
    )
    return held, held


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
