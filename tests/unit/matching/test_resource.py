"""The resource preset's comparisons: each fact about two people is weighed once."""

from __future__ import annotations

import numpy as np
import pytest

from matching import Matcher
from matching.feature import prepare_records
from matching.m_constraints import constrain_m
from matching.pair_view import PairView
from matching.presets.resource import resource_settings
from matching.presets.resource_blocking import month_and_day_either_way
from tests.unit.matching.preset_levels import preset_level

SETTINGS = resource_settings()


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("jo.doe@acme.com", "jo.doe@acme.com", "same_address"),
        # a mover: the same mailbox name at the new firm's domain
        ("jo.doe@beta.com", "jo.doe@acme.com", "same_mailbox_elsewhere"),
        # one firm never gives two people one mailbox: a second Jo Doe is "jo.doe2"
        ("jo.doe@acme.com", "jo.doe2@acme.com", "other_mailbox_same_domain"),
        # another firm's naming scheme ("jdoe") says little either way
        ("jdoe@beta.com", "jo.doe@acme.com", "other_scheme"),
        # free-mail domains are no organisation: two mailboxes there are not two people
        ("jo.doe@gmail.com", "jodoe77@gmail.com", "other_scheme"),
        ("", "jo.doe@acme.com", "null"),
    ],
)
def test_email_is_one_comparison_with_levels_per_domain(left: str, right: str, level: str) -> None:
    assert preset_level(SETTINGS, "email", {"email": left}, {"email": right}) == level


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        (("London", "GB"), ("london", "GB"), "same_city"),
        # two cities of one country: a person who moved, or two people (weighed as trained)
        (("London", "GB"), ("Manchester", "GB"), "moved"),
        (("London", "GB"), ("", "GB"), "same_country"),
        (("London", "GB"), ("Paris", "FR"), "else"),
        # the same city says so though one record leaves the country out
        (("London", ""), ("London", "GB"), "same_city"),
        (("London", ""), ("Paris", "FR"), "else"),
        # a city against a country only: nothing to compare
        (("London", ""), ("", "GB"), "nothing_in_common"),
        (("", ""), ("London", "GB"), "null"),
    ],
)
def test_city_and_country_are_one_location(
    left: tuple[str, str], right: tuple[str, str], level: str
) -> None:
    def record(place: tuple[str, str]) -> dict[str, object]:
        return {"location_city": place[0], "country": place[1]}

    assert preset_level(SETTINGS, "location", record(left), record(right)) == level


@pytest.mark.parametrize(
    ("left", "right", "first", "last"),
    [
        (("Anna", "Smith"), ("Anna", "Smith"), "exact", "exact"),
        # first and last name exchanged: each name agrees, the other way round (RLdata10000
        # with 30% of the names exchanged: F1 0.71 when only the first name counted it)
        (("Anna", "Smith"), ("Smith", "Anna"), "swapped", "swapped"),
        (("Anna", "Smith"), ("Anna", "Smyth"), "exact", "one_edit"),
        # exchanged with a slip: each name as alike as it is, not two disagreements
        (("Andrea", "Ricci"), ("Ricci", "Andea"), "swapped_alike", "swapped_alike"),
        (("Laura", "Wright"), ("Wright", "Lautra"), "swapped_alike", "swapped_alike"),
        (("Anna", "Smith"), ("Smith", "Zoe"), "else", "else"),
        # a name reading the same either way round was not exchanged
        (("Peter", "Peters"), ("Peter", "Peters"), "exact", "exact"),
        # a first name of two words exchanged into the last name: its first word is the name
        (("Anne Pamela", "Easley"), ("Easley", "Anne Pamela"), "swapped", "swapped"),
        (("Anne P", "Easley"), ("Easley", "Anne Pamela"), "swapped", "swapped"),
    ],
)
def test_a_name_swap_is_weighed_on_each_name(
    left: tuple[str, str], right: tuple[str, str], first: str, last: str
) -> None:
    def record(name: tuple[str, str]) -> dict[str, object]:
        return {"first_name": name[0], "last_name": name[1]}

    levels = [
        preset_level(SETTINGS, name, record(left), record(right))
        for name in ("first_name", "last_name")
    ]
    assert levels == [first, last]


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("Jerry Edward", "Jerry Edward", "exact"),
        ("Jerry E", "Jerry Edward", "same_initials"),
        ("Jerry E.", "Jerry Edward", "same_initials"),
        ("Anita R", "Anita Anna", "else"),
        ("John R.", "John W.", "else"),
        # a slip in a middle name written out is a slip, not another name
        ("Birgit Ruth", "Birgit Tuth", "alike"),
        # a record without a middle name says nothing about it
        ("Jerry", "Jerry Edward", "null"),
    ],
)
def test_middle_names_agree_as_far_as_an_initial_goes(left: str, right: str, level: str) -> None:
    def record(first: str) -> dict[str, object]:
        return {"first_name": first, "last_name": "Murray"}

    assert preset_level(SETTINGS, "middle_name", record(left), record(right)) == level


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("Cheryl", "Cheriel", "jaro_winkler_0.8"),
        ("Vanna", "Vanessa", "jaro_winkler_0.8"),
        ("J", "John", "initial"),
        # twins: another given name altogether
        ("Theodore", "Anna", "else"),
    ],
)
def test_given_names_that_are_alike_are_not_different(left: str, right: str, level: str) -> None:
    def record(first: str) -> dict[str, object]:
        return {"first_name": first, "last_name": "Yeager"}

    assert preset_level(SETTINGS, "first_name", record(left), record(right)) == level


