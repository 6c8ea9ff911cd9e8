"""Aligned left/right feature arrays for a set of pairs, with per-view caches.

A ``PairView`` lists its pairs explicitly. A grid view (``PairView.grid``) holds every pair of
two record sets; string similarities are then computed with ``rapidfuzz.process.cdist`` (each
string converted once) instead of ``cpdist``, which is an order of magnitude faster for the
random pairs used to estimate u.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from rapidfuzz import process

from matching.feature import Prepared

StringsOf = Callable[[np.ndarray], np.ndarray]


class PairView:
    """The pairs ``(left[k], right[k])`` of prepared batches, gathered per feature on demand."""

    def __init__(
        self,
        left: Prepared,
        right: Prepared,
        left_idx: np.ndarray,
        right_idx: np.ndarray,
        grid: tuple[np.ndarray, np.ndarray] | None = None,
    ):
        self._left = left
        self._right = right
        self.left_idx = left_idx
        self.right_idx = right_idx
        self._grid = grid
        self._cache: dict[tuple[str, str], np.ndarray] = {}
        self._parent: tuple[PairView, np.ndarray] | None = None
        """The view this one was taken from (``take``) and the rows it holds of it: what the
        parent has cached is gathered from it when first asked for, not copied at once."""

    @classmethod
    def grid(cls, prepared: Prepared, rows: np.ndarray, columns: np.ndarray) -> PairView:
        """Every pair (rows[a], columns[b]), row-major."""
        left_idx = np.repeat(rows, len(columns))
        right_idx = np.tile(columns, len(rows))
        return cls(prepared, prepared, left_idx, right_idx, grid=(rows, columns))

    def __len__(self) -> int:
        return len(self.left_idx)

    def batches(self) -> tuple[Prepared, Prepared]:
        """The left and right batches the pairs index into (one object in a bulk run)."""
        return self._left, self._right

    def _cached(self, key: tuple[str, str]) -> np.ndarray | None:
        """The array cached under ``key``, here or (gathered) in the view this one was taken
        from; None when neither holds it."""
        found = self._cache.get(key)
        if found is None and self._parent is not None:
            parent, rows = self._parent
            inherited = parent._cached(key)
            if inherited is not None:
                found = self._cache[key] = inherited[rows]
        return found

    def memo(self, key: str, build: Callable[[], np.ndarray]) -> np.ndarray:
        """A per-pair array ``build`` makes of this view, made once per view (and gathered,
        not made again, by the views taken from it)."""
        cache_key = ("memo", key)
        found = self._cached(cache_key)
        if found is None:
            found = self._cache[cache_key] = build()
        return found

    def left(self, feature: str) -> np.ndarray:
        key = ("l", feature)
        found = self._cached(key)
        if found is None:
            found = self._cache[key] = self._left.column(feature)[self.left_idx]
        return found

    def right(self, feature: str) -> np.ndarray:
        key = ("r", feature)
        found = self._cached(key)
        if found is None:
            found = self._cache[key] = self._right.column(feature)[self.right_idx]
        return found

    def left_column(self, feature: str) -> np.ndarray:
        """The left batch's whole column (not gathered per pair)."""
        return self._left.column(feature)

    def right_column(self, feature: str) -> np.ndarray:
        return self._right.column(feature)

    def derived(
        self, key: str, build: Callable[[Prepared], np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """A per-record derived array (see ``Prepared.derived``) gathered for both sides."""
        left_key, right_key = ("derived", key), ("derived_right", key)
        left, right = self._cached(left_key), self._cached(right_key)
        if left is None or right is None:
            left = self._cache[left_key] = self._left.derived(key, build)[self.left_idx]
            right = self._cache[right_key] = self._right.derived(key, build)[self.right_idx]
        return left, right

    def similarity(
        self, feature: str, scorer: Any, strings: tuple[str, StringsOf] | None = None
    ) -> np.ndarray:
        """``scorer(left, right)`` per pair over per-record strings, cached per view.

        The strings are the feature with None as "", or ``strings = (name, build)`` derived
        from the feature column once per batch (e.g. its tokens sorted).
        """
        name, build = strings or ("plain", _strings)
        key = ("score", f"{scorer.__module__}.{scorer.__qualname__}:{name}:{feature}")
        found = self._cached(key)
        if found is None:
            derived_key = f"strings:{name}:{feature}"
            left = self._left.derived(derived_key, lambda b: build(b.column(feature)))
            right = self._right.derived(derived_key, lambda b: build(b.column(feature)))
            if self._grid is not None:
                rows, columns = self._grid
                workers = _workers(len(rows) * len(columns))
                scores = process.cdist(left[rows], right[columns], scorer=scorer, workers=workers)
                found = scores.ravel()
            else:
                found = _pair_scores(left, right, self.left_idx, self.right_idx, scorer)
            self._cache[key] = found
        return found

    def take(self, rows: np.ndarray) -> PairView:
        """The view restricted to ``rows`` (indices or a boolean mask); caches carry over,
        each array gathered from this view's when first asked for."""
        view = PairView(self._left, self._right, self.left_idx[rows], self.right_idx[rows])
        view._parent = (self, rows)
        return view


DENSE_UP_TO = 3
"""Pairs whose records make a grid at most this many times as large as the pairs are scored
as that grid (``cdist``: each string converted once, an order of magnitude faster per pair)
and gathered from it: every pair of a small batch (its u sample), the pairs of the random
grid a comparison's first levels left undecided. ``cdist`` gives exactly the scores ``cpdist``
gives (checked on the benchmarks' names and streets with each scorer the levels use)."""


def _pair_scores(
    left: np.ndarray, right: np.ndarray, left_idx: np.ndarray, right_idx: np.ndarray, scorer: Any
) -> np.ndarray:
    """``scorer`` of the strings ``left[left_idx]`` and ``right[right_idx]``, pair by pair."""
    rows, row_at = _distinct(left_idx, len(left))
    columns, column_at = _distinct(right_idx, len(right))
    cells = len(rows) * len(columns)
    if len(left_idx) and cells <= DENSE_UP_TO * len(left_idx):
        grid = process.cdist(left[rows], right[columns], scorer=scorer, workers=_workers(cells))
        return grid[row_at[left_idx], column_at[right_idx]]
    workers = _workers(len(left_idx))
    return process.cpdist(left[left_idx], right[right_idx], scorer=scorer, workers=workers)


def _distinct(indices: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``indices`` (below ``size``) in order, and for each index below ``size``
    its position among them."""
    held = np.zeros(size, dtype=bool)
    held[indices] = True
    return np.flatnonzero(held), np.cumsum(held) - 1


def _strings(values: np.ndarray) -> np.ndarray:
    out = values.copy()
    out[is_null(out)] = ""
    return out


def equal_pairs(view: PairView, feature: str, other: str | None = None) -> np.ndarray:
    """Pairs where the left record's ``feature`` equals the right record's ``other`` (default:
    the same feature), both known."""
    other = other or feature
    known = ~(_null_side(view, feature, 0) | _null_side(view, other, 1))
    return _confirmed(
        view, feature, other, _hash_side(view, feature, 0) == _hash_side(view, other, 1), known
    )


def same_values(view: PairView, feature: str) -> np.ndarray:
    """Pairs whose values of ``feature`` are equal, unknown counting as equal to unknown."""
    left_null, right_null = _null_side(view, feature, 0), _null_side(view, feature, 1)
    same = _hash_side(view, feature, 0) == _hash_side(view, feature, 1)
    return _confirmed(view, feature, feature, same, ~(left_null & right_null)) | (
        left_null & right_null
    )


def _confirmed(
    view: PairView, feature: str, other: str, same: np.ndarray, check: np.ndarray
) -> np.ndarray:
    """``same`` (hashes agree) confirmed with ``==`` where ``check`` holds, False elsewhere:
    values are compared first as per-record hashes (an integer gather instead of an object
    gather and comparison per pair), so a collision can never make two values equal."""
    same = same & check
    hits = np.flatnonzero(same)
    if len(hits):
        left = view.left_column(feature)[view.left_idx[hits]]
        right = view.right_column(other)[view.right_idx[hits]]
        same[hits] = np.asarray(left == right, dtype=bool)
    return same


def _hash_side(view: PairView, feature: str, side: int) -> np.ndarray:
    return view.derived(f"hash:{feature}", lambda batch: value_hashes(batch.column(feature)))[side]


def _null_side(view: PairView, feature: str, side: int) -> np.ndarray:
    return view.derived(f"null:{feature}", lambda batch: is_null(batch.column(feature)))[side]


def value_hashes(values: np.ndarray) -> np.ndarray:
    """Python's hash of each value as int64 (0 for a value that cannot be hashed; equality is
    always confirmed afterwards, so the hash only has to agree for equal values)."""
    return np.fromiter((value_hash(value) for value in values), dtype=np.int64, count=len(values))


def value_hash(value: object) -> int:
    """Python's hash of the value (0 where it cannot be hashed: ``value_hashes``)."""
    try:
        return hash(value)
    except TypeError:
        return 0


def null_pairs(view: PairView, feature: str) -> np.ndarray:
    """Pairs where the feature is unknown on either side (per-record masks, gathered)."""
    return _null_side(view, feature, 0) | _null_side(view, feature, 1)


def is_null(values: np.ndarray) -> np.ndarray:
    """Boolean mask of the None entries of an object array."""
    return np.asarray(values == None, dtype=bool)  # noqa: E711 (elementwise)


# Below this many pairs, starting threads costs more than it saves. Set from one timing by
# hand (Jaro-Winkler on short strings, one thread vs both cores of the 2-core machine: threads
# lost up to 20,000 pairs and won at 100,000); make bench does not measure it.
PARALLEL_FROM = 20_000


def _workers(pairs: int) -> int:
    return -1 if pairs >= PARALLEL_FROM else 1
