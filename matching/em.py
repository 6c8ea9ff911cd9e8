"""Expectation-maximisation for the Fellegi-Sunter model (pure numpy).

The level matrix is compressed to its distinct rows (patterns) with counts, so each iteration
costs O(patterns x comparisons) whatever the number of pairs. ``u`` is held fixed (estimated
from random pairs); ``m`` and the prior are re-estimated. Null levels carry no evidence: their
m and u are 1 in the likelihood.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

PROBABILITY_FLOOR = 1e-6
PRIOR_FLOOR = 1e-12
PRIOR_START = 0.05
"""The share of matches among the pairs EM starts from, when nothing better is known."""


@dataclass(frozen=True)
class EmResult:
    m: tuple[np.ndarray, ...]
    prior: float
    iterations: int
    log_likelihood: float


def _log_table(probabilities: np.ndarray) -> np.ndarray:
    table = np.log(np.clip(probabilities, PROBABILITY_FLOOR, 1.0))
    table[0] = 0.0  # the Null level
    return table


def log_likelihoods(
    patterns: np.ndarray, m: Sequence[np.ndarray], u: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    log_m = np.zeros(len(patterns))
    log_u = np.zeros(len(patterns))
    for column in range(patterns.shape[1]):
        log_m += _log_table(m[column])[patterns[:, column]]
        log_u += _log_table(u[column])[patterns[:, column]]
    return log_m, log_u


def _maximise(
    patterns: np.ndarray, weights: np.ndarray, sizes: Sequence[int]
) -> tuple[np.ndarray, ...]:
    tables = []
    for column, size in enumerate(sizes):
        mass = np.bincount(patterns[:, column], weights=weights, minlength=size).astype(float)
        mass[0] = 0.0
        total = mass.sum()
        table = mass / total if total > 0 else np.full(size, 1.0 / max(size - 1, 1))
        table = np.clip(table, PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR)
        table[0] = 1.0
        table[1:] /= table[1:].sum()
        tables.append(table)
    return tuple(tables)


def distinct_patterns(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a level matrix and how often each occurs (rows coded as one int)."""
    if levels.shape[0] == 0:
        return levels.astype(np.int64), np.zeros(0)
    sizes = levels.max(axis=0).astype(np.int64) + 1
    radix = np.cumprod(np.r_[1, sizes[:-1]])
    codes = levels.astype(np.int64) @ radix
    _, first, counts = np.unique(codes, return_index=True, return_counts=True)
    return levels[first].astype(np.int64), counts.astype(float)


def expectation_maximisation(
    levels: np.ndarray,
    u: Sequence[np.ndarray],
    m_start: Sequence[np.ndarray],
    prior_start: float,
    *,
    max_iterations: int = 200,
    tolerance: float = 1e-7,
    fixed: Sequence[np.ndarray | None] = (),
) -> EmResult:
    """Estimate m and the prior (share of matches among the pairs) from unlabelled levels.

    ``fixed`` (one entry per comparison, or empty): m tables held as given, not re-estimated.
    """
    patterns, counts = distinct_patterns(levels)
    sizes = [len(table) for table in u]
    m = _held(tuple(np.asarray(table, dtype=float) for table in m_start), fixed)
    prior = float(prior_start)
    previous = -np.inf
    log_likelihood = previous
    iteration = 0
    for iteration in range(1, max_iterations + 1):  # noqa: B007
        log_m, log_u = log_likelihoods(patterns, m, u)
        log_a = np.log(prior) + log_m
        log_b = np.log1p(-prior) + log_u
        log_total = np.logaddexp(log_a, log_b)
        log_likelihood = float((counts * log_total).sum())
        responsibility = np.exp(log_a - log_total) * counts
        prior = float(
            np.clip(responsibility.sum() / counts.sum(), PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR)
        )
        m = _held(_maximise(patterns, responsibility, sizes), fixed)
        if abs(log_likelihood - previous) <= tolerance * max(abs(log_likelihood), 1.0):
            break
        previous = log_likelihood
    return EmResult(m, prior, iteration, log_likelihood)


def _held(m: tuple[np.ndarray, ...], fixed: Sequence[np.ndarray | None]) -> tuple[np.ndarray, ...]:
    if not fixed:
        return m
    return tuple(table if held is None else held for table, held in zip(m, fixed, strict=True))


def starting_m(sizes: Sequence[int]) -> tuple[np.ndarray, ...]:
    """A neutral start: agreement levels likely among matches, the Else level unlikely."""
    tables = []
    for size in sizes:
        table = np.ones(size)
        agreements = size - 2  # levels between Null and Else
        if agreements > 0:
            table[1:-1] = 0.9 * (0.5 ** np.arange(agreements)) / (2 - 0.5 ** (agreements - 1))
        table[-1] = 0.05
        table[1:] /= table[1:].sum()
        tables.append(table)
    return tuple(tables)


def estimate_prior(
    levels: np.ndarray,
    m: Sequence[np.ndarray],
    u: Sequence[np.ndarray],
    prior_start: float,
    *,
    unscored: float = 0.0,
    max_iterations: int = 1000,
    tolerance: float = 1e-9,
) -> float:
    """The share of matches among the pairs, with m and u held fixed (EM on the prior only).

    ``unscored``: pairs left out of ``levels`` as certain non-matches (the pairs blocking did
    not propose), so the prior is the share among all of them: the chance that two random
    records match, the prior that u from random pairs calls for.
    """
    patterns, counts = distinct_patterns(levels)
    log_m, log_u = log_likelihoods(patterns, m, u)
    ratio = log_m - log_u
    total = counts.sum() + unscored
    if total <= 0:
        return float(prior_start)
    prior = float(prior_start)
    for _ in range(max_iterations):
        odds = np.log(prior) - np.log1p(-prior) + ratio
        updated = float((counts / (1.0 + np.exp(-odds))).sum() / total)
        updated = min(max(updated, PRIOR_FLOOR), 1.0 - PROBABILITY_FLOOR)
        if abs(updated - prior) <= tolerance * max(prior, PRIOR_FLOOR):
            return updated
        prior = updated
    return prior


def with_unseen(m: np.ndarray, matches: float) -> np.ndarray:
    """m of one comparison as EM found it among ``matches`` matches (those holding its
    values), each level after Null given half an observation more, as u gives a level no
    sampled pair showed (``matching.u_estimation``): a level a few matches never showed (a
    street written with its cross streets, among thirty pairs sharing a phone) is rare among
    matches, not impossible, and its u says how much agreeing on it weighs. Among thousands of
    matches the half observation changes nothing."""
    out = np.asarray(m, dtype=float).copy()
    out[1:] = (out[1:] * matches + 0.5) / (matches + 0.5 * (len(out) - 1))
    out[0] = 1.0
    return out
