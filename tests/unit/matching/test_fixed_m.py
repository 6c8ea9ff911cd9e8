"""Comparisons with a fixed m: validated, held by EM, kept by training."""

from __future__ import annotations

import numpy as np
import pytest

from matching.comparison import Comparison
from matching.em import expectation_maximisation, starting_m
from matching.engine import Matcher
from matching.levels import Else, Exact, Null
from matching.presets.rate_card import rate_card_settings


def test_fixed_m_needs_one_positive_m_per_level_summing_to_one() -> None:
    levels = (Null(), Exact(), Else())
    assert Comparison("c", "f", levels, fixed_m=(0.9, 0.1)).fixed_m_table() is not None
    for wrong in ((1.0,), (0.9, 0.2), (1.0, 0.0)):
        with pytest.raises(ValueError, match="fixed_m"):
            Comparison("c", "f", levels, fixed_m=wrong)
    assert Comparison("c", "f", levels).fixed_m_table() is None


def test_em_holds_fixed_tables_and_fits_the_others() -> None:
    rng = np.random.default_rng(3)
    n, prior = 50_000, 0.2
    is_match = rng.random(n) < prior
    levels = np.ones((n, 2), dtype=np.int8)
    levels[~is_match & (rng.random(n) < 0.9), 0] = 2
    levels[~is_match & (rng.random(n) < 0.8), 1] = 2
    levels[is_match & (rng.random(n) < 0.1), 1] = 2
    u = [np.array([1.0, 0.1, 0.9]), np.array([1.0, 0.2, 0.8])]
    held = np.array([1.0, 0.99, 0.01])
    result = expectation_maximisation(levels, u, starting_m([3, 3]), 0.5, fixed=[held, None])
    np.testing.assert_array_equal(result.m[0], held)
    np.testing.assert_allclose(result.m[1][1:], [0.9, 0.1], atol=0.03)
    assert abs(result.prior - prior) < 0.02


def test_training_keeps_the_fixed_m_and_fits_the_prior() -> None:
    lines = [
        {
            "id": f"{side}{i}",
            "role": ("Analyst", "Consultant", "Manager")[i % 3],
            "level": str(i % 3 + 1),
            "currency": ("EUR", "USD")[i % 2],
            "rate": str(100 + 10 * i),
            "effective_from": f"{2020 + i % 5}-01-01",
            "customer_ref": f"G{i % 7}",
        }
        for side in ("a", "b")
        for i in range(40)
    ]
    settings = rate_card_settings()
    model = Matcher(settings).train(Matcher(settings).prepare(lines))
    for comparison, params in zip(settings.comparisons, model.comparisons, strict=True):
        held = comparison.fixed_m_table().copy()  # type: ignore[union-attr]
        neutral = [comparison.labels.index(label) for label in comparison.neutral_levels]
        held[neutral] = params.u()[neutral]  # a neutral level weighs 0 whatever m is given
        np.testing.assert_allclose(params.m(), held)
    assert 0.0 < model.prior < 1.0
