"""Small builders shared by the matching tests."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.comparison import Comparison
from matching.feature import Feature, Prepared, field_feature, prepare_records
from matching.pair_view import PairView


def prepared(rows: Sequence[dict[str, object]], features: Sequence[str]) -> Prepared:
    records = [{"id": str(index), **row} for index, row in enumerate(rows)]
    return prepare_records(records, [field_feature(name, transform=str) for name in features])


def levels_of(
    comparison: Comparison,
    pairs: Sequence[tuple[dict[str, object], dict[str, object]]],
    features: Sequence[str],
) -> list[str]:
    """Level labels of each (left, right) pair of rows."""
    rows = [row for pair in pairs for row in pair]
    batch = prepared(rows, features)
    left = np.arange(0, len(rows), 2)
    view = PairView(batch, batch, left, left + 1)
    return [comparison.levels[index].label for index in comparison.evaluate(view)]


def feature(name: str) -> Feature:
    return field_feature(name, transform=str)
