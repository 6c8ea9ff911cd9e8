"""Evaluating a comparison's levels: narrowing a large view to its undecided pairs, or not
narrowing a small one, gives every pair the same level; what a comparison's levels give is
worked out once and cannot be changed through what it hands out."""

from __future__ import annotations

import dataclasses
from functools import cache

import numpy as np
import pytest

import matching.comparison as comparison_module
from matching import Matcher
from matching.comparison import Comparison, level_matrix
from matching.feature import Prepared
from matching.pair_view import PairView
from matching.presets.customer import customer_settings
from tests.unit.matching.test_blocks import customers

SETTINGS = customer_settings()


@cache
def _candidates() -> tuple[Prepared, np.ndarray]:
    """Generated customers (with the generator's near-copies) and their candidate pairs."""
    matcher = Matcher(SETTINGS)
    batch = matcher.prepare(customers(300))
    return batch, matcher.candidate_pairs(batch)


def _view(pairs: int, seed: int) -> tuple[PairView, list[Comparison]]:
    """``pairs`` pairs: candidate pairs (agreements at many levels) and random ones."""
    batch, candidates = _candidates()
    rng = np.random.default_rng(seed)
    chosen = candidates[rng.integers(0, len(candidates), pairs)]
    random = rng.random(pairs) < 0.3
    chosen[random] = rng.integers(0, len(batch), (int(random.sum()), 2))
    return PairView(batch, batch, chosen[:, 0], chosen[:, 1]), list(SETTINGS.comparisons)


@pytest.mark.parametrize("pairs", [7, 20, 300, 2_000])
def test_narrowing_the_view_or_not_gives_every_pair_the_same_level(
    pairs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, comparisons = _view(pairs, seed=pairs)
    levels = {}
    for narrow_from in (0, comparison_module.NARROW_FROM, 10**9):  # always, as set, never
        monkeypatch.setattr(comparison_module, "NARROW_FROM", narrow_from)
        batch = _candidates()[0]
        fresh = PairView(batch, batch, view.left_idx, view.right_idx)
        levels[narrow_from] = level_matrix(comparisons, fresh)
    always, as_set, never = levels.values()
    assert (always == never).all() and (as_set == never).all()
    # the pairs reach levels between Null and Else in most comparisons
    reached = [len(np.unique(never[:, column])) for column in range(len(comparisons))]
    assert sum(count > 2 for count in reached) >= len(comparisons) // 2


def test_what_the_levels_give_is_worked_out_once_and_read_only() -> None:
    for comparison in SETTINGS.comparisons:
        review, evidence = comparison.review_mask(), comparison.evidence_mask()
        assert review is comparison.review_mask() and evidence is comparison.evidence_mask()
        assert review.tolist() == [lv.label in comparison.review_levels for lv in comparison.levels]
        assert evidence.tolist() == [
            lv.label in comparison.evidence_levels for lv in comparison.levels
        ]
        with pytest.raises(ValueError):
            review[0] = True
        handed = comparison.agreement_levels()
        handed.append(99)  # a caller's list: the comparison's own is not changed
        assert 99 not in comparison.agreement_levels()
        tf = comparison.tf_level()
        assert tf is None or comparison.levels[tf].uses_term_frequency()


def test_a_comparison_made_from_another_works_out_its_own() -> None:
    name = next(c for c in SETTINGS.comparisons if c.tf_level() is not None)
    assert name.tf_level() is not None
    plain = dataclasses.replace(
        name, levels=tuple(dataclasses.replace(lv, term_frequency=False)
                           if hasattr(lv, "term_frequency") else lv for lv in name.levels),
    )  # fmt: skip
    assert plain.tf_level() is None
    assert plain.labels == name.labels