def test_alike_first_names_many_people_bear_each_are_two_names_not_a_slip() -> None:
    # many named Andrea and Andreas, one Andreaz (a slip) and a few of other names
    firsts = ["Andrea"] * 8 + ["Andreas"] * 8 + ["Andreaz"] + ["Bernd", "Carla", "Dieter"]
    records = [{"id": str(n), "first_name": first} for n, first in enumerate(firsts)]
    batch = prepare_records(records, SETTINGS.features)
    comparison = next(c for c in SETTINGS.comparisons if c.name == "first_name")
    pairs = PairView(batch, batch, np.array([0, 16, 16]), np.array([8, 8, 0]))
    levels = [comparison.labels[level] for level in comparison.evaluate(pairs)]
    assert levels == ["two_names", "jaro_winkler_0.92", "jaro_winkler_0.92"]


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("M.", "Michael James", "initial"),
        ("M", "Michael", "initial"),
        # the first name lost, its middle name's initial kept: people bear two given names
        # as often as not, so this agrees by chance about twice as often
        ("J.", "Michael James", "a_middle_initial"),
        ("K.", "Michael James", "else"),
    ],
)
def test_an_initial_of_the_first_given_name_is_told_from_a_middle_ones(
    left: str, right: str, level: str
) -> None:
    def record(first: str) -> dict[str, object]:
        return {"first_name": first, "last_name": "Murray"}

    assert preset_level(SETTINGS, "first_name", record(left), record(right)) == level


