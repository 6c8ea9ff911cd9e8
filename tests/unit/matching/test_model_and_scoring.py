from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from matching.engine import Matcher
from matching.model import ModelParameters, comparison_parameters
from matching.presets.febrl import febrl_settings
from matching.presets.rate_card import rate_card_settings
from matching.term_frequency import TermFrequencies, count_terms, count_words

PEOPLE = [
    {
        "id": "a1",
        "given_name": "john",
        "surname": "smith",
        "date_of_birth": "19800102",
        "soc_sec_id": "1234567",
        "suburb": "london",
    },
    {
        "id": "a2",
        "given_name": "jon",
        "surname": "smith",
        "date_of_birth": "19800102",
        "soc_sec_id": "1234567",
        "suburb": "london",
    },
    {
        "id": "b1",
        "given_name": "zelda",
        "surname": "zilm",
        "date_of_birth": "19700305",
        "soc_sec_id": "7654321",
        "suburb": "york",
    },
    {
        "id": "b2",
        "given_name": "zelda",
        "surname": "zilm",
        "date_of_birth": "19700305",
        "soc_sec_id": "7654321",
        "suburb": "york",
    },
    *[
        {
            "id": f"s{i}",
            "given_name": f"g{i % 7}",
            "surname": "smith",
            "date_of_birth": f"19{50 + i % 40}0{1 + i % 9}1{i % 9}",
            "soc_sec_id": f"{1000000 + i * 7919}",
            "suburb": "london",
        }
        for i in range(60)
    ],
]


@pytest.fixture(scope="module")
def trained() -> Matcher:
    matcher = Matcher(febrl_settings())
    matcher.train(matcher.prepare(PEOPLE))
    return matcher


def test_explanation_weights_sum_to_the_total(trained: Matcher) -> None:
    batch = trained.prepare(PEOPLE)
    pairs = trained.candidate_pairs(batch)
    scored = trained.score(batch, pairs)
    for k in range(len(pairs)):
        explanation = scored.explain(k)
        total = explanation.prior_weight + sum(part.weight for part in explanation.comparisons)
        assert total == pytest.approx(explanation.total_weight)
        assert explanation.probability == pytest.approx(1 / (1 + 2**-explanation.total_weight))
        json.dumps(explanation.to_dict())


def test_score_is_symmetric(trained: Matcher) -> None:
    forward = trained.score_against(PEOPLE[0], [PEOPLE[1]])[0]
    backward = trained.score_against(PEOPLE[1], [PEOPLE[0]])[0]
    assert forward[1] == backward[1]


def test_common_values_weigh_less_than_rare_ones(trained: Matcher) -> None:
    smiths = trained.score_against(PEOPLE[0], [PEOPLE[1]])[0][2]
    zilms = trained.score_against(PEOPLE[2], [PEOPLE[3]])[0][2]
    smith = next(part for part in smiths.comparisons if part.comparison == "surname")
    zilm = next(part for part in zilms.comparisons if part.comparison == "surname")
    assert smith.term_frequency_adjusted and zilm.term_frequency_adjusted
    assert zilm.weight > smith.weight


def test_an_exact_common_value_weighs_no_less_than_a_weaker_agreement(trained: Matcher) -> None:
    """However common a value, agreeing on it exactly says no less than a fuzzy agreement
    (nor less than nothing): the term-frequency weight is floored at the weaker levels'."""
    model = trained.model
    assert model is not None
    everyone = TermFrequencies("surname", 100, {"smith": 100})  # every record a smith
    comparison = next(c for c in trained.settings.comparisons if c.name == "surname")
    # copies agree exactly half the time, fuzzily 30% (a weaker level worth several bits)
    m = np.array([1.0, 0.5, 0.3, 0.1, 0.1])
    surname = comparison_parameters(
        "surname", comparison.labels, m, model.comparison("surname").u()
    )
    held = tuple(surname if p.name == "surname" else p for p in model.comparisons)
    tables = {**model.term_frequencies, "surname": everyone}
    matcher = Matcher(trained.settings, replace(model, comparisons=held, term_frequencies=tables))
    smiths = matcher.score_against(PEOPLE[0], [PEOPLE[1]])[0][2]
    smith = next(part for part in smiths.comparisons if part.comparison == "surname")
    weights = surname.weights()
    level = comparison.labels.index(smith.level)
    weaker = [weights[i] for i in comparison.agreement_levels() if i > level]
    assert smith.term_frequency_adjusted and weaker
    assert smith.weight >= max([0.0, *weaker]) - 1e-9


