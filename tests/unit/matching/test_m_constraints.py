"""Weights keep the meaning of the levels, whatever EM finds: agreement never weighs less than
disagreement (nor less than 0), a missing value weighs 0, and another value of the same
identifier scheme weighs less than a value of another scheme."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.comparison import Comparison
from matching.engine import Matcher
from matching.levels_joint import WhereEqual
from matching.m_constraints import (
    DISAGREEMENT_FLOOR,
    constrain_m,
    meaning_floors,
    monotone,
    ordered_agreements,
    sorted_out,
    weights_in_order,
)
from matching.model import ModelParameters
from matching.pair_view import is_null
from matching.presets import settings_for
from mdm.synthetic import GeneratorConfig, generate

ESTIMATED = [
    comparison
    for entity in ("customer", "resource")
    for comparison in settings_for(entity).comparisons
    if not comparison.fixed_m
]


def _kinds(comparison: Comparison) -> tuple[list[int], list[int], list[int]]:
    labels = comparison.labels
    agreements = comparison.agreement_levels()
    conflicts = [labels.index(label) for label in comparison.conflict_levels]
    neutral = [labels.index(label) for label in comparison.neutral_levels]
    return agreements, conflicts, neutral


def _assert_meaningful(
    comparison: Comparison, weights: np.ndarray, in_order: np.ndarray | None = None
) -> None:
    """``in_order``: the weights as the order of agreements reads them (``weights_in_order``),
    where they differ from ``weights``."""
    agreements, conflicts, neutral = _kinds(comparison)
    in_order = weights if in_order is None else in_order
    disagreement = weights[-1]
    for index in agreements:
        assert weights[index] >= -1e-9, (comparison.name, comparison.labels[index])
        assert weights[index] >= disagreement - 1e-9, (comparison.name, comparison.labels[index])
    ordered = ordered_agreements(comparison)
    for position, index in enumerate(ordered):
        for weaker in ordered[position + 1 :]:
            assert in_order[index] >= in_order[weaker] - 1e-9, (comparison.name, index, weaker)
    for index in agreements:  # one name within the other at one office: at most names alike
        before = [level for level in ordered if level < index]
        if isinstance(comparison.levels[index], WhereEqual) and before:
            assert weights[index] <= weights[before[-1]] + 1e-9, (comparison.name, index)
    for index in neutral:
        assert weights[index] == pytest.approx(0.0)
    for index in conflicts:
        assert weights[index] < min([*(weights[i] for i in neutral), 0.0]), comparison.name


def _table(draw: st.DrawFn, size: int, low: float) -> np.ndarray:
    values = draw(st.lists(st.floats(low, 1.0), min_size=size - 1, max_size=size - 1))
    table = np.r_[1.0, np.array(values) / sum(values)]
    return table


@st.composite
def _case(draw: st.DrawFn) -> tuple[Comparison, np.ndarray, np.ndarray]:
    comparison = draw(st.sampled_from(ESTIMATED))
    size = len(comparison.levels)
    return comparison, _table(draw, size, 1e-7), _table(draw, size, 1e-5)


@settings(max_examples=300, deadline=None)
@given(_case())
def test_agreement_never_weighs_less_than_disagreement(
    case: tuple[Comparison, np.ndarray, np.ndarray],
) -> None:
    comparison, m, u = case
    held = constrain_m(comparison, m, u).m
    weights = np.log2(held[1:] / u[1:])
    _assert_meaningful(comparison, np.r_[0.0, weights], weights_in_order(comparison, held, u))
    # a disagreement weighs at most what the floor on m allows: it cannot veto everything
    # (a neutral Else, values of two schemes, weighs 0 instead: checked above)
    if comparison.levels[-1].label not in comparison.neutral_levels:
        assert held[-1] >= min(DISAGREEMENT_FLOOR, u[-1]) - 1e-12, comparison.name
    # where true pairs almost never differ, a disagreement weighs as much as the floor
    # allows, however many of EM's matches differed
    if comparison.rarely_differs:
        assert held[-1] == pytest.approx(min(DISAGREEMENT_FLOOR, u[-1])), comparison.name
    assert held[0] == 1.0


def test_a_disagreement_true_pairs_rarely_show_gives_its_m_to_the_agreements() -> None:
    """EM's matches of one name blocks hold namesakes: a third of them differed in the middle
    initial. Held at the floor, Else gives the rest of its m to the agreement levels, each
    in proportion to its m (their order kept), and so weighs less than before."""
    middle = next(c for c in settings_for("resource").comparisons if c.rarely_differs)
    size = len(middle.levels)
    m = np.r_[1.0, np.full(size - 2, 0.6 / (size - 2)), 0.4]
    m[1] += 0.05
    m[1:] /= m[1:].sum()
    u = np.r_[1.0, np.full(size - 2, 0.05 / (size - 2)), 0.95]
    held = constrain_m(middle, m, u).m
    assert held[-1] == pytest.approx(DISAGREEMENT_FLOOR)
    assert held[1:].sum() == pytest.approx(1.0)
    assert np.all(held[1:-1] > m[1:-1])
    assert held[1] / held[2] == pytest.approx(m[1] / m[2])
    assert np.log2(held[-1] / u[-1]) < np.log2(m[-1] / u[-1]) - 5


SURNAMES = next(c for c in settings_for("resource").comparisons if c.name == "last_name")


@st.composite
def _surname_tables(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    size = len(SURNAMES.levels)
    return _table(draw, size, 1e-7), _table(draw, size, 1e-5)


def test_two_common_names_alike_are_sorted_out_of_the_slips() -> None:
    labels = SURNAMES.labels
    assert sorted_out(SURNAMES) == [(labels.index("two_names"), labels.index("one_edit"))]


@settings(max_examples=200, deadline=None)
@given(_surname_tables())
def test_holding_m_to_the_order_again_changes_nothing(
    tables: tuple[np.ndarray, np.ndarray],
) -> None:
    """Learning without labels re-applies the constraints to a model's m: a level sorted out
    of another (two common names alike) keeps what it had."""
    m, u = tables
    held = constrain_m(SURNAMES, m, u).m
    again = constrain_m(SURNAMES, held, u, mass=float(held[1:].sum())).m
    assert np.allclose(again, held, rtol=1e-9, atol=1e-15)
    assert np.allclose(monotone(SURNAMES, held, u)[0], held, rtol=1e-9, atol=1e-15)


@settings(max_examples=200, deadline=None)
@given(_surname_tables())
def test_two_names_alike_weigh_no_more_than_the_slips_read_with_them(
    tables: tuple[np.ndarray, np.ndarray],
) -> None:
    m, u = tables
    constrained = constrain_m(SURNAMES, m, u)
    held = constrained.m
    ((index, after),) = sorted_out(SURNAMES)
    # the two are recorded as one run, whatever else the order pooled with them
    assert any({index, after} <= set(run) for run in constrained.pooled)
    in_order = weights_in_order(SURNAMES, held, u)
    assert np.log2(held[index] / u[index]) <= in_order[after] + 1e-9
    assert np.log2(held[after] / u[after]) >= in_order[after] - 1e-9
    assert in_order[index] == in_order[after]


def test_pooled_slips_leave_two_names_their_own_m() -> None:
    """The exact level weighs less than the slips with the two names read in: the three are
    pooled, and the two names keep their m (0 bits), the slips taking the rest."""
    labels = SURNAMES.labels
    exact, two, slip = (labels.index(label) for label in ("exact", "two_names", "one_edit"))
    m = np.full(len(labels), 1e-3)
    u = np.full(len(labels), 1e-3)
    m[0] = u[0] = 1.0
    m[exact], u[exact] = 0.3, 0.01  # 30 times
    m[two], u[two] = 0.01, 0.01  # 1 time: two names
    m[slip], u[slip] = 0.4, 0.001  # 400 times alone, 37 with the two names read in
    u[-1] = 1.0 - u[1:-1].sum()
    pooled, runs = monotone(SURNAMES, m, u)
    assert runs == ((exact, two, slip),)
    assert pooled[two] == m[two]
    ratio = (m[exact] + m[two] + m[slip]) / (u[exact] + u[two] + u[slip])
    assert pooled[exact] == pytest.approx(ratio * u[exact])
    assert pooled[slip] == pytest.approx(ratio * (u[two] + u[slip]) - m[two])
    assert pooled[[exact, two, slip]].sum() == pytest.approx(m[[exact, two, slip]].sum())


def test_fixed_m_is_kept_as_written() -> None:
    comparison = next(c for c in settings_for("rate_card").comparisons if c.fixed_m)
    m = comparison.fixed_m_table()
    assert m is not None
    u = np.r_[1.0, np.full(len(m) - 1, 1.0 / (len(m) - 1))]
    assert constrain_m(comparison, m, u).m.tolist() == m.tolist()


def _batch(entity: str) -> list[dict[str, object]]:
    config = GeneratorConfig(seed=11, customers=300, resources=300, rate_lines=0)
    data = generate(config)
    rows: list[dict[str, object]] = []
    for extract in data.extracts:
        if extract.entity == entity:
            rows += [{**row, "id": f"{extract.system}:{row['source_id']}"} for row in extract.rows]
    return rows


@pytest.fixture(scope="module", params=["customer", "resource"])
def trained(request: pytest.FixtureRequest) -> Matcher:
    matcher = Matcher(settings_for(request.param))
    matcher.train(matcher.prepare(_batch(request.param)))
    return matcher


def test_trained_models_keep_the_meaning_of_levels(trained: Matcher) -> None:
    model = trained.model
    assert isinstance(model, ModelParameters)
    for comparison, params in zip(trained.settings.comparisons, model.comparisons, strict=True):
        if not comparison.fixed_m:
            in_order = weights_in_order(comparison, params.m(), params.u())
            _assert_meaningful(comparison, params.weights(), in_order)


def test_agreement_on_all_both_hold_weighs_what_it_means() -> None:
    """The same postcode where a street is missing (the same city where street and postcode
    are) is rare among the matches of a complete batch, so EM alone leaves it at 0; it weighs
    at least log2(0.9 / the chance two random records share the value)."""
    matcher = Matcher(settings_for("customer"))
    prepared = matcher.prepare(_batch("customer"))
    matcher.train(prepared)
    assert matcher.model is not None
    address = next(c for c in matcher.settings.comparisons if c.name == "address")
    floors = meaning_floors(address, prepared)
    assert floors is not None
    weights = matcher.model.comparison("address").weights()
    for label in ("same_postcode_no_street", "same_city_no_finer"):
        index = address.labels.index(label)
        assert floors[index] > 3.0, label  # a postcode or a city is shared by few records
        assert weights[index] >= floors[index] - 1e-9, label


def test_agreement_on_the_parts_one_side_lacks_is_not_pooled_with_finer_levels() -> None:
    """The same city where one record holds no street stands before a similar street (they
    exclude each other) but is not the stronger: pooled with it, a similar street weighed
    what a common city does (Fodor's / Zagat with 30% of fields blanked: 2.7 bits where it
    weighs 6 on the full guides). Each keeps its own ratio; neither falls below 0."""
    address = next(c for c in settings_for("customer").comparisons if c.name == "address")
    labels = address.labels
    u = np.full(len(labels), 1e-4)
    m = np.full(len(labels), 1e-6)
    for label, u_level, m_level in (
        ("same_street", 1e-4, 0.40),
        ("same_city_no_finer", 0.06, 0.20),
        ("similar_street", 0.0025, 0.20),
        ("same_city", 0.07, 0.05),
        ("else", 0.87 - 3.4e-3, 0.15),
    ):
        u[labels.index(label)], m[labels.index(label)] = u_level, m_level
    u[0] = m[0] = 1.0
    u[1:] /= u[1:].sum()
    m[1:] /= m[1:].sum()
    weights = np.log2(constrain_m(address, m, u).m / u)
    city, street = labels.index("same_city_no_finer"), labels.index("similar_street")
    assert city not in ordered_agreements(address)
    assert weights[street] > 6.0
    assert weights[city] == pytest.approx(np.log2(m[city] / u[city]), abs=0.1)
    _assert_meaningful(address, weights)


def _heavy_name_level(label: str) -> tuple[Comparison, int, int, np.ndarray, np.ndarray]:
    """The customer name comparison with m and u as EM finds them for a level seldom seen in
    random pairs (``label``): heavier than the names merely alike (jaro_winkler_0.94). Returns
    the comparison, the two levels' indices, m and u."""
    name = next(c for c in settings_for("customer").comparisons if c.name == "name")
    labels = name.labels
    heavy, alike = labels.index(label), labels.index("jaro_winkler_0.94")
    u = np.r_[1.0, np.full(len(labels) - 1, 1e-5)]
    m = np.r_[1.0, np.full(len(labels) - 1, 0.01)]
    u[heavy], m[heavy] = 5e-7, 0.02
    u[alike], m[alike] = 1.6e-5, 0.006
    u[-1], m[-1] = 1.0 - u[1:-1].sum(), 0.1
    m[1:] /= m[1:].sum()
    return name, heavy, alike, m, u