def test_a_record_without_a_country_is_of_its_phones_country() -> None:
    munich = {"location_city": "Munich", "country": "DE"}
    assert preset_level(SETTINGS, "location", munich, {"phone": "+49 89 1234567"}) == "same_country"
    assert preset_level(SETTINGS, "location", munich, {"phone": "+1 212 555 0100"}) == "else"
    # the country given stands
    given = {"country": "AT", "phone": "+49 89 1234567"}
    assert preset_level(SETTINGS, "location", munich, given) == "else"


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        # a slipped digit that takes a birth or hire date off the calendar is still one slip
        ("1994-11-71", "1994-11-21", "month_or_day_slip"),
        ("1950-19-05", "1950-12-05", "month_or_day_slip"),
        ("9185-10-14", "1985-10-14", "year_slip"),
        ("1994-11-71", "1994-11-71", "exact"),
        # beyond its slip it is known to be wrong: no evidence either way
        ("1994-11-71", "1962-03-08", "off_calendar"),
        ("1994-11-21", "1962-03-08", "else"),
        # one part wrong beyond a slip: which part, for each is shared by chance so often
        ("1994-11-21", "1994-03-21", "other_month"),
        ("1994-11-21", "1994-11-08", "other_day"),
        ("1994-11-21", "1962-11-21", "other_year"),
        # a month or day written as zero (unknown, or a digit slipped to 0): the date agrees
        # on the parts it holds (RLdata10000: 1992-00-08 is 1992-05-08 in 8 of 8 records)
        ("1992-00-08", "1992-05-08", "month_or_day_slip"),
        ("1951-11-00", "1951-11-09", "month_or_day_slip"),
        ("1951-11-00", "1951-11-23", "other_day"),
        ("1992-00-08", "1992-11-08", "other_month"),
        ("1992-00-08", "1962-03-14", "off_calendar"),
        # a year alone is no date to compare
        ("1970-00-00", "1970-01-01", "null"),
        ("1970-00-00", "1970-00-00", "null"),
    ],
)
def test_a_date_off_the_calendar_is_compared_digit_by_digit(
    left: str, right: str, level: str
) -> None:
    assert preset_level(SETTINGS, "hire_date", {"hire_date": left}, {"hire_date": right}) == level


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("Risk & Compliance", "risk and compliance", "exact"),
        ("Finance-Transformation", "Finance Transformation", "exact"),
        # one system's coarse department within another's finer one
        ("Risk & Compliance", "Risk", "a_word_in_common"),
        ("Finance Transformation", "Finance", "a_word_in_common"),
        # two records of one system (neither names another): two departments of its list
        ("People & Change", "Cyber Security", "other_value_one_vocabulary"),
        ("", "Strategy", "null"),
    ],
)
def test_departments_agree_through_two_systems_wordings(left: str, right: str, level: str) -> None:
    assert (
        preset_level(SETTINGS, "department", {"department": left}, {"department": right}) == level
    )


def _paired(left: dict[str, object], right: dict[str, object]) -> bool:
    matcher = Matcher(SETTINGS)
    records = [{"id": "a", "source": "hr", **left}, {"id": "b", "source": "psa", **right}]
    return len(matcher.candidate_pairs(matcher.prepare(records))) == 1


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # a slip late in the last name changes its sound; no date, mailbox or number is held
        (("Joanna", "Kowalski"), ("Joanna", "Kowalsii")),
        (("Rahul", "Subramanian"), ("Rahul", "Subtamanian")),
        (("Oskar", "Lindström"), ("Oskar", "Lindstgöm")),
        # a letter left out of a last name or added to it: one name is the other less a
        # letter, which a short name leaves no key of three letters of
        (("Birgit", "Wolf"), ("Birgit", "Wof")),
        (("Birgit", "Bauer"), ("Birgit", "Bauers")),
    ],
)
def test_a_slip_in_the_last_name_leaves_the_pair_a_candidate(
    left: tuple[str, str], right: tuple[str, str]
) -> None:
    def person(names: tuple[str, str]) -> dict[str, object]:
        return {"first_name": names[0], "last_name": names[1], "location_city": "London"}

    assert _paired(person(left), person(right))


def test_another_short_last_name_leaves_nothing_to_meet_on() -> None:
    vos, abt = ({"first_name": "Lotte", "last_name": last} for last in ("Vos", "Abt"))
    assert not _paired(vos, abt)


def test_a_slip_in_each_name_leaves_the_pair_a_candidate() -> None:
    # no name key survives two slips (nor their sounds); the date and the initials do, and
    # where the date differs too, the first initial with the last name less one letter
    def person(first: str, last: str, date: str) -> dict[str, object]:
        return {"first_name": first, "last_name": last, "hire_date": date}

    assert _paired(person("Agnna", "Becjer", "1971-03-14"), person("Anna", "Becker", "1971-03-14"))
    assert _paired(person("Agnna", "Becjer", "1971-03-15"), person("Anna", "Becker", "1971-03-14"))
    assert _paired(
        person("Hinz", "Fischfer", "1980-04-26"), person("Heinz", "Fischer", "1980-04-29")
    )
    # a slip in the last name's first letter and in the date leaves nothing to meet on
    assert not _paired(
        person("Agnna", "Decjer", "1971-03-15"), person("Anna", "Becker", "1971-03-14")
    )


