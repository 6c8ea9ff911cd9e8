"""Two records of one source, or of two, as evidence (``matching.source_pairs``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from matching.engine import Matcher
from matching.model import ModelParameters
from matching.presets.resource import resource_settings
from matching.source_pairs import SourcePairs, fit_source_pairs, same_source_share
from tests.unit.matching.helpers import names_and_dates

# one comparison: level 1 agrees, level 2 disagrees (level 0: null)
M = (np.array([1.0, 0.95, 0.05]),)
U = (np.array([1.0, 0.01, 0.99]),)


def test_the_share_of_pairs_within_one_source_is_counted() -> None:
    assert same_source_share(np.array(["a", "a", "b", "b"], dtype=object)) == pytest.approx(1 / 3)
    assert same_source_share(np.array(["a", "a", "a"], dtype=object)) is None
    # each source holds one record: no pair lies within a source, nothing to weigh (training
    # two records of two systems divided by this share)
    assert same_source_share(np.array(["crm", "erp"], dtype=object)) is None


def _batch(cross_matches: int, same_matches: int) -> tuple[np.ndarray, np.ndarray]:
    """Levels and same-source flags: matches agree (a twentieth disagree), non-matches
    disagree (a hundredth agree); 4,000 non-matching pairs, a third within one source."""
    rng = np.random.default_rng(3)
    matches = cross_matches + same_matches
    agree = np.r_[rng.random(matches) < 0.95, rng.random(4_000) < 0.01]
    same = np.r_[np.arange(matches) >= cross_matches, np.arange(4_000) % 3 == 0]
    return np.where(agree, 1, 2).reshape(-1, 1), same


def test_em_finds_how_many_matches_lie_within_one_source() -> None:
    levels, same = _batch(cross_matches=300, same_matches=15)
    prior, pairs = fit_source_pairs(levels, M, U, same, 1 / 3, 0.05, unscored=0)
    assert pairs.m_same == pytest.approx(15 / 315, abs=0.02)
    assert prior == pytest.approx(315 / 4_315, rel=0.1)
    one, two = pairs.weights()
    assert one < 0 < two


def test_the_share_of_matches_within_one_source_is_read_from_the_pairs_holding_evidence() -> None:
    """300 namesakes within one source agree on their names and hold nothing else: by the
    names alone they look like matches. Counted, they make a source that holds a person once
    look as if it held most people twice; the pairs holding evidence tell how often it
    does."""
    levels, same = _batch(cross_matches=300, same_matches=15)
    levels = np.r_[levels, np.ones((300, 1), dtype=levels.dtype)]
    same = np.r_[same, np.ones(300, dtype=bool)]
    evidence = np.r_[np.ones(len(same) - 300, dtype=bool), np.zeros(300, dtype=bool)]
    _, blind = fit_source_pairs(levels, M, U, same, 1 / 3, 0.05, unscored=0)
    _, read = fit_source_pairs(levels, M, U, same, 1 / 3, 0.05, unscored=0, evidence=evidence)
    assert read.m_same == pytest.approx(15 / 315, abs=0.02)
    assert blind.m_same > 0.3
    assert read.weights()[0] < -2.0 < blind.weights()[0]
    # every pair holding evidence (an entity naming none): as without the argument
    _, every = fit_source_pairs(
        levels, M, U, same, 1 / 3, 0.05, unscored=0, evidence=np.ones(len(same), dtype=bool)
    )
    assert every == blind


def test_namesakes_holding_names_only_leave_the_weight_of_one_source_as_it_was() -> None:
    """A trained model: HR namesakes of people in the batch, holding their names and no date,
    do not make the HR system look as if it held its people twice."""
    people = _people()
    matcher = Matcher(resource_settings())
    clean = matcher.train(matcher.prepare(people)).source_pairs
    namesakes = [
        {"id": f"n{n}", "source": "hr", "first_name": row["first_name"],
         "last_name": row["last_name"]}
        for n, row in enumerate(people[:400])
    ]  # fmt: skip
    noisy = matcher.train(matcher.prepare([*people, *namesakes])).source_pairs
    assert clean is not None and noisy is not None
    assert noisy.weights()[0] == pytest.approx(clean.weights()[0], abs=0.5)


def test_a_source_holding_its_entities_twice_says_nothing_against_them() -> None:
    levels, same = _batch(cross_matches=150, same_matches=150)
    _, pairs = fit_source_pairs(levels, M, U, same, 0.5, 0.05, unscored=0)
    assert abs(pairs.weights()[0]) < 0.3


def test_the_weight_of_a_pair_follows_its_sources() -> None:
    pairs = SourcePairs(m_same=0.05, u_same=0.4)
    weights = pairs.weight_of(np.array([True, False]))
    assert weights.tolist() == pytest.approx([np.log2(0.05 / 0.4), np.log2(0.95 / 0.6)])


def _people() -> list[dict[str, object]]:
    """Originals in one system, copies in another (``names_and_dates``)."""
    rows = names_and_dates(people=600, copies=200)
    return [{**row, "source": "psa" if str(row["id"]).startswith("c") else "hr"} for row in rows]


def test_a_trained_model_keeps_it_and_scores_a_pair_of_one_source_lower() -> None:
    matcher = Matcher(resource_settings())
    batch = matcher.prepare(_people())
    model = matcher.train(batch)
    assert model.source_pairs is not None
    assert model.source_pairs.m_same < model.source_pairs.u_same
    again = ModelParameters.from_dict(model.to_dict())
    assert again.source_pairs == model.source_pairs
    record = {"id": "new", "source": "hr", "first_name": "Alma", "last_name": "Bauer",
              "hire_date": "1960-05-04"}  # fmt: skip
    candidates = [{**record, "id": "same", "source": "hr"}, {**record, "id": "other"}]
    candidates[1]["source"] = "psa"
    scored = {found: (p, why) for found, p, why in matcher.score_against(record, candidates)}
    assert scored["same"][0] < scored["other"][0]
    for _, why in scored.values():  # the explanation still adds up
        parts = why.prior_weight + sum(part.weight for part in why.comparisons)
        assert parts == pytest.approx(why.total_weight)


def test_one_source_or_a_link_across_sources_weighs_nothing() -> None:
    one = [{**row, "source": "hr"} for row in _people()]
    matcher = Matcher(resource_settings())
    assert matcher.train(matcher.prepare(one)).source_pairs is None
    assert matcher.train(matcher.prepare(_people()), link_only=True).source_pairs is None
    model = matcher.model
    assert model is not None and "source_pairs" not in model.to_dict()


def test_sources_without_duplicates_yet_do_not_forbid_one() -> None:
    """No match of the batch lies within one source: one later is less likely, not vetoed."""
    levels, same = _batch(cross_matches=300, same_matches=0)
    _, pairs = fit_source_pairs(levels, M, U, same, 1 / 3, 0.05, unscored=0)
    assert -6.0 < pairs.weights()[0] < -3.0


def test_a_record_of_no_source_weighs_nothing_on_it() -> None:
    """A "does this exist?" probe comes from no system: against a candidate of any source it
    scores as the model without the comparison would, neither one source nor two."""
    matcher = Matcher(resource_settings())
    model = matcher.train(matcher.prepare(_people()))
    assert model.source_pairs is not None and model.source_pairs.weights()[1] > 0
    probe = {"id": "probe", "first_name": "Alma", "last_name": "Bauer", "hire_date": "1960-05-04"}
    candidates = [{**probe, "id": "hr", "source": "hr"}, {**probe, "id": "psa", "source": "psa"}]
    without = Matcher(resource_settings(), replace(model, source_pairs=None))
    expected = {found: p for found, p, _ in without.score_against(probe, candidates)}
    scored = matcher.score_against(probe, candidates)
    assert {found: p for found, p, _ in scored} == pytest.approx(expected)
    named = matcher.score_against({**probe, "source": "probe"}, candidates)
    assert all(p > expected[found] for found, p, _ in named)  # two sources, as it was weighed
    for _, _, why in scored:  # the explanation still adds up
        parts = why.prior_weight + sum(part.weight for part in why.comparisons)
        assert parts == pytest.approx(why.total_weight)


def test_clustering_keeps_sources_apart_only_where_the_model_found_them_held_once() -> None:
    matcher = Matcher(resource_settings())
    people = matcher.prepare(_people())
    matcher.train(people)
    held_once = matcher.sources_held_once(people)
    assert held_once == {str(i): str(s) for i, s in zip(people.ids, people.sources, strict=True)}
    assert set(held_once.values()) == {"hr", "psa"}
    # as a distributed run gives them, stored ids with their systems; a record of no source
    # is of no source held once
    assert matcher.held_once([(7, "hr"), (8, "psa"), (9, None)]) == {"7": "hr", "8": "psa"}
    model = matcher.model
    assert model is not None and model.source_pairs is not None
    twice = replace(model.source_pairs, m_same=model.source_pairs.u_same)  # weighs nothing
    assert (
        Matcher(resource_settings(), replace(model, source_pairs=twice)).sources_held_once(people)
        is None
    )
    one = Matcher(resource_settings())
    single = one.prepare([{**row, "source": "hr"} for row in _people()])
    one.train(single)
    assert one.sources_held_once(single) is None
