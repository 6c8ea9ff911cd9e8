"""Whether another candidate bears a pair's name, as evidence (``matching.competition``)."""

from __future__ import annotations

import numpy as np
import pytest

from matching.competition import Competition, SourcePairRates, count_competition, unrivalled
from matching.engine import Matcher
from matching.explanation import Explanation
from matching.model import ModelParameters
from matching.presets.resource import resource_settings
from tests.unit.matching.helpers import names_and_dates


def test_a_pair_is_unrivalled_when_no_other_record_of_either_source_bears_the_name() -> None:
    pairs = np.array([[0, 1], [2, 3], [2, 4], [5, 6], [5, 7], [8, 9], [8, 10], [9, 10]])
    agree = np.array([True, True, True, True, False, True, True, True])
    sources = np.array(["hr", "psa", "hr", "psa", "psa", "hr", "psa", "psa", "hr", "psa", "crm"])
    # 2 bears the name of 3 and of 4, both of the PSA: both pairs have a rival; 5's other
    # pair disagrees on the names (another person), no rival; 8, 9 and 10 bear one name in
    # three systems, once in each: one person's three records, none a rival
    assert unrivalled(pairs, agree, sources).tolist() == [
        True, False, False, True, False, True, True, True
    ]  # fmt: skip
    # no names agree (a lookup's candidates found by a phone): none is unrivalled
    assert unrivalled(pairs, np.zeros(len(pairs), bool), sources).tolist() == [False] * 8


def test_a_namesake_told_apart_or_surely_another_s_is_no_rival() -> None:
    """0 (HR) bears the name of 1 and of 2 (both PSA); 3 (HR) bears it too, and its pair with
    2 is surely one person (a mailbox agrees)."""
    pairs = np.array([[0, 1], [0, 2], [3, 2], [3, 1]])
    agree = np.ones(len(pairs), dtype=bool)
    sources = np.array(["hr", "psa", "psa", "hr"])
    assert unrivalled(pairs, agree, sources).tolist() == [False] * 4
    # 2 is 3's: it competes for no one else of the HR system, and no pair of it but 3's is
    # unrivalled; 1 and 0 are left, each other's only candidates
    sure = np.array([False, False, True, False])
    assert unrivalled(pairs, agree, sources, sure).tolist() == [True, False, False, False]
    # 3 differs from 1 (another city) and 0 from 2: neither competes for the other, and
    # 0 and 1, 3 and 2, are each other's only candidates
    rivals = np.array([True, False, True, False])
    assert unrivalled(pairs, agree, sources, rivals=rivals).tolist() == [
        True, False, True, False
    ]  # fmt: skip


def test_m_and_u_are_counted_among_sure_matches_and_namesakes_told_apart() -> None:
    """900 sure matches, 270 of them unrivalled; 2,000 namesakes told apart, 200 of them."""
    matches = np.arange(900) < 270
    apart = np.arange(2_000) < 200
    competition = count_competition(("first_name", "last_name"), matches, apart)
    assert competition is not None
    assert competition.m_alone == pytest.approx(0.3, abs=0.01)
    assert competition.u_alone == pytest.approx(0.1, abs=0.01)
    assert competition.weight == pytest.approx(np.log2(3.0), abs=0.1)
    # nothing to read where every pair, or none, is unrivalled, or either kind is missing
    assert count_competition(("name",), np.ones(5, bool), np.ones(5, bool)) is None
    assert count_competition(("name",), matches, np.zeros(0, bool)) is None


def test_each_pair_of_sources_counts_its_own_and_weighs_nothing_it_cannot_read() -> None:
    """HR and PSA: 900 sure matches (270 unrivalled), 2,000 namesakes told apart (200). Two
    firms' HR systems: 100 sure matches (30 unrivalled) and no namesake any field tells apart,
    so nothing says how often a namesake is unrivalled there."""
    matches = np.r_[np.arange(900) < 270, np.arange(100) < 30]
    apart = np.arange(2_000) < 200
    match_keys = [("hr", "psa")] * 900 + [("acme_hr", "beta_hr")] * 100
    competition = count_competition(
        ("first_name", "last_name"), matches, apart, match_keys, [("hr", "psa")] * 2_000
    )
    assert competition is not None
    m_alone, u_alone = competition.rates("psa", "hr") or (0.0, 1.0)
    assert m_alone == pytest.approx(0.3, abs=0.01) and u_alone == pytest.approx(0.1, abs=0.01)
    assert competition.rates("beta_hr", "acme_hr") is None
    assert Competition.from_dict(competition.to_dict()) == competition
    # a model stored before the pairs of sources were counted weighs the batch's between any
    old = {key: value for key, value in competition.to_dict().items() if key != "by_sources"}
    assert Competition.from_dict(old).rates("acme_hr", "beta_hr") == (
        competition.m_alone,
        competition.u_alone,
    )