def test_a_first_name_cut_to_its_initial_leaves_a_pair_with_a_slip_in_the_last_a_candidate() -> (
    None
):
    def person(first: str, last: str, date: str) -> dict[str, object]:
        return {"first_name": first, "last_name": last, "hire_date": date}

    assert _paired(person("B.", "Bquer", "1967-04-12"), person("Birgit", "Bauer", "1964-04-12"))
    assert not _paired(person("C.", "Bquer", "1967-04-12"), person("Birgit", "Bauer", "1964-04-12"))


def test_a_first_name_cut_to_its_initial_where_no_last_name_is_held_leaves_a_candidate() -> None:
    # the initial loses the key of the date with the first name, and one record holds no
    # last name for any other key: the date with the first initial still finds the pair
    whole = {"first_name": "Lisa J", "last_name": "Foster", "hire_date": "1977-03-09"}
    assert _paired({"first_name": "L.", "hire_date": "1977-03-09"}, whole)
    assert _paired(
        {"first_name": "L.", "last_name": "Foster", "hire_date": "1977-03-09"},
        {"first_name": "Lisa", "hire_date": "1977-03-09"},
    )
    assert not _paired({"first_name": "K.", "hire_date": "1977-03-09"}, whole)
    assert not _paired({"first_name": "L.", "hire_date": "1977-03-08"}, whole)


def test_a_slip_early_in_the_last_name_leaves_a_pair_with_other_dates_a_candidate() -> None:
    # bauer / baqer keep neither the first three letters nor the sound; both less a letter
    # are baer
    def person(last: str, date: str) -> dict[str, object]:
        return {"first_name": "Sven", "last_name": last, "hire_date": date}

    assert _paired(person("Baqer", "1995-01-23"), person("Bauer", "1935-01-23"))
    assert _paired(person("Lgnge", "1947-05-12"), person("Lange", "1947-06-11"))
    assert not _paired(person("Bzuor", "1995-01-23"), person("Bauer", "1935-01-23"))


def test_a_slip_that_hides_a_nickname_keeps_the_initial_as_written() -> None:
    # Hans is filed as johannes (j); Hns, a slip, as itself (h): the written initial meets
    def person(first: str, last: str, date: str | None = None) -> dict[str, object]:
        return {"first_name": first, "last_name": last, "hire_date": date}

    assert _paired(person("Hns", "Schmic", "1963-02-25"), person("Hans", "Schmid", "1963-02-25"))
    assert _paired(person("Hns", "Schmid"), person("Hans", "Schmid"))


def test_a_date_with_month_and_day_exchanged_keeps_its_keys() -> None:
    # a slip in the last name loses the name keys, the exchange every key of the date as
    # written; read either way round, the date with the first name still finds the pair
    def person(last: str, date: str) -> dict[str, object]:
        return {"first_name": "Deborah", "last_name": last, "hire_date": date}

    assert _paired(person("Ervin", "1966-11-03"), person("Wrvlb", "1966-03-11"))
    # written with the day first, off the calendar
    assert _paired(person("Ervin", "1966-28-03"), person("Wrvlb", "1966-03-28"))
    assert month_and_day_either_way("1966-28-03") == month_and_day_either_way("1966-03-28")
    assert month_and_day_either_way("O9/09/1987") == "O9/09/1987"
    # another day of the month is another date
    assert not _paired(person("Ervin", "1966-11-04"), person("Wrvlb", "1966-03-11"))


