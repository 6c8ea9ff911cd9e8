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
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.em import PRIOR_FLOOR, distinct_patterns, log_likelihoods

PRIOR_MATCHES = 10.0
"""m of "one source" starts from this many matches spread as all pairs are (m = u, weight 0):
the weight a batch shows moves from 0 as its matches outnumber them."""


@dataclass(frozen=True)
class SourcePairs:
    """m and u of "both records come from one source" (the other level: two sources)."""

    m_same: float
    u_same: float

    def weights(self) -> tuple[float, float]:
        """(weight of two records of one source, weight of two records of two sources)."""
        return (
            math.log2(self.m_same / self.u_same),
            math.log2((1.0 - self.m_same) / (1.0 - self.u_same)),
        )

    def weight_of(self, same: np.ndarray) -> np.ndarray:
        one, two = self.weights()
        return np.where(same, one, two)

    def to_dict(self) -> dict[str, float]:
        return {"m_same": self.m_same, "u_same": self.u_same}


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