def test_a_pair_of_sources_with_no_rates_of_its_own_is_not_raised() -> None:
    from dataclasses import replace

    matcher = Matcher(resource_settings())
    model = matcher.train(matcher.prepare(_people()))
    assert model.competition is not None
    hr_psa = SourcePairRates(("hr", "psa"), model.competition.m_alone, model.competition.u_alone)
    matcher = Matcher(
        resource_settings(),
        replace(model, competition=replace(model.competition, by_sources=(hr_psa,))),
    )
    (psa_why,) = _scored(matcher, [PROBE, {**PROBE, "id": "psa-1", "source": "psa"}])
    (crm_why,) = _scored(matcher, [PROBE, {**PROBE, "id": "crm-1", "source": "crm"}])
    assert _weighs_no_rival(psa_why) and not _weighs_no_rival(crm_why)


def test_a_rival_never_weighs_against() -> None:
    assert Competition(("name",), m_alone=0.2, u_alone=0.6).weight == 0.0


def _people() -> list[dict[str, object]]:
    """Originals in an HR system, copies in a PSA, every other one of them without its date
    (``names_and_dates``): their pairs with the originals hold names only."""
    people = []
    for n, row in enumerate(names_and_dates(people=600, copies=200)):
        copy = str(row["id"]).startswith("c")
        person = {**row, "source": "psa" if copy else "hr"}
        if copy and n % 2 == 0:
            del person["hire_date"]
        people.append(person)
    return people


PROBE = {"id": "new", "source": "hr", "first_name": "Ulrike", "last_name": "Quast"}


def _scored(matcher: Matcher, records: list[dict[str, object]]) -> list[Explanation]:
    """The explanations of the first record's pairs with each other one, scored as a batch's
    candidate pairs are."""
    pairs = np.array([[0, k] for k in range(1, len(records))])
    return matcher.score(matcher.prepare(records), pairs).explain_all(np.arange(len(pairs)))


def _weighs_no_rival(why: Explanation) -> bool:
    return any(part.comparison == "no_other_candidate" for part in why.comparisons)


def test_a_names_only_pair_with_no_rival_scores_higher_and_says_why() -> None:
    matcher = Matcher(resource_settings())
    model = matcher.train(matcher.prepare(_people()))
    assert model.competition is not None and model.competition.weight > 0.5
    assert ModelParameters.from_dict(model.to_dict()).competition == model.competition
    psa = {**PROBE, "id": "psa-1", "source": "psa"}
    (why,) = _scored(matcher, [PROBE, psa])
    rival_why, _ = _scored(matcher, [PROBE, psa, {**psa, "id": "psa-2"}])
    assert why.probability > rival_why.probability
    part = next(part for part in why.comparisons if part.comparison == "no_other_candidate")
    m_alone, u_alone = model.competition.rates("hr", "psa") or (0.0, 1.0)
    assert (part.m, part.u) == (m_alone, u_alone)
    assert part.weight == pytest.approx(np.log2(m_alone / u_alone))
    assert why.prior_weight + sum(p.weight for p in why.comparisons) == pytest.approx(
        why.total_weight
    )
    assert not _weighs_no_rival(rival_why)
    # a lookup's candidates are what its caller passed: it weighs no rivals
    (_, _, looked_up), *_ = matcher.score_against(PROBE, [psa])
    assert not _weighs_no_rival(looked_up) and looked_up.probability == rival_why.probability


def test_a_pair_with_evidence_against_is_not_raised() -> None:
    """Names agree, hire dates differ: the weight does not apply, rival or not."""
    matcher = Matcher(resource_settings())
    matcher.train(matcher.prepare(_people()))
    probe = {**PROBE, "hire_date": "1961-02-03"}
    (why,) = _scored(matcher, [probe, {**probe, "id": "psa-1", "source": "psa",
                                       "hire_date": "1999-11-30"}])  # fmt: skip
    assert not _weighs_no_rival(why)


def test_a_pair_within_one_source_is_not_raised() -> None:
    matcher = Matcher(resource_settings())
    matcher.train(matcher.prepare(_people()))
    (why,) = _scored(matcher, [PROBE, {**PROBE, "id": "hr-1"}])
    assert not _weighs_no_rival(why)


def test_an_entity_naming_no_comparisons_for_it_leaves_the_model_without_it() -> None:
    from dataclasses import replace

    matcher = Matcher(replace(resource_settings(), rivals_on=()))
    model = matcher.train(matcher.prepare(_people()))
    assert model.competition is None and "competition" not in model.to_dict()


def test_a_batch_of_one_source_does_not_weigh_rivals() -> None:
    """One system holding its people many times: a person's own records are each other's
    rivals, and there is no pair across two systems to raise."""
    one = [{**row, "source": "hr"} for row in _people()]
    matcher = Matcher(resource_settings())
    assert matcher.train(matcher.prepare(one)).competition is None
