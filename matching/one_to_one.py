"""One-to-one linking: when two files are each free of duplicates, a record links to at most
one record of the other file. Links are kept greedily, most probable first (ties by index)."""

from __future__ import annotations

import numpy as np


def one_to_one(pairs: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """Indices into ``pairs`` of the links kept; ``pairs`` is (k, 2) of record indices."""
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -probability))
    used: set[int] = set()
    kept: list[int] = []
    for k in order.tolist():
        left, right = int(pairs[k, 0]), int(pairs[k, 1])
        if left in used or right in used:
            continue
        used.update((left, right))
        kept.append(k)
    return np.asarray(sorted(kept), dtype=np.int64)