def test_a_name_within_the_other_at_one_office_lends_no_weight_to_names_merely_alike() -> None:
    """One name within the other at one street address or phone number is seldom seen in
    random pairs (which seldom share a street), so EM finds it heavier than any name level.
    Pooled with the names merely alike before it, it lifted them (generated customers with
    30% of names abbreviated: 8.6 to 11.1 bits, and a subsidiary sharing its parent's web
    domain linked unattended); held below them instead, they keep their own weight, and the
    m it gives up goes to the other levels as if its pairs were not there."""
    name, office, alike, m, u = _heavy_name_level("within_at_office")
    labels = name.labels
    held = constrain_m(name, m, u).m
    weights = np.log2(held / u)
    assert office not in ordered_agreements(name)
    exact = labels.index("exact")
    found = np.log2(m[alike] / u[alike]) - np.log2(m[exact] / u[exact])
    assert weights[alike] - weights[exact] == pytest.approx(found)
    assert weights[office] <= weights[alike]
    weighed = [i for i in range(1, len(labels)) if labels[i] not in name.neutral_levels]
    assert held[weighed].sum() == pytest.approx(m[weighed].sum())
    _assert_meaningful(name, weights)


def test_a_name_with_an_office_word_weighs_no_more_than_names_merely_alike() -> None:
    """Few random pairs hold a name and the same name with an office word ("Acme" / "Acme
    Branch"), so EM finds the level heavier than names merely alike: held below them, not
    pooled with them, it leaves their weight as found."""
    name, office, alike, m, u = _heavy_name_level("plus_office")
    labels = name.labels
    weights = np.log2(constrain_m(name, m, u).m / u)
    assert office not in ordered_agreements(name)
    exact = labels.index("exact")
    found = np.log2(m[alike] / u[alike]) - np.log2(m[exact] / u[exact])
    assert weights[alike] - weights[exact] == pytest.approx(found)
    assert 0.0 <= weights[office] <= weights[alike]


