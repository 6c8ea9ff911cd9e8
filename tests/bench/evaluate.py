"""Pairwise precision, recall and F1 of a linkage against the truth, vectorised.

Three ways in, all without O(n²) Python loops:

- :func:`score_pairs`: predicted pairs against true pairs (both as two id arrays);
- :func:`score_pairs_against_clusters`: predicted pairs against truth cluster labels;
- :func:`score_clusters`: predicted cluster labels against truth cluster labels (the pairs a
  clustering implies, counted through the contingency table, never enumerated);
- :func:`restricted`: a clustering's score with recall over chosen true pairs only (those a
  person could decide from what the records hold).

Pairs are unordered and de-duplicated; a pair of a record with itself is ignored.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def harmonic_mean(precision: float, recall: float) -> float:
    """F1: the harmonic mean of precision and recall (0 when both are)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class PairScore:
    true_pairs: int
    predicted_pairs: int
    true_positives: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted_pairs if self.predicted_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.true_pairs if self.true_pairs else 0.0

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


def _pair_codes(left: npt.NDArray[np.int64], right: npt.NDArray[np.int64], n: int) -> np.ndarray:
    """One int64 per unordered pair (self-pairs dropped), unique."""
    lo, hi = np.minimum(left, right), np.maximum(left, right)
    keep = lo != hi
    return np.unique(lo[keep] * np.int64(n) + hi[keep])


def score_pairs(
    left: Iterable[Hashable],
    right: Iterable[Hashable],
    true_left: Iterable[Hashable],
    true_right: Iterable[Hashable],
) -> PairScore:
    """Score predicted pairs (left[i], right[i]) against true pairs."""
    pred_l, pred_r = np.asarray(list(left), dtype=object), np.asarray(list(right), dtype=object)
    true_l = np.asarray(list(true_left), dtype=object)
    true_r = np.asarray(list(true_right), dtype=object)
    codes, uniques = pd.factorize(np.concatenate([pred_l, pred_r, true_l, true_r]))
    codes = codes.astype(np.int64)
    n, k, m = len(uniques), len(pred_l), len(true_l)
    predicted = _pair_codes(codes[:k], codes[k : 2 * k], n)
    truth = _pair_codes(codes[2 * k : 2 * k + m], codes[2 * k + m :], n)
    hits = np.intersect1d(predicted, truth, assume_unique=True)
    return PairScore(len(truth), len(predicted), len(hits))


def _as_series(labels: Mapping[Hashable, Hashable] | pd.Series) -> pd.Series:
    return labels if isinstance(labels, pd.Series) else pd.Series(dict(labels), dtype=object)


def _pairs_within(labels: pd.Series) -> int:
    sizes = labels.value_counts().to_numpy(dtype=np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def score_pairs_against_clusters(
    left: Iterable[Hashable],
    right: Iterable[Hashable],
    truth: Mapping[Hashable, Hashable] | pd.Series,
) -> PairScore:
    """Score predicted pairs against truth cluster labels (record id -> entity id).

    Ids missing from ``truth`` count as singletons, so a pair touching one is a false positive.
    """
    labels = _as_series(truth)
    frame = pd.DataFrame({"l": list(left), "r": list(right)}, dtype=object)
    swap = frame["l"].astype(str) > frame["r"].astype(str)
    frame.loc[swap, ["l", "r"]] = frame.loc[swap, ["r", "l"]].to_numpy()
    frame = frame[frame["l"] != frame["r"]].drop_duplicates()
    same = frame["l"].map(labels).to_numpy() == frame["r"].map(labels).to_numpy()
    hits = int(np.sum(same & frame["l"].map(labels).notna().to_numpy()))
    return PairScore(_pairs_within(labels), len(frame), hits)


def score_clusters(
    predicted: Mapping[Hashable, Hashable] | pd.Series,
    truth: Mapping[Hashable, Hashable] | pd.Series,
) -> PairScore:
    """Score a clustering by the pairs it implies, against truth cluster labels.

    Records in ``truth`` but not in ``predicted`` are treated as predicted singletons.
    """
    truth_labels = _as_series(truth)
    pred_codes, _ = pd.factorize(_as_series(predicted).reindex(truth_labels.index))
    singles = pred_codes < 0
    pred_codes[singles] = pred_codes.max(initial=-1) + 1 + np.arange(int(singles.sum()))
    truth_codes, _ = pd.factorize(truth_labels)
    joint = pd.DataFrame({"p": pred_codes, "t": truth_codes})
    both = joint.groupby(["p", "t"], sort=False).size().to_numpy(dtype=np.int64)
    hits = int((both * (both - 1) // 2).sum())
    return PairScore(_pairs_within(truth_labels), _pairs_within(pd.Series(pred_codes)), hits)


def clusters_from_pairs(
    ids: Iterable[Hashable], left: Iterable[Hashable], right: Iterable[Hashable]
) -> pd.Series:
    """Connected components of the pair graph over ``ids``: record id -> component number."""
    index = pd.Index(list(ids))
    lcodes = index.get_indexer(list(left))
    rcodes = index.get_indexer(list(right))
    keep = (lcodes >= 0) & (rcodes >= 0)
    n = len(index)
    graph = coo_matrix((np.ones(int(keep.sum())), (lcodes[keep], rcodes[keep])), shape=(n, n))
    _, components = connected_components(graph, directed=False)
    return pd.Series(components, index=index)


def true_pairs(truth: Mapping[Hashable, Hashable] | pd.Series) -> list[tuple[Hashable, Hashable]]:
    """Every unordered pair of records the truth puts in one entity."""
    members: dict[Hashable, list[Hashable]] = {}
    for record, entity in _as_series(truth).items():
        members.setdefault(entity, []).append(record)
    return [
        (ids[i], ids[j]) for ids in members.values() for i in range(len(ids))
        for j in range(i + 1, len(ids))
    ]  # fmt: skip


@dataclass(frozen=True)
class RestrictedScore:
    """A clustering's precision (over all its pairs) with recall over chosen true pairs."""

    precision: float
    true_pairs: int  # the chosen ones
    found: int  # of them, in one predicted cluster

    @property
    def recall(self) -> float:
        return self.found / self.true_pairs if self.true_pairs else 0.0

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


def restricted(
    score: PairScore,
    predicted: Mapping[Hashable, Hashable] | pd.Series,
    chosen: Iterable[tuple[Hashable, Hashable]],
) -> RestrictedScore:
    """``score`` (of the clustering ``predicted``) with its recall taken over the ``chosen``
    true pairs only: how many of them ``predicted`` puts in one cluster. Precision stays that
    of every predicted pair (a wrong link is wrong whatever the records hold)."""
    labels = _as_series(predicted)
    pairs = list(chosen)
    left = labels.reindex([a for a, _ in pairs]).to_numpy()
    right = labels.reindex([b for _, b in pairs]).to_numpy()
    found = int(np.sum((left == right) & pd.notna(left)))
    return RestrictedScore(score.precision, len(pairs), found)
