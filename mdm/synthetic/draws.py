"""Fast draws from a ``random.Random`` (the hot path makes ~100 draws per record)."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """Like ``rng.choice`` but about twice as fast; deterministic for a given ``rng``."""
    return items[int(rng.random() * len(items))]


class Weighted(Generic[T]):
    """A fixed weighted distribution with its cumulative weights computed once."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self.cumulative = tuple(accumulate(weights))

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]
