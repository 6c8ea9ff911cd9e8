from __future__ import annotations

import numpy as np

from matching.em import estimate_prior, expectation_maximisation, starting_m


def _simulate(
    n: int, prior: float, m: list[np.ndarray], u: list[np.ndarray], seed: int = 1
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    is_match = rng.random(n) < prior
    levels = np.zeros((n, len(m)), dtype=np.int8)
    for column, (mc, uc) in enumerate(zip(m, u, strict=True)):
        levels[is_match, column] = rng.choice(len(mc), size=is_match.sum(), p=mc)
        levels[~is_match, column] = rng.choice(len(uc), size=(~is_match).sum(), p=uc)
    return levels


def test_em_recovers_m_and_the_prior_from_simulated_pairs() -> None:
    m = [
        np.array([0.0, 0.85, 0.1, 0.05]),
        np.array([0.0, 0.9, 0.1]),
        np.array([0.0, 0.8, 0.15, 0.05]),
    ]
    u = [
        np.array([0.0, 0.01, 0.04, 0.95]),
        np.array([0.0, 0.05, 0.95]),
        np.array([0.0, 0.02, 0.08, 0.9]),
    ]
    levels = _simulate(200_000, 0.1, m, u)
    u_tables = [np.r_[1.0, table[1:]] for table in u]
    result = expectation_maximisation(levels, u_tables, starting_m([4, 3, 4]), 0.3)
    assert abs(result.prior - 0.1) < 0.01
    for estimated, true in zip(result.m, m, strict=True):
        np.testing.assert_allclose(estimated[1:], true[1:], atol=0.02)
    prior = estimate_prior(levels, result.m, u_tables, 0.5)
    assert abs(prior - 0.1) < 0.01


def test_null_levels_carry_no_evidence() -> None:
    levels = np.array([[0, 1], [0, 2], [1, 1], [2, 2]] * 50, dtype=np.int8)
    u = [np.array([1.0, 0.1, 0.9]), np.array([1.0, 0.1, 0.9])]
    result = expectation_maximisation(levels, u, starting_m([3, 3]), 0.2)
    for table in result.m:
        assert table[0] == 1.0
        assert abs(table[1:].sum() - 1.0) < 1e-9


def test_the_prior_counts_the_pairs_blocking_left_out_as_non_matches() -> None:
    """The same matches, found among ten times as many pairs: a tenth of the prior."""
    m = [np.array([1.0, 0.95, 0.05]), np.array([1.0, 0.9, 0.1])]
    u = [np.array([1.0, 0.0001, 0.9999]), np.array([1.0, 0.0002, 0.9998])]
    simulated = [np.r_[0.0, table[1:]] for table in m], [np.r_[0.0, table[1:]] for table in u]
    levels = _simulate(100_000, 0.1, *simulated)
    among_scored = estimate_prior(levels, m, u, 0.5)
    among_all = estimate_prior(levels, m, u, 0.5, unscored=900_000)
    assert abs(among_scored - 0.1) < 0.01
    assert abs(among_all * 10 - among_scored) < 0.005  # a few matches turn doubtful
