"""What a record holds, as one hash: equal records (in their source and every feature) hash
alike in any batch and any process, and a pair of two such records is one record twice.

A steward reading a record twice learns that it equals itself and nothing the model did not
weigh: the pair's probability rests wholly on how many others may hold what both hold (an
inventor named on each of his patents, as ``Wei Wang, Beijing`` is on 268 of them in
PatentsView's mentions, by 34 people in its own disambiguation). Such a pair holds no evidence
a steward could link on (``matching.scoring.score_pairs``): below the auto-link bar it is
left apart, not queued for review.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from matching.feature import Prepared

CONTENT_HASHES = "content_hashes"
"""The key of the batch's ``content_hashes`` among its derived arrays (``Prepared.derived``)."""
FEW_PAIRS = 256
"""Fewer pairs than this, of batches not hashed yet, are compared value by value rather than
by hashing both batches whole (a lookup's ~20 candidates: hashing factorises every feature
column of the batch, which cost more than the rest of its scoring)."""


def content_hashes(prepared: Prepared) -> np.ndarray:
    """For each record, a hash of its source and every feature, alike for equal records in
    any batch and any process (``matching.copies.originals`` compares within one batch):
    what finds the records that may be copies when a batch is read in parts, by several
    processes."""
    mixed = np.zeros(len(prepared), dtype=np.uint64)
    for column in (prepared.sources, *prepared.columns.values()):
        try:
            codes, values = pd.factorize(column)
        except TypeError:  # a value that cannot be hashed
            codes, values = pd.factorize(np.asarray([_canonical(v) for v in column], object))
        texts = np.asarray([_canonical(value) for value in values], dtype=object)
        hashed = np.append(pd.util.hash_array(texts, categorize=False), np.uint64(0))
        mixed = mixed * np.uint64(1_000_003) ^ hashed[codes]  # -1, a missing value: 0
    return mixed.view(np.int64)


def repeated(left: Prepared, right: Prepared, pairs: np.ndarray) -> np.ndarray:
    """For each pair (left index, right index), whether its two records are equal in their
    source and every feature: one record twice."""
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    if len(pairs) < FEW_PAIRS and not _hashed(left, right):
        return _compared(left, right, pairs)
    return _hashes_at(left, pairs[:, 0]) == _hashes_at(right, pairs[:, 1])


def _hashed(left: Prepared, right: Prepared) -> bool:
    return left.held(CONTENT_HASHES) is not None and right.held(CONTENT_HASHES) is not None


def _compared(left: Prepared, right: Prepared, pairs: np.ndarray) -> np.ndarray:
    """``repeated`` read value by value: a pair's records compared in their source, then each
    feature, until one differs (a lookup's probe has no source: at the first)."""
    columns = [(left.sources.tolist(), right.sources.tolist())]
    columns += [
        (left.columns[name].tolist(), right.columns[name].tolist()) for name in left.columns
    ]
    return np.array(
        [all(_alike(lefts[i], rights[j]) for lefts, rights in columns) for i, j in pairs.tolist()],
        dtype=bool,
    )


def _alike(left: object, right: object) -> bool:
    """Whether two values of a feature hash alike in ``content_hashes``: both missing (None,
    NaN), equal, or written alike (``_canonical``)."""
    left_missing, right_missing = _missing(left), _missing(right)
    if left_missing or right_missing:
        return left_missing and right_missing
    if left is right:
        return True
    try:
        hash(left), hash(right)  # equal and hashable: one value to factorize
        if bool(left == right):
            return True
    except (TypeError, ValueError):  # unhashable, or no single truth: compared as text
        pass
    return _canonical(left) == _canonical(right)


def _missing(value: object) -> bool:
    """A value ``pd.factorize`` takes for missing (its code -1: hashed as 0)."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def _hashes_at(prepared: Prepared, rows: np.ndarray) -> np.ndarray:
    """``content_hashes`` of the records at ``rows``: the batch's, hashed once and kept with
    it (training and scoring ask for them again on every set of pairs they score)."""
    return prepared.derived(CONTENT_HASHES, content_hashes)[rows]


def _canonical(value: object) -> str:
    """A value as text alike in every process (a set's members in order: their iteration
    order changes with each process's string hashing)."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(_canonical(member) for member in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_canonical(member) for member in value) + ")"
    return repr(value)
