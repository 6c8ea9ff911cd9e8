"""Whether two records come from one source, as evidence: most systems hold a person or a
customer once, so two records of one system are far less often one entity than two records of
two systems. Fellegi-Sunter takes it as one more comparison with two levels, same source or
not: u is the share of all pairs that lie within one source (counted, not estimated), m the
share of the matches that do, fitted by EM with the prior while every other m and u is held.
A batch of one source, or a link across sources only, has no such comparison. A record of no
source (an empty one: a "does this exist?" probe) weighs 0 on it against any other.

m is read from the matches among the pairs holding evidence a steward could link on
(``Comparison.evidence_levels``), where the entity names such evidence. How often a system
holds an entity twice does not depend on how complete its records are, but a pair agreeing on
names and nothing else is a match by the name's frequency alone: two namesakes in one HR
system counted as half a match each, and where most records hold little beside their names
those halves outnumbered the true duplicates, weakening the weight against two records of one
source (the sparsity matrix's resources with 60% of the fields dropped: -1.2 bits, against
-3.0 counted from the truth and estimated from the complete records; -2.3 read from the pairs
holding evidence).

Each pair of sources also has its own prior beside the batch's across two sources
(``SourcePairShare``): between a firm's HR system and its PSA almost every person is in both,
between two firms' HR systems (an acquisition) only those who moved, so two records agreeing
on names and nothing else across the two firms are namesakes far more often. The prior of a
pair of sources is read from the name-agreeing candidate pairs across them that hold a field a
steward could link on (``matching.source_pairs_fit``): the share of them likely one entity,
against the same share across every pair of sources, as odds (``log2`` of their ratio, added
to the weight of two sources). Whether a pair holds such a field depends on which fields the
two sources fill, not on whether it is a match, so a source holding less does not read as one
whose people are elsewhere. Each share is drawn towards the batch's by ``PSEUDO_READ`` pairs: a
pair of sources with little to read weighs as the batch does, and a pair of sources training
never saw, or a model stored before them, weighs 0 beside the weight of two sources.
Each source has its own prior within it too, beside the batch's within one source, read the
same way from the name-agreeing readable pairs within it (keyed by the source twice): how often
a system holds an entity twice is the system's own, and one weight for all lent a system that
holds each person once the duplicates of one that holds people on several records. Weighed
alike, twins of one household in pseudopeople's census (one last name, one birth date, two
first names) were linked at 0.9-0.97, as two records of the SSA file are (make bench, section
external_sparse, pseudopeople: abbreviations 30% F1 0.9763 -> 0.9771, drop 60% 0.9395 ->
0.9401; the other cells and sets within 0.001 of what they were).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from matching.em import PRIOR_FLOOR, distinct_patterns, log_likelihoods

PSEUDO_READ = 20.0
"""A pair of sources' share of likely matches counts this many more pairs, at the batch's share."""

PRIOR_MATCHES = 10.0
"""m of "one source" starts from this many matches spread as all pairs are (m = u, weight 0):
the weight a batch shows moves from 0 as its matches outnumber them."""


@dataclass(frozen=True)
class SourcePairShare:
    """The share likely one entity among the readable name-agreeing candidate pairs across two
    sources, or within one (``sources``: their names, sorted; one name twice), drawn towards
    the batch's."""

    sources: tuple[str, str]
    share: float


def _log_odds(share: float) -> float:
    return math.log2(share / (1.0 - share))


