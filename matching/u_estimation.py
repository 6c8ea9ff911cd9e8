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
    return sample_u(comparisons, prepared, sample_size, link_only=link_only, seed=seed)[0]


def sample_u(
    comparisons: Sequence[Comparison],
    prepared: Prepared,
    sample_size: int,
    *,
    link_only: bool = False,
    seed: int = 0,
) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """u per level of every comparison (``estimate_u``) and, per comparison, how many sampled
    pairs held its values (where a level never seen got half an observation)."""
    view = sample_view(prepared, sample_size, link_only=link_only, seed=seed)
    levels = level_matrix(comparisons, view, weighed_only=True)
    if link_only:
        sources = prepared.sources
        levels = levels[sources[view.left_idx] != sources[view.right_idx]]
    sizes = [len(comparison.levels) for comparison in comparisons]
    return level_shares(levels, sizes), (levels != 0).sum(axis=0)


def without_matches(u: np.ndarray, m: np.ndarray, prior: float, known: int) -> np.ndarray:
    """u among non-matches: random pairs hold matches too (a share ``prior`` of them, with
    levels as m), which for an identifier is most of the pairs that agree, so u from random
    pairs weighs agreement at about the prior's odds and an identifier alone can never carry
    a pair. Each level's u loses the matches' share; it keeps at least half an observation
    among the ``known`` sampled pairs (the same floor as a level never seen)."""
    out = np.asarray(u, dtype=float).copy()
    floor = 0.5 / max(int(known), 1)
    out[1:] = np.maximum((out[1:] - prior * np.asarray(m, dtype=float)[1:]) / (1.0 - prior), floor)
    out[1:] /= out[1:].sum()
    out[0] = 1.0
    return out
