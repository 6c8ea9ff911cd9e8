"""Levels of values that are sets (a person's skills): how much of the shorter set the other
holds. A system that lists fewer values (a PSA holding the skills a person is staffed on, an HR
profile holding all of them) lists a part of the other's, so the share is of the shorter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.levels import Level
from matching.pair_view import PairView, null_pairs


@dataclass(frozen=True)
class SharedAtLeast(Level):
    """Sets of which the values both hold are at least ``share`` of the shorter one, and at
    least one value (``share`` 0: any value in common)."""

    label: str = "shared"
    share: float = 0.0

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        known = np.flatnonzero(~null_pairs(view, name))
        left, right = view.left(name)[known].tolist(), view.right(name)[known].tolist()
        out = np.zeros(len(view), dtype=bool)
        out[known] = [
            _shared(a, b) >= max(self.share, 1e-9) for a, b in zip(left, right, strict=True)
        ]
        return out


def _shared(left: object, right: object) -> float:
    """The share of the shorter set the other holds (0 when either is empty)."""
    a, b = set(_items(left)), set(_items(right))
    shorter = min(len(a), len(b))
    return len(a & b) / shorter if shorter else 0.0


def _items(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple | list | frozenset | set) else (value,)
