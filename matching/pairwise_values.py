"""One pair's records and the tests of their values the level tests of ``matching.pairwise``
share: each gives one pair what ``matching.pair_view``'s vectorised tests give it (the same
hash-then-equality test of values, scores compared at the precision the arrays hold them in)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz.distance import JaroWinkler

from matching.feature import Prepared
from matching.pair_view import value_hash


@dataclass(frozen=True)
class Pair:
    """One pair's records: the left batch's columns and row, the right batch's, and the two
    batches (a level reading what the batch holds, ``matching.levels_common``)."""

    left_columns: Mapping[str, np.ndarray]
    left_row: int
    right_columns: Mapping[str, np.ndarray]
    right_row: int
    batches: tuple[Prepared, Prepared]

    def left(self, feature: str) -> Any:
        """The left record's value of ``feature`` (None when unknown; a feature's values are
        of whatever type it derives)."""
        return self.left_columns[feature][self.left_row]

    def right(self, feature: str) -> Any:
        return self.right_columns[feature][self.right_row]

    def known(self, feature: str) -> tuple[Any, Any] | None:
        """Both records' values of ``feature``, or None when either is unknown."""
        left, right = self.left(feature), self.right(feature)
        return None if left is None or right is None else (left, right)

    def known_text(self, feature: str) -> tuple[str, str] | None:
        """``known`` with both values as text: what the string tests read."""
        values = self.known(feature)
        return None if values is None else (str(values[0]), str(values[1]))


def equal(left: object, right: object) -> bool:
    """``pair_view.equal_pairs`` of two values: both known, equal hashes, then equal."""
    if left is None or right is None or value_hash(left) != value_hash(right):
        return False
    return bool(left == right)


def equal_on(pair: Pair, feature: str, other: str | None = None) -> bool:
    return equal(pair.left(feature), pair.right(other or feature))


def either_unknown(pair: Pair, feature: str) -> bool:
    return pair.left(feature) is None or pair.right(feature) is None


def same(pair: Pair, feature: str) -> bool:
    """``pair_view.same_values``: equal, unknown counting as equal to unknown."""
    left, right = pair.left(feature), pair.right(feature)
    if left is None and right is None:
        return True
    return value_hash(left) == value_hash(right) and bool(left == right)


def at_least(score: float, threshold: float) -> bool:
    """A score ``process.cpdist`` holds as float32, compared with a threshold as numpy does."""
    return bool(np.float32(score) >= np.float32(threshold))


def _first_letter(value: object) -> str:
    return "" if value is None else str(value)[:1]


def crosswise(pair: Pair, left: str, right: str) -> float:
    """``crosswise.crosswise`` of one pair: the float32 score, held in a float64 array."""
    a, b = pair.left(left), pair.right(right)
    initial = _first_letter(a)
    if initial == "" or initial != _first_letter(b):
        return 0.0
    return float(np.float32(JaroWinkler.similarity(str(a), str(b))))


def swapped(pair: Pair, feature: str, other: str, threshold: float) -> bool:
    if equal_on(pair, feature, other) and equal_on(pair, other, feature):
        return True
    if threshold >= 1.0:
        return False
    return (
        crosswise(pair, feature, other) >= threshold
        and crosswise(pair, other, feature) >= threshold
    )
