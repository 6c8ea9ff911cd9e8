"""Rate cards: one line across systems links, a price not updated or a unit keyed wrongly
included; other lines, versions and clients stay apart; amounts far apart go to review."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import pytest

from matching.engine import Matcher
from matching.presets import settings_for
from matching.presets.rate_card import (
    STANDARD_CARD,
    rate_card_settings,
    role_key,
    standardise_region,
)
from matching.presets.role_vocabulary import read_vocabulary
from mdm.synthetic import GeneratorConfig, generate

LINE: dict[str, object] = {
    "role": "Senior Consultant",
    "level": "L3",
    "currency": "EUR",
    "rate": "180.00",
    "unit": "hour",
    "effective_from": "2024-01-01",
    "effective_to": "2024-12-31",
    "customer_source_id": "C-1",
    "customer_ref": "G1",
    "region": "EMEA",
}


def _records(config: GeneratorConfig) -> tuple[list[dict[str, object]], dict[str, str]]:
    """Rate-card records as the hub passes them (``customer_ref`` = the customer's truth)."""
    dataset = generate(config)
    records: list[dict[str, object]] = []
    truth: dict[str, str] = {}
    for extract in dataset.extracts:
        if extract.entity != "rate_card":
            continue
        for row in extract.rows:
            record_id = f"{extract.system}:{row['source_id']}"
            record: dict[str, object] = {**row, "id": record_id, "source": extract.system}
            if row["customer_source_id"]:
                key = (extract.system, "customer", row["customer_source_id"])
                record["customer_ref"] = dataset.truth[key]
            records.append(record)
            truth[record_id] = dataset.truth[(extract.system, "rate_card", row["source_id"])]
    return records, truth


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    records, _ = _records(GeneratorConfig(seed=3, customers=200, resources=5, rate_lines=150))
    trained = Matcher(rate_card_settings())
    trained.train(trained.prepare(records))
    return trained


def _score(matcher: Matcher, left: Mapping[str, object], right: Mapping[str, object]) -> str:
    [(_, probability, why)] = matcher.score_against({**left, "id": "a"}, [{**right, "id": "b"}])
    decision = matcher.settings.thresholds.decide(probability)
    assert decision != "auto" or not why.review_forced
    return decision


def test_the_same_line_links(matcher: Matcher) -> None:
    assert _score(matcher, LINE, dict(LINE)) == "auto"


def test_an_hour_rate_equals_its_day_rate(matcher: Matcher) -> None:
    day = {**LINE, "rate": "1440.00", "unit": "day", "level": "3"}
    assert _score(matcher, LINE, day) == "auto"
    short_days = Matcher(rate_card_settings(hours_per_day=7.5), matcher.model)
    assert _score(short_days, LINE, {**day, "rate": "1350.00"}) == "auto"


def test_spellings_of_role_level_and_region_link(matcher: Matcher) -> None:
    other = {**LINE, "role": "Sr. Consultant", "level": "Level III", "region": "Europe"}
    assert _score(matcher, LINE, other) == "auto"
    assert role_key("Engineer, Data") == role_key("Data Engineer")
    assert standardise_region("North America") == standardise_region("NA")


def _level(matcher: Matcher, comparison: str, right: Mapping[str, object]) -> str:
    [(_, _, why)] = matcher.score_against({**LINE, "id": "a"}, [{**right, "id": "b"}])
    return next(c.level for c in why.comparisons if c.comparison == comparison)


def test_a_price_one_system_has_not_updated_links(matcher: Matcher) -> None:
    """The same client, role, level and period: one line, whose price survivorship picks."""
    assert _score(matcher, LINE, {**LINE, "rate": "185.00"}) == "auto"


def test_a_unit_keyed_wrongly_links(matcher: Matcher) -> None:
    day_rate_as_hourly = {**LINE, "rate": "1440.00"}
    assert _level(matcher, "rate", day_rate_as_hourly) == "unit_slip"
    assert _score(matcher, LINE, day_rate_as_hourly) == "auto"


def test_amounts_further_apart_go_to_review(matcher: Matcher) -> None:
    assert _score(matcher, LINE, {**LINE, "rate": "200.00"}) == "review"


@pytest.mark.parametrize(
    "change",
    [
        {"level": "L4"},
        {"role": "Manager"},
        {"customer_ref": "G2"},
        {"customer_source_id": "", "customer_ref": None},
        {"effective_from": "2025-01-01", "effective_to": ""},
    ],
)
def test_a_near_price_does_not_join_other_lines(
    matcher: Matcher, change: dict[str, object]
) -> None:
    """Another level, role or client, the standard card, or a later version stay apart."""
    assert _score(matcher, LINE, {**LINE, "rate": "185.00", **change}) == "distinct"


def test_disjoint_periods_are_two_versions(matcher: Matcher) -> None:
    renewal = {**LINE, "effective_from": "2025-01-01", "effective_to": "", "rate": "180.00"}
    assert _score(matcher, LINE, renewal) == "distinct"


def test_a_later_version_overlapping_one_without_end_is_not_linked(matcher: Matcher) -> None:
    open_ended = {**LINE, "effective_to": ""}
    renewal = {**LINE, "effective_from": "2025-01-01", "effective_to": "", "rate": "187.00"}
    assert _score(matcher, open_ended, renewal) == "distinct"


def test_other_customers_and_the_standard_card_are_distinct(matcher: Matcher) -> None:
    assert _score(matcher, LINE, {**LINE, "customer_ref": "G2"}) == "distinct"
    standard = {**LINE, "customer_source_id": "", "customer_ref": None}
    assert _score(matcher, LINE, standard) == "distinct"


def test_an_unresolved_customer_is_no_evidence(matcher: Matcher) -> None:
    unresolved = {**LINE, "customer_ref": None}
    assert _score(matcher, LINE, unresolved) == "auto"


@pytest.mark.parametrize(
    "change",
    [
        {"role": "Manager"},
        {"role": "Data Scientist"},
        {"level": "L4"},
        {"currency": "GBP"},
        {"region": "DACH"},
    ],
)
def test_lines_differing_in_a_key_field_are_distinct(
    matcher: Matcher, change: dict[str, object]
) -> None:
    assert _score(matcher, LINE, {**LINE, **change}) == "distinct"


def test_a_region_written_as_a_country_is_not_a_conflict(matcher: Matcher) -> None:
    assert _score(matcher, LINE, {**LINE, "region": "Germany"}) == "auto"


def _pairs(groups: Mapping[str, list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for members in groups.values() for a in members for b in members if a < b}


def test_generated_rate_cards_stay_above_the_floor() -> None:
    records, truth = _records(GeneratorConfig(seed=5, customers=300, resources=5, rate_lines=250))
    resolution = Matcher(rate_card_settings()).resolve(records)
    predicted: dict[str, list[str]] = {str(n): c for n, c in enumerate(resolution.clusters)}
    true_groups: dict[str, list[str]] = defaultdict(list)
    for record_id, truth_id in truth.items():
        true_groups[truth_id].append(record_id)
    found, expected = _pairs(predicted), _pairs(true_groups)
    precision = len(found & expected) / len(found)
    recall = len(found & expected) / len(expected)
    reviewed = {
        record_id
        for link in resolution.links
        if link.decision == "review"
        for record_id in (link.left_id, link.right_id)
    }
    assert precision >= 0.98
    assert 2 * precision * recall / (precision + recall) >= 0.93
    assert len(reviewed) / len(records) <= 0.05


def test_the_role_vocabulary_names_other_systems_roles() -> None:
    assert role_key("PM") == role_key("Project Manager")
    assert role_key("Principal / Partner") == role_key("Partner")
    assert role_key("Data Eng.") == role_key("Data Engineer")
    assert role_key("Consultant (Delivery)") == role_key("Consultant")
    assert role_key("Principal") != role_key("Partner")


def test_a_firm_extends_the_role_vocabulary_in_data() -> None:
    firm = rate_card_settings(role_vocabulary={"Delivery Lead": "Engagement Manager"})
    role = next(f for f in firm.features if f.name == "role_key")
    shipped = next(f for f in rate_card_settings().features if f.name == "role_key")
    lead, manager = {"role": "Delivery Lead"}, {"role": "Engagement Manager"}
    assert role.derive(lead) == role.derive(manager)
    assert shipped.derive(lead) != shipped.derive(manager)


def test_a_vocabulary_file_adds_a_firms_spellings(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_text("# our own titles\nspelling,role\n\nHead of Architecture,Principal Architect\n")
    assert read_vocabulary(path) == {"Head of Architecture": "Principal Architect"}
    firm = settings_for("rate_card", role_vocabulary=path)
    role = next(f for f in firm.features if f.name == "role_key")
    head, principal = {"role": "Head of Architecture"}, {"role": "Principal Architect"}
    assert role.derive(head) == role.derive(principal)
    shipped = next(f for f in settings_for("rate_card").features if f.name == "role_key")
    assert shipped.derive(head) != shipped.derive(principal)


def test_a_vocabulary_file_without_its_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_text("title,means\nHead of Architecture,Principal Architect\n")
    with pytest.raises(ValueError, match="spelling and role"):
        read_vocabulary(path)


def test_a_role_spelt_by_another_system_links(matcher: Matcher) -> None:
    line = {**LINE, "role": "Project Manager"}
    assert _score(matcher, line, {**line, "role": "PM", "level": "Level III"}) == "auto"


STANDARD_LINE = {**LINE, "customer_source_id": "", "customer_ref": None}


def test_a_standard_card_line_missing_its_region_links(matcher: Matcher) -> None:
    assert _score(matcher, STANDARD_LINE, {**STANDARD_LINE, "region": ""}) == "auto"
    assert _score(matcher, STANDARD_LINE, {**STANDARD_LINE, "region": "DACH"}) == "distinct"


def test_the_standard_card_is_not_weighed_as_one_common_value(matcher: Matcher) -> None:
    """Its lines are copied more than a client's: agreeing on it says more than its share of
    the records, which is all a term-frequency weight would credit."""
    [(_, _, why)] = matcher.score_against(
        {**STANDARD_LINE, "id": "a"}, [{**STANDARD_LINE, "id": "b"}]
    )
    customer = next(c for c in why.comparisons if c.comparison == "customer")
    assert matcher.model is not None
    share = matcher.model.term_frequencies["customer"].frequency(STANDARD_CARD)
    assert customer.level == "standard_card"
    assert customer.weight > math.log2(1 / share) + 1


def test_a_start_moved_within_the_year_with_an_open_end_links(matcher: Matcher) -> None:
    moved = {"effective_from": "2024-02-15", "effective_to": ""}
    assert _score(matcher, LINE, {**LINE, **moved}) == "auto"
    assert _score(matcher, STANDARD_LINE, {**STANDARD_LINE, **moved}) == "auto"
    next_year = {"effective_from": "2025-01-01", "effective_to": ""}
    assert _score(matcher, STANDARD_LINE, {**STANDARD_LINE, **next_year}) == "distinct"


def _weight(matcher: Matcher, comparison: str, right: Mapping[str, object]) -> float:
    [(_, _, why)] = matcher.score_against({**LINE, "id": "a"}, [{**right, "id": "b"}])
    return next(c.weight for c in why.comparisons if c.comparison == comparison)


def test_an_open_end_is_no_evidence_and_another_end_is_against(matcher: Matcher) -> None:
    same = _weight(matcher, "period_end", LINE)
    open_end = _weight(matcher, "period_end", {**LINE, "effective_to": ""})
    other = _weight(matcher, "period_end", {**LINE, "effective_to": "2025-12-31"})
    assert same > 0 == open_end > other


def test_a_per_day_line_weighs_as_its_per_hour_twin(matcher: Matcher) -> None:
    day = {**LINE, "rate": "1440.00", "unit": "day"}
    assert _level(matcher, "rate", day) == "same_amount"
    assert _weight(matcher, "rate", day) == _weight(matcher, "rate", LINE)


def test_a_day_rate_is_converted_at_the_configured_hours(matcher: Matcher) -> None:
    short_day = {**LINE, "rate": "1350.00", "unit": "day"}  # 180 an hour at 7.5 hours a day
    short_days = Matcher(rate_card_settings(hours_per_day=7.5), matcher.model)
    assert _level(short_days, "rate", short_day) == "same_amount"
    assert _score(short_days, LINE, short_day) == "auto"


def test_a_source_with_another_working_day_is_not_a_conflict(matcher: Matcher) -> None:
    """Configured at 8 hours, a 7.5-hour day rate is the other working day, weaker evidence
    than the same amount but for, not a conflict that forces review."""
    short_day = {**LINE, "rate": "1350.00", "unit": "day"}
    assert _level(matcher, "rate", short_day) == "other_day_length"
    assert 0 < _weight(matcher, "rate", short_day) < _weight(matcher, "rate", LINE)
    assert _score(matcher, LINE, short_day) == "auto"
    assert _level(matcher, "rate", {**short_day, "rate": "1250.00"}) == "conflict"


def test_overlapping_periods_agree_and_disjoint_ones_do_not(matcher: Matcher) -> None:
    same = _weight(matcher, "period", LINE)
    moved = _weight(matcher, "period", {**LINE, "effective_from": "2024-05-01"})
    later_year = {"effective_from": "2025-01-01", "effective_to": ""}
    disjoint = _weight(matcher, "period", {**LINE, **later_year})
    assert same > moved > disjoint
    assert _level(matcher, "period", {**LINE, "effective_from": "2024-05-01"}) == (
        "overlap_same_year"
    )
    assert _score(matcher, LINE, {**LINE, "effective_from": "2024-05-01"}) == "auto"
    assert _score(matcher, LINE, {**LINE, **later_year}) == "distinct"


def test_a_source_with_its_own_working_day_converts_at_its_hours(matcher: Matcher) -> None:
    """``source_hours`` names the sources whose day differs: their day rates are divided by
    their own hours, the others' by ``hours_per_day``."""
    settings = rate_card_settings(source_hours={"billing": 7.5})
    billing = Matcher(settings, matcher.model)
    short_day = {**LINE, "rate": "1350.00", "unit": "day"}
    assert _level(billing, "rate", {**short_day, "source": "billing"}) == "same_amount"
    assert _level(billing, "rate", {**short_day, "source": "erp"}) == "other_day_length"
    assert _level(billing, "rate", {**LINE, "rate": "1440.00", "unit": "day"}) == "same_amount"


@pytest.mark.parametrize(
    ("spelling", "role"),
    [
        ("Developer", "Software Developer"),
        ("Dev", "Software Developer"),
        ("Berater", "Consultant"),
        ("Senior Berater", "Senior Consultant"),
        ("Projektleiter", "Project Manager"),
        ("Softwareentwickler", "Software Developer"),
        ("Lösungsarchitekt", "Solution Architect"),
        ("Loesungsarchitekt", "Solution Architect"),
        ("Geschäftsführer / Partner", "Partner"),
        ("Geschäftsführer/Partner", "Partner"),
        ("Direktor", "Director"),
        ("Chef de projet", "Project Manager"),
        ("Développeur", "Software Developer"),
        ("Architecte de solutions", "Solution Architect"),
        ("Consultor Senior", "Senior Consultant"),
        ("Jefe de proyecto", "Project Manager"),
        ("Desarrollador", "Software Developer"),
        ("Projectleider", "Project Manager"),
        ("Ontwikkelaar", "Software Developer"),
        ("Proj. Mgr.", "Project Manager"),
    ],
)
def test_the_role_vocabulary_reads_abbreviations_and_other_languages(
    spelling: str, role: str
) -> None:
    assert role_key(spelling) == role_key(role)


def test_a_firms_own_grades_are_not_shipped() -> None:
    """A firm whose ``Junior Berater`` is its analyst says so in its own vocabulary."""
    assert role_key("Junior Berater") != role_key("Analyst")
    firm = rate_card_settings(role_vocabulary={"Junior Berater": "Analyst"})
    role = next(f for f in firm.features if f.name == "role_key")
    assert role.derive({"role": "Junior Berater"}) == role.derive({"role": "Analyst"})


@pytest.mark.parametrize(
    ("a", "b"),
    [("GB", "UK"), ("United Kingdom", "GB"), ("U.K.", "UK"), ("D/A/CH", "DACH"),
     ("D-A-CH", "DACH"), ("Schweiz", "CH"), ("Americas", "AMER")],
)  # fmt: skip
def test_spellings_of_one_region_agree(a: str, b: str) -> None:
    assert standardise_region(a) == standardise_region(b)


def test_a_region_and_a_country_in_it_stay_apart() -> None:
    assert standardise_region("Germany") != standardise_region("DACH")
    assert standardise_region("GB") != standardise_region("EMEA")


def _feature(name: str, record: Mapping[str, object]) -> object:
    return next(f for f in rate_card_settings().features if f.name == name).derive(record)


@pytest.mark.parametrize(
    ("rate", "currency", "expected"),
    [
        ("€237.50/hr", "", "EUR"),
        ("£115/hr", "", "GBP"),
        ("$975/day", "", "USD"),
        ("EUR 625,00 per day", "", "EUR"),
        ("95 GBP/h", "", "GBP"),
        ("180.00", "", None),
        ("€237.50/hr", "EUR", "EUR"),
        ("180.00", "eur", "EUR"),
    ],
)
def test_the_currency_is_read_from_the_rate_where_its_column_is_empty(
    rate: str, currency: str, expected: str | None
) -> None:
    assert _feature("currency", {"rate": rate, "currency": currency}) == expected


def test_the_unit_is_read_from_the_rate_where_its_column_is_empty() -> None:
    assert _feature("rate_unit", {"rate": "€950/day", "unit": ""}) == "day"
    assert _feature("hourly_rate", {"rate": "€950/day", "unit": ""}) == pytest.approx(118.75)
    assert _feature("rate_unit", {"rate": "€118.75/hr", "unit": ""}) == "hour"
    assert _feature("rate_unit", {"rate": "118.75", "unit": ""}) == "hour"
    assert _feature("rate_unit", {"rate": "950", "unit": "MD"}) == "day"


def test_a_line_with_currency_and_unit_in_its_rate_links(matcher: Matcher) -> None:
    """As the hub reads the record: the rate's text fills its empty currency and unit."""
    written = {**LINE, "rate": "€1,440.00/day", "currency": "", "unit": ""}
    assert _level(matcher, "rate", written) == "same_amount"
    assert _level(matcher, "currency", written) == "exact"
    assert _score(matcher, LINE, written) == "auto"


# LINE as two systems hold it: the whole key agrees (a role's other spelling, the level
# written otherwise, a start keyed later, no end given), the price not updated, a day rate
# from a source whose working day is 7.5 hours, a unit keyed wrongly
HELD = {**LINE, "source": "erp"}
KEPT_KEY = {
    "source": "psa",
    "role": "Sr. Consultant",
    "level": "Level III",
    "effective_from": "2024-02-15",
    "effective_to": "",
}


def _key(
    matcher: Matcher, left: Mapping[str, object], right: Mapping[str, object]
) -> tuple[str, float]:
    [(_, _, why)] = matcher.score_against({**left, "id": "a"}, [{**right, "id": "b"}])
    key = next(c for c in why.comparisons if c.comparison == "business_key")
    return key.level, key.weight


@pytest.mark.parametrize(
    "amount",
    [
        {"rate": "186.50"},
        {"rate": "1350.00", "unit": "day"},
        {"rate": "1440.00", "unit": "hour"},
    ],
)
def test_a_whole_key_carries_a_price_apart(matcher: Matcher, amount: dict[str, object]) -> None:
    """A line is unique by its key: the pair links unattended, and says why."""
    copy = {**HELD, **KEPT_KEY, **amount}
    level, weight = _key(matcher, HELD, copy)
    assert level == "whole_key"
    assert weight > 3
    assert _score(matcher, HELD, copy) == "auto"


def test_a_whole_key_does_not_carry_a_price_further_apart(matcher: Matcher) -> None:
    renegotiated = {**HELD, **KEPT_KEY, "rate": "200.00"}
    assert _key(matcher, HELD, renegotiated)[0] == "whole_key"
    assert _score(matcher, HELD, renegotiated) == "review"


STANDARD_HELD = {**STANDARD_LINE, "source": "erp"}


@pytest.mark.parametrize(
    ("left", "change"),
    [
        (HELD, {"customer_ref": "G2", "customer_source_id": "C-2"}),
        (HELD, {"effective_from": "2025-01-01", "effective_to": "2025-12-31"}),
        ({**HELD, "effective_to": ""}, {"effective_from": "2025-01-01"}),
        (HELD, {"customer_source_id": "", "customer_ref": None}),
        (HELD, {"region": "DACH"}),
        (HELD, {"region": ""}),
        (HELD, {"level": "L4"}),
        (HELD, {"level": ""}),
        (HELD, {"effective_from": "2024-07-01"}),
        (HELD, {"effective_to": "2024-06-30"}),
        (HELD, {"source": "erp"}),
        (STANDARD_HELD, {}),
    ],
)
def test_a_key_agreeing_in_part_weighs_nothing_more(
    matcher: Matcher, left: Mapping[str, object], change: dict[str, object]
) -> None:
    """Another client, the next year's card, a client's card against the standard card,
    another region or level, or one left empty, a price revised within the year, another
    term, two lines of one system, the standard card (whose key systems do not keep unique):
    no whole key, which weighs 0, and the pair scores as the key's fields say."""
    right = {**left, **KEPT_KEY, "rate": "186.50", **change}
    assert _key(matcher, left, right) == ("not_whole", 0.0)


@pytest.mark.parametrize(
    "change",
    [
        {"customer_ref": "G2", "customer_source_id": "C-2"},
        {"effective_from": "2025-01-01", "effective_to": "2025-12-31"},
        {"customer_source_id": "", "customer_ref": None},
        {"region": "DACH"},
        {"level": "L4"},
    ],
)
def test_what_the_key_separates_stays_apart_at_a_near_price(
    matcher: Matcher, change: dict[str, object]
) -> None:
    right = {**HELD, **KEPT_KEY, "rate": "186.50", **change}
    assert _score(matcher, HELD, right) == "distinct"
