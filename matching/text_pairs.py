"""A test of two texts asked of a view's pairs once per distinct pair of texts: a million
random pairs of departments or legal forms hold a few thousand distinct pairs, and each
pair's own call (cached or not) costs more than the test of a distinct pair does."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from matching.feature import Prepared
from matching.pair_view import PairView


def text_pair_answers(
    view: PairView, feature: str, rows: np.ndarray, test: Callable[[str, str], bool]
) -> np.ndarray:
    """``test(str(left value), str(right value))`` of the pairs ``rows`` (both values known),
    as booleans in their order, asked once per distinct pair of texts."""
    if not len(rows):
        return np.zeros(0, dtype=bool)
    left_batch, right_batch = view.batches()
    left_texts, left_codes = _text_codes(left_batch, feature)
    right_texts, right_codes = _text_codes(right_batch, feature)
    left_rows, right_rows = view.left_idx[rows], view.right_idx[rows]
    width = int(right_codes.max()) + 1
    combined = left_codes[left_rows] * width + right_codes[right_rows]
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    lefts, rights = left_texts[left_rows[first]].tolist(), right_texts[right_rows[first]].tolist()
    answers = np.fromiter(
        (test(a, b) for a, b in zip(lefts, rights, strict=True)), dtype=bool, count=len(first)
    )
    return answers[inverse.reshape(-1)]


def _text_codes(batch: Prepared, feature: str) -> tuple[np.ndarray, np.ndarray]:
    """Per record of the batch: its value's text (``str``; None where unknown) and an integer
    per distinct text, made once per batch."""
    texts = batch.derived(f"texts:{feature}", lambda b: _texts(b.column(feature)))
    codes = batch.derived(
        f"text_codes:{feature}", lambda _: pd.factorize(texts)[0].astype(np.int64)
    )
    return texts, codes


def _texts(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = [None if value is None else str(value) for value in values.tolist()]
    return out
