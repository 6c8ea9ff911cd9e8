"""Level labels of record pairs under a preset's own features and comparisons."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from matching.feature import prepare_records
from matching.pair_view import PairView
from matching.settings import EntitySettings


def preset_level(
    settings: EntitySettings,
    comparison: str,
    left: Mapping[str, object],
    right: Mapping[str, object],
) -> str:
    """The level label ``comparison`` gives the pair (left, right)."""
    batch = prepare_records([{"id": "a", **left}, {"id": "b", **right}], settings.features)
    view = PairView(batch, batch, np.array([0]), np.array([1]))
    found = next(c for c in settings.comparisons if c.name == comparison)
    return found.labels[int(found.evaluate(view)[0])]