def test_month_and_day_exchanged_weigh_more_than_a_slip_of_one_digit() -> None:
    """Month and day exchanged are far rarer between two people's dates than a slip of one
    digit: where training finds them as often among matches, they weigh more, not pooled
    with the slips (pseudopeople: 1.7% of true pairs, 11 bits, weighed 5.5 as a slip)."""
    comparison = next(c for c in SETTINGS.comparisons if c.name == "hire_date")
    labels = comparison.labels
    swapped, slip = labels.index("month_day_swapped"), labels.index("month_or_day_slip")
    u = np.full(len(labels), 1e-3)
    u[labels.index("exact")], u[swapped], u[slip] = 7e-5, 1e-5, 5e-4
    u[0], u[-1] = 1.0, 0.0
    u[-1] = 1.0 - u[1:].sum()
    m = np.full(len(labels), 2e-3)
    m[labels.index("exact")], m[swapped], m[slip] = 0.88, 0.02, 0.015
    m[0], m[-1] = 1.0, 0.0
    m[-1] = 1.0 - m[1:].sum()
    held = constrain_m(comparison, m, u).m
    weight = np.log2(held / u)
    assert weight[swapped] > weight[slip] + 3
    assert weight[swapped] == pytest.approx(np.log2(m[swapped] / u[swapped]), abs=0.1)


def test_other_first_names_of_a_family_are_no_candidates() -> None:
    assert not _paired(
        {"first_name": "Joanna", "last_name": "Kowalski"},
        {"first_name": "Piotr", "last_name": "Kowalski"},
    )


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        # the umlaut-spelling rule reads a slip's neighbours: one letter as written, two
        # edits once standardised (muller/mulor, bauer/bzur); still one slip
        ("Mueller", "Mueloer", "one_edit_as_written"),
        ("Mueller", "Mueoler", "one_edit_as_written"),
        ("Bauer", "Bzuer", "one_edit_as_written"),
        ("Müller", "Mueloer", "one_edit_as_written"),
        # a spelling the rule makes equal stays equal; two slips as written are two edits
        ("Müller", "Mueller", "exact"),
        ("Bauer", "Bzuor", "two_edits"),
        ("Schidt", "Schmkdt", "two_edits"),
        # two slips as written that standardising made three (mueller / mmellrr)
        ("Mueller", "Mmellrr", "two_edits_as_written"),
        # names alike in sound or letters but more than two edits apart disagree
        ("Fischer", "Schaefer", "else"),
    ],
)
def test_a_one_letter_surname_slip_is_one_edit_whatever_standardising_makes_of_it(
    left: str, right: str, level: str
) -> None:
    def record(last: str) -> dict[str, object]:
        return {"first_name": "Anna", "last_name": last}

    assert preset_level(SETTINGS, "last_name", record(left), record(right)) == level


def test_a_hire_date_a_whole_firm_was_given_is_no_persons_date() -> None:
    days = [f"20{year:02d}-03-{day:02d}" for year in range(10, 14) for day in range(1, 29)]
    bought = "2024-07-01"
    records = [
        {"id": str(n), "first_name": "Jo", "last_name": "Doe", "hire_date": day}
        for n, day in enumerate([*days, days[0], *[bought] * 60])
    ]
    batch = prepare_records(records, SETTINGS.features)
    left, right = np.array([0, 113, 113]), np.array([112, 114, 1])
    comparison = next(c for c in SETTINGS.comparisons if c.name == "hire_date")
    levels = comparison.evaluate(PairView(batch, batch, left, right))
    assert [comparison.labels[level] for level in levels] == ["exact", "null", "null"]


def test_names_exchanged_with_a_slip_and_one_date_are_a_candidate_pair() -> None:
    """No key of one name field finds them (each field holds another name, one with a slip),
    nor the exact exchange; the date with either name does."""
    records = [
        {"id": "a", "first_name": "Irmgard", "last_name": "Vogdl", "hire_date": "1966-11-12"},
        {"id": "b", "first_name": "Vogel", "last_name": "Irmgard", "hire_date": "1966-11-12"},
        # the same names at another date: no pair
        {"id": "c", "first_name": "Vogel", "last_name": "Irmgard", "hire_date": "1971-02-03"},
    ]
    matcher = Matcher(SETTINGS)
    prepared = matcher.prepare(records)
    pairs = {
        frozenset(str(prepared.ids[i]) for i in pair)
        for pair in matcher.candidate_pairs(prepared).tolist()
    }
    assert frozenset({"a", "b"}) in pairs
    assert frozenset({"a", "c"}) not in pairs
