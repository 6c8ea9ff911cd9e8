"""``u`` probabilities: how often each level occurs among random (mostly non-matching) pairs."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from matching.comparison import Comparison, level_matrix
from matching.feature import Prepared
from matching.pair_view import PairView


def _all_pairs(n: int) -> np.ndarray:
    left, right = np.triu_indices(n, k=1)
    return np.stack([left, right], axis=1).astype(np.int64)


def sample_view(
    prepared: Prepared, size: int, *, link_only: bool = False, seed: int = 0
) -> PairView:
    """About ``size`` random pairs of distinct records (all pairs when there are fewer).

    Large batches give a grid: two disjoint random sets of records, every pair between them.
    """
    n = len(prepared)
    if n * (n - 1) // 2 <= size:
        pairs = _all_pairs(n)
        return PairView(prepared, prepared, pairs[:, 0], pairs[:, 1])
    rng = np.random.default_rng(seed)
    side = min(math.ceil(math.sqrt(size * (2 if link_only else 1))), n // 2)
    order = rng.permutation(n)
    return PairView.grid(prepared, np.sort(order[:side]), np.sort(order[side : 2 * side]))


def level_shares(levels: np.ndarray, sizes: Sequence[int]) -> tuple[np.ndarray, ...]:
    """Share of each non-null level per comparison; the Null entry is 1 (no evidence).

    Levels never seen get half an observation, so no weight is infinite.
    """
    tables = []
    for column, size in enumerate(sizes):
        counts = np.bincount(levels[:, column].astype(np.int64), minlength=size).astype(float)
        counts[0] = 0.0
        counts[1:] = np.maximum(counts[1:], 0.5)
        table = counts / counts[1:].sum()
        table[0] = 1.0
        tables.append(table)
    return tuple(tables)


def estimate_u(
    comparisons: Sequence[Comparison],
    prepared: Prepared,
    *,
    sample_size: int = 1_000_000,
    link_only: bool = False,
    seed: int = 0,
) -> tuple[np.ndarray, ...]:
    """u per level of every comparison, from a random sample of pairs."""
    view = sample_view(prepared, sample_size, link_only=link_only, seed=seed)
    levels = level_matrix(comparisons, view)
    if link_only:
        sources = prepared.sources
        levels = levels[sources[view.left_idx] != sources[view.right_idx]]
    return level_shares(levels, [len(comparison.levels) for comparison in comparisons])
