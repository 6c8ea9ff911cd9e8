"""One record's feature against the other record's other feature, vectorised over a pair view:
first and last names exchanged between the records, exactly or with a slip.

Read by ``Null`` (``swapped_with``: an exchange is scored once, where ``Swapped`` scores it), by
the levels of ``matching.levels_crosswise`` and by those of ``matching.levels_exchange``.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from matching.feature import Prepared
from matching.pair_view import PairView, equal_pairs, is_null


def swapped_pairs(view: PairView, feature: str, other: str, threshold: float = 1.0) -> np.ndarray:
    """Pairs with both features known where left.feature == right.other and the reverse, or,
    with ``threshold`` below 1, where each is that alike (Jaro-Winkler): swapped with a slip."""
    exact = equal_pairs(view, feature, other) & equal_pairs(view, other, feature)
    if threshold >= 1.0:
        return exact
    return exact | (
        (crosswise(view, feature, other) >= threshold)
        & (crosswise(view, other, feature) >= threshold)
    )


def crosswise(view: PairView, left: str, right: str) -> np.ndarray:
    """Jaro-Winkler similarity of left.``left`` and right.``right`` per pair, where their
    first letters agree (0 elsewhere, and where either is unknown): a slip after the first
    letter, and few random pairs to score."""
    initials = view.derived(f"first_letter:{left}", lambda b: _first_letters(b.column(left)))[0]
    others = view.derived(f"first_letter:{right}", lambda b: _first_letters(b.column(right)))[1]
    rows = np.flatnonzero((initials == others) & (initials != ""))
    scores = np.zeros(len(view))
    if len(rows):
        left_batch, right_batch = view.batches()
        lefts = _texts(left_batch, left)[view.left_idx[rows]]
        rights = _texts(right_batch, right)[view.right_idx[rows]]
        scores[rows] = process.cpdist(lefts, rights, scorer=JaroWinkler.similarity)
    return scores


def _texts(batch: Prepared, feature: str) -> np.ndarray:
    """The feature's values as text (numpy strings), made once per batch: the pairs scored
    gather them instead of converting their values pair by pair."""
    return batch.derived(f"text:{feature}", lambda b: b.column(feature).astype(str))


def _first_letters(values: np.ndarray) -> np.ndarray:
    out = np.full(len(values), "", dtype="U1")
    known = ~is_null(values)
    out[known] = values[known].astype("U1")
    return out