@dataclass(frozen=True)
class SourcePairs:
    """m and u of "both records come from one source" (the other level: two sources), and the
    prior of each pair of sources beside the batch's (``by_sources``, against ``cross_share``,
    and each source's within it, against ``same_share``; a model stored before them has none
    and weighs every two sources alike)."""

    m_same: float
    u_same: float
    cross_share: float = 0.5
    by_sources: tuple[SourcePairShare, ...] = ()
    same_share: float = 0.5
    """The batch's share likely one entity among the readable name-agreeing pairs within one
    source, against which a source's own (``by_sources``, keyed by the source twice) weighs;
    a model stored before it weighs every source alike."""

    def pair_weight(self, left: str, right: str) -> float:
        """The weight of two records of the sources ``left`` and ``right`` beside the weight
        of two sources (of one source, where ``left`` is ``right``): 0 for a pair of sources
        training did not read."""
        key = (left, right) if left <= right else (right, left)
        for pair in self.by_sources:
            if pair.sources == key:
                batch = self.same_share if left == right else self.cross_share
                return _log_odds(pair.share) - _log_odds(batch)
        return 0.0

    def pair_weights(self, lefts: np.ndarray, rights: np.ndarray) -> np.ndarray:
        """Per pair of records (their sources): ``pair_weight``, found once per pair of
        sources the pairs hold."""
        weight = np.zeros(len(lefts))
        if not self.by_sources or not len(lefts):
            return weight
        codes, names = pd.factorize(np.concatenate([lefts, rights]), use_na_sentinel=False)
        left, right = codes[: len(lefts)], codes[len(lefts) :]
        held, at = np.unique(left * len(names) + right, return_inverse=True)
        found = [self.pair_weight(str(names[c // len(names)]), str(names[c % len(names)]))
                 for c in held.tolist()]  # fmt: skip
        return np.asarray(found)[at.ravel()]

    def weights(self) -> tuple[float, float]:
        """(weight of two records of one source, weight of two records of two sources)."""
        return (
            math.log2(self.m_same / self.u_same),
            math.log2((1.0 - self.m_same) / (1.0 - self.u_same)),
        )

    def weight_of(self, same: np.ndarray) -> np.ndarray:
        one, two = self.weights()
        return np.where(same, one, two)

    def to_dict(self) -> dict[str, object]:
        by_sources = [[*pair.sources, pair.share] for pair in self.by_sources]
        shares = (
            {
                "cross_share": self.cross_share,
                "by_sources": by_sources,
                "same_share": self.same_share,
            }
            if by_sources
            else {}
        )
        return {"m_same": self.m_same, "u_same": self.u_same, **shares}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SourcePairs:
        by_sources = data.get("by_sources", [])
        assert isinstance(by_sources, list)
        return cls(
            float(str(data["m_same"])), float(str(data["u_same"])),
            float(str(data.get("cross_share", 0.5))),
            tuple(SourcePairShare((str(a), str(b)), float(share)) for a, b, share in by_sources),
            float(str(data.get("same_share", 0.5))),
        )  # fmt: skip


def count_shares(
    likely: np.ndarray, keys: Sequence[tuple[str, str]]
) -> tuple[float, tuple[SourcePairShare, ...]]:
    """The batch's share likely one entity (``likely``: per readable pair across two sources,
    whether it is) and each pair of sources' (``keys``: the pair's sources, sorted), drawn
    towards the batch's by ``PSEUDO_READ``; (0.5, ()) where the batch reads fewer than two
    pairs of sources, or every pair, or none, is likely one entity."""
    share = float(likely.mean()) if len(likely) else 0.0
    at = np.array(keys, dtype=str).reshape(-1, 2)
    found = sorted(set(keys))
    if not 0.0 < share < 1.0 or len(found) < 2:
        return 0.5, ()
    shares = []
    for key in found:
        ours = likely[(at == key).all(axis=1)]
        counted = (float(ours.sum()) + PSEUDO_READ * share) / (len(ours) + PSEUDO_READ)
        shares.append(SourcePairShare(key, counted))
    return share, tuple(shares)


def same_source_share(sources: np.ndarray) -> float | None:
    """The share of all pairs of the batch whose records come from one source; None when
    every record comes from one source, or each source holds one record (no pair lies within
    a source, or every pair does: the comparison says nothing then)."""
    _, sizes = np.unique(sources.astype(str), return_counts=True)
    n = int(sizes.sum())
    if len(sizes) < 2 or n < 2:
        return None
    within = float((sizes.astype(np.float64) * (sizes - 1)).sum())
    return within / (float(n) * (n - 1)) if within else None


def fit_source_pairs(
    levels: np.ndarray,
    m: Sequence[np.ndarray],
    u: Sequence[np.ndarray],
    same: np.ndarray,
    u_same: float,
    prior: float,
    *,
    unscored: float,
    evidence: np.ndarray | None = None,
    max_iterations: int = 500,
    tolerance: float = 1e-9,
) -> tuple[float, SourcePairs]:
    """The prior and m of "one source", by EM over the scored pairs (``levels``, ``same``: per
    pair, whether its records share a source) with ``m`` and ``u`` held; the ``unscored``
    pairs blocking did not propose count as non-matches, as in ``em.estimate_prior``.
    ``evidence``: per pair, whether it holds evidence a steward could link on
    (``scoring.holds_evidence``): m of "one source" is the share of their matches that lie
    within one source (None: of every pair's)."""
    held = np.ones(len(levels), dtype=bool) if evidence is None else np.asarray(evidence, bool)
    key = np.column_stack([levels, same.astype(levels.dtype), held.astype(levels.dtype)])
    patterns, counts = distinct_patterns(key)
    log_m, log_u = log_likelihoods(patterns[:, :-2], m, u)
    ratio, one, read = log_m - log_u, patterns[:, -2] == 1, patterns[:, -1] == 1
    total = counts.sum() + unscored
    m_same = u_same
    for _ in range(max_iterations):
        source = np.where(one, math.log(m_same / u_same), math.log((1 - m_same) / (1 - u_same)))
        odds = math.log(prior) - math.log1p(-prior) + ratio + source
        matches = counts / (1.0 + np.exp(-odds))
        updated_prior = min(max(float(matches.sum() / total), PRIOR_FLOOR), 0.5)
        # PRIOR_MATCHES matches as many pairs lie within one source: a batch whose sources hold
        # no duplicates yet does not forbid one later
        updated_m = (float(matches[one & read].sum()) + PRIOR_MATCHES * u_same) / (
            float(matches[read].sum()) + PRIOR_MATCHES
        )
        done = abs(updated_prior - prior) <= tolerance * prior and abs(updated_m - m_same) <= 1e-7
        prior, m_same = updated_prior, updated_m
        if done:
            break
    return prior, SourcePairs(m_same=m_same, u_same=u_same)
