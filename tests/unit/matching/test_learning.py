"""Learning from stewards: labelled pairs re-estimate m and the thresholds of a model."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.engine import Matcher
from matching.feature import Prepared
from matching.learning import learn, learn_thresholds, wilson_bounds
from matching.m_constraints import ordered_agreements
from matching.model import ModelParameters
from matching.pair_level_weights import order_weights
from matching.presets import settings_for
from matching.thresholds import Thresholds
from tests.unit.matching.helpers import names_and_dates

CONFIGURED = Thresholds()


@cache
def _trained() -> tuple[Matcher, Prepared, np.ndarray]:
    """A resource matcher trained on people known by names and a date, the batch, and its
    candidate pairs."""
    matcher = Matcher(settings_for("resource"))
    batch = matcher.prepare(names_and_dates())
    pairs = matcher.candidate_pairs(batch)
    matcher.train(batch, pairs)
    return matcher, batch, pairs


def _at(level: str, comparison: str = "hire_date") -> np.ndarray:
    """Candidate pairs at one level of a comparison."""
    matcher, batch, pairs = _trained()
    column = [c.name for c in matcher.settings.comparisons].index(comparison)
    labels = matcher.settings.comparisons[column].labels
    return pairs[matcher.levels(batch, pairs)[:, column] == labels.index(level)]


def _level(model: ModelParameters, comparison: str, level: str) -> float:
    return next(lv.weight for lv in model.comparison(comparison).levels if lv.label == level)


def test_no_labels_change_nothing() -> None:
    matcher, batch, _ = _trained()
    assert matcher.model is not None
    learnt = matcher.learn(batch, np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=bool))
    assert all(abs(c.new_weight - c.old_weight) < 1e-9 for c in learnt.changes)
    assert learnt.new_thresholds == matcher.settings.thresholds
    assert learnt.changed() == ()


def test_a_pooled_run_no_labelled_pair_is_at_stays_pooled() -> None:
    """Learning scales the m of the levels no labelled pair is at alike: a run the order read
    as one keeps its one ratio, and stays recorded, though the order, finding nothing to pool
    in it, would not record it again."""
    matcher, batch, _ = _trained()
    assert matcher.model is not None
    labels = next(c for c in matcher.settings.comparisons if c.name == "hire_date").labels
    run = tuple(range(labels.index("year_slip"), labels.index("within_a_month") + 1))
    params = replace(matcher.model.comparison("hire_date"), pooled=(run,))
    comparisons = tuple(params if c.name == "hire_date" else c for c in matcher.model.comparisons)
    pairs = _at("month_or_day_slip")
    learnt = learn(
        matcher.settings, replace(matcher.model, comparisons=comparisons), batch, pairs,
        np.ones(len(pairs), dtype=bool),
    )  # fmt: skip
    assert any(set(run) <= set(kept) for kept in learnt.model.comparison("hire_date").pooled)


def test_merges_move_m_towards_their_levels_and_not_a_match_away() -> None:
    """Pairs a day apart in the date (a slip in the day) that stewards merged weigh more after
    learning; the same pairs said to be no match weigh less. u does not move."""
    matcher, batch, _ = _trained()
    assert matcher.model is not None
    pairs = _at("month_or_day_slip")
    merged = matcher.learn(batch, pairs, np.ones(len(pairs), dtype=bool))
    apart = matcher.learn(batch, pairs, np.zeros(len(pairs), dtype=bool))
    slip = [lv.label for lv in matcher.model.comparison("hire_date").levels].index(
        "month_or_day_slip"
    )
    old = matcher.model.comparison("hire_date").levels[slip]
    assert merged.model.comparison("hire_date").levels[slip].m > old.m
    assert apart.model.comparison("hire_date").levels[slip].m < old.m
    assert _level(merged.model, "hire_date", "month_or_day_slip") > old.weight
    assert _level(apart.model, "hire_date", "month_or_day_slip") < old.weight
    for learnt in (merged, apart):
        assert learnt.model.comparison("hire_date").u().tolist() == (
            matcher.model.comparison("hire_date").u().tolist()
        )


def test_the_change_of_every_level_is_reported_with_its_labelled_pairs() -> None:
    matcher, batch, _ = _trained()
    pairs = _at("month_or_day_slip")
    is_match = np.arange(len(pairs)) % 4 != 0
    learnt = matcher.learn(batch, pairs, is_match)
    assert (learnt.matches, learnt.non_matches) == (int(is_match.sum()), int((~is_match).sum()))
    change = next(
        c for c in learnt.changes if (c.comparison, c.level) == ("hire_date", "month_or_day_slip")
    )
    assert (change.matches, change.non_matches) == (learnt.matches, learnt.non_matches)
    assert change in learnt.changed()
    shown = {(c.comparison, c.level) for c in learnt.changes}
    expected = {
        (comparison.name, label)
        for comparison in matcher.settings.comparisons
        for label in comparison.labels[1:]
    }
    assert shown == expected  # every level but Null, with its old and new weight


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=300),
    labels=st.lists(st.booleans(), min_size=300, max_size=300),
)
def test_agreement_weighs_no_less_than_disagreement_after_learning(
    rows: list[int], labels: list[bool]
) -> None:
    matcher, batch, pairs = _trained()
    chosen = pairs[np.asarray(rows) % len(pairs)]
    learnt = matcher.learn(batch, chosen, np.asarray(labels[: len(chosen)])).model
    for comparison in matcher.settings.comparisons:
        weights = learnt.comparison(comparison.name).weights()
        agreements = comparison.agreement_levels()
        assert all(weights[i] >= -1e-9 for i in agreements), comparison.name
        assert weights[-1] <= 1e-9 or comparison.labels[-1] in comparison.neutral_levels
        assert all(weights[i] >= weights[-1] - 1e-9 for i in agreements), comparison.name
        ordered = ordered_agreements(comparison)  # a level beside the order stands apart
        # a level sorted out of the one after it (two common names alike) is read with it
        in_order = order_weights(comparison, learnt.comparison(comparison.name))
        for weaker, stronger in zip(ordered[1:], ordered, strict=False):
            assert in_order[stronger] >= in_order[weaker] - 1e-9, comparison.name
        for label in comparison.neutral_levels:
            assert abs(weights[comparison.labels.index(label)]) < 1e-9


def test_learnt_thresholds_are_kept_with_the_model_and_used_by_the_matcher() -> None:
    matcher, batch, pairs = _trained()
    assert matcher.model is not None
    learnt = replace(matcher.model, thresholds=Thresholds(upper=0.9, lower=0.6))
    assert ModelParameters.from_dict(learnt.to_dict()) == learnt
    assert ModelParameters.from_dict(matcher.model.to_dict()).thresholds is None
    scored = Matcher(matcher.settings, learnt).score(batch, pairs)
    links = Matcher(matcher.settings, learnt).links(scored)
    assert links and min(link.probability for link in links) > 0.6
    assert all((link.decision == "auto") == (link.probability >= 0.9) for link in links)


def _band(count: int, low: float = 0.9, high: float = 0.99) -> np.ndarray:
    return np.linspace(low, high, count, endpoint=False)


def test_upper_moves_down_only_where_hundreds_of_merges_vouch_for_it() -> None:
    p = _band(400)
    assert learn_thresholds(p, np.ones(400, dtype=bool), CONFIGURED).upper == p[0]
    few = _band(30)
    assert learn_thresholds(few, np.ones(30, dtype=bool), CONFIGURED) == CONFIGURED
    one_in_25 = np.arange(400) % 25 != 0
    assert learn_thresholds(p, one_in_25, CONFIGURED).upper == CONFIGURED.upper


def test_upper_moves_down_only_as_far_as_the_pairs_it_adds_are_clean() -> None:
    """Merges near the top of the band, not-a-match below them: the threshold stops above."""
    p = np.r_[_band(300, 0.95), _band(100, 0.9, 0.95)]
    is_match = np.r_[np.ones(300, dtype=bool), np.arange(100) % 2 == 0]
    upper = learn_thresholds(p, is_match, CONFIGURED).upper
    assert 0.95 <= upper < 0.99


def test_upper_never_moves_up_for_the_links_stewards_split() -> None:
    """Pairs above the threshold that a steward split apart are the links that were wrong,
    reported, not a sample of what it links: they keep the threshold where it is."""
    p = np.r_[_band(20, 0.99, 1.0), _band(400)]
    is_match = np.r_[np.zeros(20, dtype=bool), np.ones(400, dtype=bool)]
    upper = learn_thresholds(p, is_match, CONFIGURED).upper
    assert upper == _band(400)[0] < CONFIGURED.upper  # and the band below vouches for going down


def test_lower_moves_up_over_hundreds_of_not_a_match_and_stays_below_upper() -> None:
    p = _band(300, 0.5001, 0.7)
    learnt = learn_thresholds(p, np.zeros(300, dtype=bool), CONFIGURED)
    assert learnt.lower == p[-1]
    assert learnt.upper == CONFIGURED.upper
    some_merged = np.arange(300) % 10 == 0
    assert learn_thresholds(p, some_merged, CONFIGURED).lower < 0.52


def test_learning_starts_from_the_configured_thresholds_each_time() -> None:
    """Learning again from the same pairs gives the same thresholds: they do not drift."""
    p = _band(400)
    once = learn_thresholds(p, np.ones(400, dtype=bool), CONFIGURED)
    assert learn_thresholds(p, np.ones(400, dtype=bool), CONFIGURED) == once


def test_wilson_bounds_hold_the_share_seen() -> None:
    low, high = wilson_bounds(0, 300)
    assert low == 0.0 and 0.0 < high < 0.01
    low, high = wilson_bounds(10, 100)
    assert low < 0.1 < high
    assert wilson_bounds(0, 0) == (0.0, 1.0)
