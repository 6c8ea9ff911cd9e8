"""Levels of values that are sets (a person's skills): how much of the shorter set the other
holds. A system that lists fewer values (a PSA holding the skills a person is staffed on, an HR
profile holding all of them) lists a part of the other's, so the share is of the shorter.

Each record's set is read once per test as bits (one per distinct value among the records of
both batches), so a million random pairs cost a few vectorised operations, not a million set
intersections."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.feature import Prepared
from matching.levels import Level
from matching.pair_view import PairView, null_pairs

WORD = 64


@dataclass(frozen=True)
class SharedAtLeast(Level):
    """Sets of which the values both hold are at least ``share`` of the shorter one, and at
    least one value (``share`` 0: any value in common)."""

    label: str = "shared"
    share: float = 0.0

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        out = np.zeros(len(view), dtype=bool)
        known, a, b = _pair_bits(view, self.on(feature))
        common = _count(a & b)
        shorter = np.minimum(_count(a), _count(b))
        out[known] = (common > 0) & (common >= self.share * shorter)
        return out


@dataclass(frozen=True)
class Disjoint(Level):
    """Sets known on both sides with no value in common (a record registered in the US and
    one that can only be in Belgium): read on another feature than the comparison's, as the
    reason its values say nothing (a web site two companies of one group share)."""

    label: str = "disjoint"

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        out = np.zeros(len(view), dtype=bool)
        known, a, b = _pair_bits(view, self.on(feature))
        out[known] = (_count(a) > 0) & (_count(b) > 0) & (_count(a & b) == 0)
        return out


def _pair_bits(view: PairView, feature: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs holding ``feature`` on both sides (their positions in ``view``) and each
    side's set as bits (``set_bits``); none read when no pair holds it."""
    known = np.flatnonzero(~null_pairs(view, feature))
    if not len(known):
        empty = np.zeros((0, 1), dtype=np.uint64)
        return known, empty, empty
    left, right = view.batches()
    left_bits, right_bits = set_bits(left, right, feature)
    return known, left_bits[view.left_idx[known]], right_bits[view.right_idx[known]]


def _count(bits: np.ndarray) -> np.ndarray:
    return np.bitwise_count(bits).sum(axis=1, dtype=np.int64)


def set_bits(left: Prepared, right: Prepared, feature: str) -> tuple[np.ndarray, np.ndarray]:
    """Each record's set of ``feature`` as bits (rows: records, columns: 64-bit words), one
    bit per distinct value among the records of both batches (one when ``left`` is
    ``right``); an unknown or empty set has none."""
    batches = [left] if left is right else [left, right]
    sets = [items_of(value) for batch in batches for value in batch.column(feature).tolist()]
    index = {value: n for n, value in enumerate(sorted({v for s in sets for v in s}, key=str))}
    words = max(1, -(-len(index) // WORD))
    bits = np.zeros((len(sets), words), dtype=np.uint64)
    for row, values in enumerate(sets):
        for value in values:
            bit = index[value]
            bits[row, bit // WORD] |= np.uint64(1) << np.uint64(bit % WORD)
    split = len(left)
    return bits[:split], bits if left is right else bits[split:]


def items_of(value: object) -> tuple[object, ...]:
    """A value's items: those of a collection, or the value alone (None: none)."""
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple | list | frozenset | set) else (value,)