def _weight(
    matcher: Matcher, name: str, left: Mapping[str, object], right: Mapping[str, object]
) -> float:
    prepared = matcher.prepare([{"id": "l", **left}, {"id": "r", **right}])
    explanation = matcher.score(prepared, np.array([[0, 1]])).explain(0)
    return next(part.weight for part in explanation.comparisons if part.comparison == name)


CUSTOMER = {
    "name": "Quillfeather Analytics GmbH", "tax_id": "DE136695976", "duns": "150483782",
    "website": "quillfeather.de", "phone": "+4930123456", "address_line1": "Hauptstr. 5",
    "postal_code": "10115", "city": "Berlin", "country": "DE",
}  # fmt: skip
RESOURCE = {
    "first_name": "Patricia", "last_name": "Okafor", "email": "patricia.okafor@acme.com",
    "phone": "+442071234567", "employee_number": "E10442", "title": "Consultant",
    "location_city": "London", "country": "GB", "hire_date": "2019-03-04", "cost_rate": "95",
}  # fmt: skip


def _record(matcher: Matcher) -> dict[str, object]:
    return dict(CUSTOMER if matcher.settings.entity == "customer" else RESOURCE)


def test_a_missing_value_weighs_zero(trained: Matcher) -> None:
    full = _record(trained)
    checked: set[str] = set()
    for field in full:
        if field in {"name", "first_name", "last_name"}:
            continue
        blank = {**full, field: ""}
        missing = trained.prepare([{"id": "b", **blank}])
        for comparison in trained.settings.comparisons:
            weight = _weight(trained, comparison.name, full, blank)
            # a comparison of several features (the address) may still agree on what is left
            assert weight >= 0.0, (field, comparison.name, weight)
            if is_null(missing.column(comparison.feature))[0]:
                assert weight == 0.0, (field, comparison.name)
                checked.add(comparison.name)
    # every comparison of one field is checked: identifiers, phone, e-mail, dates, rates (a
    # customer's country is read from its phone or VAT number as well: not one field)
    assert len(checked) >= (4 if trained.settings.entity == "customer" else 5), checked


def test_another_value_of_the_same_scheme_weighs_less_than_another_scheme(
    trained: Matcher,
) -> None:
    if trained.settings.entity == "customer":
        cases = [("tax_id", "DE136695976", "DE811907980", "123456789", "tax_id")]
        cases.append(("duns", "150483782", "804735132", "", "duns"))
    else:
        cases = [("employee_number", "E10442", "E20871", "778812", "employee_number")]
        cases.append(("email", "patricia.okafor@acme.com", "p.okafor2@acme.com",
                      "patty.o@beta-consulting.com", "email"))  # fmt: skip
    for comparison, value, same_scheme, other_scheme, field in cases:
        left = _record(trained)
        same = _weight(trained, comparison, left, {**left, field: same_scheme})
        assert same < 0.0, comparison
        if other_scheme:
            other = _weight(trained, comparison, left, {**left, field: other_scheme})
            assert other == 0.0, comparison
            assert same < other, comparison
        assert math.isfinite(same)
        del value
