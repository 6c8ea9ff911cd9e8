"""Baseline peer on FEBRL: recordlinkage's OR-ed blocking, Compare features and ECM.

The unsupervised ECM classifier needs binary features, so string similarities are thresholded
in ``Compare`` (Jaro-Winkler ≥ 0.85 on names and address, Levenshtein ≥ 0.85 on the number-like
fields); the rest are exact comparisons.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd

from tests.bench.febrl_data import FebrlTask

BLOCKS: tuple[tuple[str, ...], ...] = (
    ("given_name",),
    ("surname",),
    ("date_of_birth",),
    ("postcode",),
    ("soc_sec_id",),
)


@dataclass(frozen=True)
class BaselineOutcome:
    predicted: pd.MultiIndex
    candidates: pd.MultiIndex
    seconds: float


def _compare() -> object:
    import recordlinkage as rl

    compare = rl.Compare(n_jobs=1)
    for field in ("given_name", "surname", "address_1", "suburb"):
        compare.string(field, field, method="jarowinkler", threshold=0.85, label=field)
    for field in ("date_of_birth", "soc_sec_id"):
        compare.string(field, field, method="levenshtein", threshold=0.85, label=field)
    for field in ("street_number", "postcode", "state"):
        compare.exact(field, field, label=field)
    return compare


def _index(blocks: tuple[tuple[str, ...], ...]) -> object:
    import recordlinkage as rl

    indexer = rl.Index()
    for block in blocks:
        indexer.block(list(block))
    return indexer


def run_recordlinkage(task: FebrlTask) -> BaselineOutcome:
    """Block, compare and classify; the wall time covers all three steps."""
    import recordlinkage as rl

    started = time.perf_counter()
    candidates = _index(BLOCKS).index(*task.frames)  # type: ignore[attr-defined]
    features = _compare().compute(candidates, *task.frames)  # type: ignore[attr-defined]
    classifier = rl.ECMClassifier(binarize=None)
    predicted = classifier.fit_predict(features)
    seconds = time.perf_counter() - started
    return BaselineOutcome(predicted=predicted, candidates=candidates, seconds=seconds)
