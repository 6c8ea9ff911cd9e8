"""A pair in the review band goes to a steward only when it holds something a person could link
on; a pair agreeing on names alone is left apart (nobody could link it from the records)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np
import pytest

from matching.comparison import Comparison, level_matrix
from matching.engine import Matcher
from matching.feature import field_feature, prepare_records
from matching.learning import learn_thresholds
from matching.levels import Else, Exact, Null
from matching.model import ModelParameters, comparison_parameters
from matching.pair_view import PairView
from matching.presets.customer import customer_settings
from matching.presets.resource import resource_settings
from matching.scoring import holds_evidence, score_pairs
from matching.settings import EntitySettings
from matching.thresholds import Thresholds

SETTINGS = resource_settings()
NAMES = {"first_name": "Anna", "last_name": "Kowalski"}


def _levels(
    settings: EntitySettings,
    names: Mapping[str, object],
    left: Mapping[str, object],
    right: Mapping[str, object],
) -> np.ndarray:
    """The comparison levels of one pair of records sharing ``names``."""
    batch = prepare_records(
        [{"id": "a", **names, **left}, {"id": "b", **names, **right}], settings.features
    )
    view = PairView(batch, batch, np.array([0]), np.array([1]))
    return level_matrix(settings.comparisons, view)


def _holds(left: Mapping[str, object], right: Mapping[str, object]) -> bool:
    levels = _levels(SETTINGS, NAMES, left, right)
    return bool(holds_evidence(SETTINGS.comparisons, levels)[0])


@pytest.mark.parametrize(
    ("left", "right", "decidable"),
    [
        ({}, {}, False),
        # a job title or a country is no way to tell two namesakes apart
        ({"title": "Consultant"}, {"title": "Consultant"}, False),
        ({"country": "PL"}, {"country": "PL"}, False),
        ({"location_city": "Kraków", "country": "PL"}, {"country": "PL"}, False),
        # two employers' numbers or mailboxes: nothing to compare
        ({"employee_number": "E12345"}, {"employee_number": "7781-22"}, False),
        ({"email": "anna.k@acme.com"}, {"email": "akowalski@beta.com"}, False),
        # the same city, phone, hire date or number: a person can decide
        ({"location_city": "Kraków"}, {"location_city": "Krakow"}, True),
        ({"phone": "+48 12 345 67 89"}, {"phone": "+48 12 345 67 89"}, True),
        ({"hire_date": "2019-03-01"}, {"hire_date": "2019-03-01"}, True),
        ({"employee_number": "E12345"}, {"employee_number": "E12345"}, True),
        # values that differ are no ground to link: two people to anyone reading them
        ({"phone": "+48 12 345 67 89"}, {"phone": "+48 22 111 22 33"}, False),
        ({"employee_number": "E12345"}, {"employee_number": "E54321"}, False),
        ({"email": "anna.k@acme.com"}, {"email": "anna.k2@acme.com"}, False),
        ({"location_city": "Kraków"}, {"location_city": "Paris"}, False),
        # one agreement is enough, whatever else differs
        (
            {"location_city": "Kraków", "phone": "+48 12 345 67 89"},
            {"location_city": "Kraków", "phone": "+48 22 111 22 33"},
            True,
        ),
    ],
)
def test_resource_pairs_hold_evidence_beside_names(
    left: dict[str, object], right: dict[str, object], decidable: bool
) -> None:
    assert _holds(left, right) is decidable


CUSTOMERS = customer_settings()
COMPANY = {"name": "Quillfeather Analytics Ltd"}


def _customer_decidable(left: Mapping[str, object], right: Mapping[str, object]) -> bool:
    """Whether a band pair of these two records goes to review, as scoring decides it: it
    holds evidence, or a level forces review."""
    levels = _levels(CUSTOMERS, COMPANY, left, right)
    forced = any(c.review_mask()[levels[0, n]] for n, c in enumerate(CUSTOMERS.comparisons))
    return forced or bool(holds_evidence(CUSTOMERS.comparisons, levels)[0])


@pytest.mark.parametrize(
    ("left", "right", "decidable"),
    [
        ({}, {}, False),
        # a country or a legal form is no way to tell two companies of one name apart
        ({"country": "GB"}, {"country": "GB"}, False),
        ({"legal_name": "Quillfeather Analytics Ltd"}, {"legal_name": "Quillfeather Ltd"}, False),
        # a postcode against a city only: nothing to compare
        ({"postal_code": "EH3 6BR"}, {"city": "Edinburgh"}, False),
        # the same identifier, domain, phone or office: a person can decide
        ({"tax_id": "GB553080363"}, {"tax_id": "GB553080363"}, True),
        ({"duns": "885461813"}, {"duns": "885461813"}, True),
        ({"website": "quillfeather.co.uk"}, {"website": "quillfeather.co.uk"}, True),
        ({"phone": "+44 131 496 0000"}, {"phone": "+44 131 496 0000"}, True),
        ({"postal_code": "EH3 6BR"}, {"postal_code": "EH3 6BR"}, True),
        ({"city": "Edinburgh"}, {"city": "EDINBURGH"}, True),
        # values that differ are no ground to link
        ({"phone": "+44 131 496 0000"}, {"phone": "+44 20 7946 0999"}, False),
        ({"website": "quillfeather.co.uk"}, {"website": "quill.com"}, False),
        ({"city": "Edinburgh"}, {"city": "Cardiff"}, False),
        # two numbers of one registry's scheme still go to a steward (sister companies)
        ({"tax_id": "GB553080363"}, {"tax_id": "GB987654321"}, True),
        # one agreement is enough, whatever else differs
        (
            {"city": "Edinburgh", "phone": "+44 131 496 0000"},
            {"city": "Edinburgh", "phone": "+44 20 7946 0999"},
            True,
        ),
    ],
)
def test_customer_pairs_hold_evidence_beside_names(
    left: dict[str, object], right: dict[str, object], decidable: bool
) -> None:
    assert _customer_decidable(left, right) is decidable


def test_band_pairs_without_evidence_are_left_apart() -> None:
    thresholds = Thresholds(upper=0.99, lower=0.5)
    probabilities = np.array([0.995, 0.995, 0.8, 0.8, 0.3, 0.3])
    decidable = np.array([True, False, True, False, True, False])
    assert thresholds.decide_all(probabilities, decidable).tolist() == [
        "auto", "auto", "review", "distinct", "distinct", "distinct",
    ]  # fmt: skip
    one_by_one = [
        thresholds.decide(float(p), bool(d)) for p, d in zip(probabilities, decidable, strict=True)
    ]
    assert one_by_one == thresholds.decide_all(probabilities, decidable).tolist()
    assert thresholds.decide_all(probabilities).tolist() == [
        "auto", "auto", "review", "review", "distinct", "distinct",
    ]  # fmt: skip


def test_without_evidence_levels_every_pair_is_decidable() -> None:
    comparison = Comparison("name", "name", (Null(), Exact(), Else()))
    levels = np.array([[0], [1], [2]], dtype=np.int8)
    assert holds_evidence((comparison,), levels).tolist() == [True, True, True]
    named = Comparison(
        "name", "name", (Null(), Exact(), Else()), evidence_levels=frozenset({"exact"})
    )
    assert holds_evidence((named,), levels).tolist() == [False, True, False]


def test_unknown_evidence_levels_are_refused() -> None:
    with pytest.raises(ValueError, match="evidence"):
        Comparison("name", "name", (Null(), Exact(), Else()), evidence_levels=frozenset({"x"}))


def test_the_matcher_queues_only_band_pairs_that_hold_evidence() -> None:
    people = [
        {"id": f"p{i}", "first_name": f"Name{i % 13}", "last_name": f"Family{i % 7}",
         "location_city": ("Kraków", "Gdańsk")[i % 2], "hire_date": f"2019-0{1 + i % 9}-1{i % 9}"}
        for i in range(40)
    ]  # fmt: skip
    names_only = [{"id": "n1", **NAMES}, {"id": "n2", **NAMES}]
    same_city = [
        {"id": "c1", **NAMES, "location_city": "Łódź"},
        {"id": "c2", **NAMES, "location_city": "Łódź", "title": "Consultant"},
    ]
    # one record twice: equal in every field, the city too (``matching.contents``)
    twice = [{"id": f"t{i}", **NAMES, "location_city": "Łódź"} for i in (1, 2)]
    matcher = Matcher(SETTINGS)
    prepared = matcher.prepare([*people, *names_only, *same_city, *twice])
    matcher.train(prepared)
    index = {str(record_id): n for n, record_id in enumerate(prepared.ids)}
    pairs = np.array([[index[a], index[b]] for a, b in (("n1", "n2"), ("c1", "c2"), ("t1", "t2"))])
    scored = matcher.score(prepared, pairs)
    # every pair put in the band, whatever this small batch's model made of them
    in_band = replace(scored, probability=np.full(3, 0.8))
    decided = {(link.left_id, link.right_id): link.decision for link in matcher.links(in_band)}
    assert decided == {("n1", "n2"): "distinct", ("c1", "c2"): "review", ("t1", "t2"): "distinct"}
    # above the bar, one record twice links as its fields say
    sure = replace(scored, probability=np.full(3, 0.95))
    assert matcher.links(sure)[2].decision == "auto"


def _scored_with_bar(without_evidence: float | None) -> np.ndarray:
    """Probabilities of four pairs under a model where an equal name alone scores 0.95 and an
    equal name with an equal city (the evidence level) 0.988: names and city equal, names and
    a city missing on one side, names alone, names with a rare agreement (a weighty but
    non-deciding level)."""
    name = Comparison("name", "name", (Null(), Exact(), Exact("rare", feature="rare"), Else()))
    city = Comparison(
        "city", "city", (Null(), Exact(), Else()), evidence_levels=frozenset({"exact"})
    )
    features = [field_feature(f, transform=str) for f in ("name", "rare", "city")]
    rows = [
        {"id": "a", "name": "Anna Kowalska", "city": "Łódź"},
        {"id": "b", "name": "Anna Kowalska", "city": "Łódź"},
        {"id": "c", "name": "Anna Kowalska"},
        {"id": "d", "name": "Anna Kowalska", "city": None},
        {"id": "e", "name": "Anna Q", "rare": "q"},
        {"id": "f", "name": "Anna R", "rare": "q"},
    ]
    batch = prepare_records(rows, features)
    # prior odds 1:2^10; name exact +14.25 bits (p 0.95), city exact +2.08 (p 0.988), rare +20
    prior = 1.0 / (1.0 + 2.0**10)
    model = ModelParameters(
        prior=prior,
        comparisons=(
            comparison_parameters(
                "name", name.labels, np.array([1.0, 0.9, 0.09, 0.01]),
                np.array([1.0, 0.9 / 2.0**14.25, 0.09 / 2.0**20, 0.99]),
            ),
            comparison_parameters(
                "city", city.labels, np.array([1.0, 0.9, 0.1]), np.array([1.0, 0.9 / 2**2.08, 0.9])
            ),
        ),
    )  # fmt: skip
    pairs = np.array([[0, 1], [0, 2], [2, 3], [4, 5]])
    scored = score_pairs(
        (name, city), model, batch, batch, pairs, 0.7, without_evidence=without_evidence
    )
    return np.asarray(scored.probability)


def test_a_pair_without_evidence_links_only_at_its_stricter_bar() -> None:
    free = _scored_with_bar(None)
    assert free[0] > 0.98 and 0.94 < free[1] < 0.96 and 0.94 < free[2] < 0.96 and free[3] > 0.99
    barred = _scored_with_bar(0.97)
    # names and an equal city: evidence, untouched; names alone below the bar: left in the
    # band (at most the review cap), where a pair without evidence is left apart; names
    # alone above it: untouched
    assert barred[0] == pytest.approx(free[0])
    assert barred[1] == pytest.approx(0.7) and barred[2] == pytest.approx(0.7)
    assert barred[3] == pytest.approx(free[3])
    thresholds = Thresholds(upper=0.9, without_evidence=0.97)
    decidable = np.array([True, False, False, False])
    assert thresholds.decide_all(barred, decidable).tolist() == [
        "auto", "distinct", "distinct", "auto",
    ]  # fmt: skip


def test_the_bar_without_evidence_is_never_below_the_auto_link_threshold() -> None:
    with pytest.raises(ValueError, match="without_evidence"):
        Thresholds(upper=0.97, without_evidence=0.9)
    assert Thresholds(upper=0.9, without_evidence=0.9).without_evidence == 0.9


def test_learnt_thresholds_keep_the_bar_without_evidence() -> None:
    configured = Thresholds(upper=0.9, without_evidence=0.97)
    probabilities = np.linspace(0.55, 0.999, 200)
    learnt = learn_thresholds(probabilities, np.ones(200, dtype=bool), configured)
    assert learnt.without_evidence == 0.97
    stored = ModelParameters(prior=0.01, comparisons=(), thresholds=learnt).to_dict()
    assert ModelParameters.from_dict(stored).thresholds == learnt