def test_a_larger_population_leaves_the_term_frequency_u_as_trained(trained: Matcher) -> None:
    """The counts are of the training batch: how many copies of a record they hold is the
    batch's, whatever population the prior is scaled to (a later incremental run, a
    distributed run's blocks), so an agreement on a value is as rare there as in the run that
    trained the model; only the prior moves."""
    model = trained.model
    assert model is not None
    larger = Matcher(trained.settings, model.for_population(len(PEOPLE), 4 * len(PEOPLE)))
    for left, right in ((0, 1), (2, 3)):
        before = trained.score_against(PEOPLE[left], [PEOPLE[right]])[0][2]
        after = larger.score_against(PEOPLE[left], [PEOPLE[right]])[0][2]
        adjusted = [part.u for part in before.comparisons if part.term_frequency_adjusted]
        assert adjusted
        assert [part.u for part in after.comparisons if part.term_frequency_adjusted] == adjusted
        assert after.prior_weight < before.prior_weight
    stored = ModelParameters.from_dict(json.loads(json.dumps(larger.model.to_dict())))
    assert stored == larger.model


def test_term_frequencies_count_values() -> None:
    column = np.array(["a", "a", "b", None], dtype=object)
    table = count_terms("x", column)
    assert table.frequency("a") == pytest.approx(2 / 3)
    assert table.frequency("b") == pytest.approx(1 / 3)
    np.testing.assert_allclose(table.frequencies(column)[:3], [2 / 3, 2 / 3, 1 / 3])


def test_term_frequencies_count_other_entities_records() -> None:
    """With one expected copy per record, a value is as common as the other entities' records
    that hold it: the record and its copy leave the count, at least half a record is left, so
    a value only one entity holds (a, b) is as rare as it gets."""
    column = np.array(["a", "a", "b", "c", "c", "c", "c"], dtype=object)
    table = count_terms("x", column)
    others = table.frequencies(column, copies=1.0)
    np.testing.assert_allclose(others[[0, 2, 3]], [0.5 / 7, 0.5 / 7, 2 / 7])
    assert (others <= table.frequencies(column)).all()


def test_a_value_no_other_entity_holds_is_as_rare_as_its_words() -> None:
    """Words counted once per record; a value's word frequency is the product of its words'
    frequencies among the other entities' records (at least half a record each)."""
    names = [("acme", "foods"), ("acme", "foods"), ("zilm", "foods"), ("best", "foods")]
    column = np.empty(len(names) + 1, dtype=object)
    column[:] = [*names, None]
    table = count_words("name_tokens", column)
    assert table.total == 4
    frequencies = table.word_frequencies(column, copies=1.0)
    # acme: 2 records - itself - its copy -> half a record; foods: 4 - 2 = 2 records
    assert frequencies[0] == pytest.approx((0.5 / 4) * (2 / 4))
    assert frequencies[2] == pytest.approx((0.5 / 4) * (2 / 4))
    assert np.isnan(frequencies[4])


def test_words_no_other_entity_holds_count_once_between_them() -> None:
    """Two words seen nowhere else are no rarer than one: in a small batch every word is."""
    names = [("bluebell", "catering"), ("bluebell", "catering"), ("acme", "foods")]
    column = np.empty(len(names), dtype=object)
    column[:] = names
    frequencies = count_words("name_tokens", column).word_frequencies(column, copies=1.0)
    np.testing.assert_allclose(frequencies, [0.5 / 3, 0.5 / 3, 0.5 / 3])


def test_shown_frequencies_count_only_values_other_entities_hold() -> None:
    column = np.array(["a", "a", "c", "c", "c", "c"], dtype=object)
    table = count_terms("x", column)
    shown = table.shown_frequencies(column, copies=1.0)
    np.testing.assert_allclose(shown[[0, 2]], [0.0, 2 / 6])


def test_model_round_trips_through_json(trained: Matcher) -> None:
    assert trained.model is not None
    data = json.loads(json.dumps(trained.model.to_dict()))
    assert ModelParameters.from_dict(data) == trained.model


def test_pooled_levels_are_stored_and_a_model_stored_before_loads_without() -> None:
    m, u = np.array([1.0, 0.5, 0.2, 0.1, 0.2]), np.array([1.0, 1e-4, 1e-3, 5e-4, 0.9985])
    params = comparison_parameters("dob", ["null", "exact", "a", "b", "else"], m, u, ((2, 3),))
    model = ModelParameters(prior=0.01, comparisons=(params,))
    data = json.loads(json.dumps(model.to_dict()))
    assert ModelParameters.from_dict(data) == model
    del data["comparisons"][0]["pooled"]
    assert ModelParameters.from_dict(data).comparisons[0] == replace(params, pooled=())


def test_labelled_matches_move_m_towards_their_level(trained: Matcher) -> None:
    """Pairs stewards merged raise m of the level they show (``matching.learning``)."""
    model = trained.model
    assert model is not None
    batch = trained.prepare(PEOPLE)
    pairs = trained.candidate_pairs(batch)
    pairs = pairs[trained.levels(batch, pairs)[:, 0] == 1]
    assert len(pairs) and (trained.score(batch, pairs).probability < 1.0).any()
    learnt = trained.learn(batch, pairs, np.ones(len(pairs), dtype=bool)).model
    assert learnt.comparisons[0].levels[1].m > model.comparisons[0].levels[1].m


def test_conflicting_rate_amounts_are_never_auto_linked() -> None:
    line = {
        "role": "Senior Consultant",
        "level": "L3",
        "currency": "EUR",
        "unit": "hour",
        "effective_from": "2025-01-01",
        "customer_ref": "G1",
    }
    lines = [{**line, "id": f"x{i}", "rate": str(100 + 37 * i)} for i in range(30)]
    matcher = Matcher(rate_card_settings())
    matcher.train(matcher.prepare(lines))
    same = matcher.score_against(
        {**line, "id": "p", "rate": "1200", "unit": "day"}, [{**line, "id": "q", "rate": "150"}]
    )
    conflict = matcher.score_against(
        {**line, "id": "p", "rate": "150"}, [{**line, "id": "q", "rate": "190"}]
    )
    thresholds = matcher.settings.thresholds
    assert not same[0][2].review_forced
    assert conflict[0][2].review_forced
    assert conflict[0][1] < thresholds.upper


WORD_FREQUENCIES = """
import numpy as np
from matching.term_frequency import count_words
words = [f"w{n}" for n in range(40)]
names = [tuple(words[(i * 7 + k * k * 3) % 40] for k in range(5)) for i in range(300)]
column = np.empty(len(names), dtype=object)
column[:] = names
table = count_words("name_tokens", column)
print([float(f).hex() for f in table.word_frequencies(column, copies=1.0)])
"""


def test_word_frequencies_are_the_same_bits_in_every_process() -> None:
    """A value's words are summed in one order, not in the order of a set of strings (which
    changes with each process's hash seed): blocks scored by workers must give the bits one
    process gives."""
    found = {
        subprocess.run(
            [sys.executable, "-c", WORD_FREQUENCIES], env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }  # fmt: skip
    assert len(found) == 1


def test_a_record_scores_against_candidates_as_the_batch_scores_its_pairs(
    trained: Matcher,
) -> None:
    """``score_against`` scores the record and its candidates as one batch: each candidate
    as the bulk scoring of the same records scores the pair, explanation and all."""
    record, candidates = PEOPLE[0], PEOPLE[1:12]
    found = {right: why for right, _, why in trained.score_against(record, candidates)}
    batch = trained.prepare([record, *candidates])
    pairs = np.stack([np.zeros(len(candidates), dtype=np.int64), np.arange(1, 12)], axis=1)
    scored = trained.score(batch, pairs)
    assert found == {why.right_id: why for why in scored.explain_all(np.arange(len(pairs)))}
