"""A name or mailbox one system wrote as a placeholder ("Unknown", "N/A", "noemail@") weighs
as a missing value: no disagreement with the person's real name, no agreement with another
placeholder. The record keeps the value; only matching reads it as missing."""

from __future__ import annotations

import pytest

from matching import Matcher
from matching.index_window import window_partners
from matching.presets.customer import customer_settings
from matching.presets.resource import resource_settings
from tests.unit.matching.helpers import names_and_dates, scored, trained_resources
from tests.unit.matching.preset_levels import preset_level

RESOURCES = resource_settings()
PERSON = {"id": "a", "first_name": "Alma", "last_name": "Bauer", "hire_date": "1971-03-02"}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return trained_resources(names_and_dates())


@pytest.mark.parametrize("placeholder", ["Unknown", "N/A", "Last Name", "unbekannt"])
def test_a_placeholder_last_name_weighs_nothing_against_a_real_one(
    matcher: Matcher, placeholder: str
) -> None:
    _, weight = scored(
        matcher, PERSON, {**PERSON, "id": "b", "last_name": placeholder}, "last_name"
    )
    assert weight == 0.0


def test_a_real_last_name_unlike_the_other_still_weighs_against(matcher: Matcher) -> None:
    # the disagreement the placeholder no longer costs (so the test above can fail)
    _, weight = scored(matcher, PERSON, {**PERSON, "id": "b", "last_name": "Unwin"}, "last_name")
    assert weight < -2.0


def test_two_people_both_unknown_share_no_name(matcher: Matcher) -> None:
    one = {"id": "a", "first_name": "Unknown", "last_name": "Unknown", "hire_date": "1971-03-02"}
    other = {**one, "id": "b", "hire_date": "1984-11-20"}
    assert preset_level(RESOURCES, "last_name", one, other) == "null"
    assert preset_level(RESOURCES, "first_name", one, other) == "null"
    _, weight = scored(matcher, one, other, "first_name")
    assert weight == 0.0


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ({"first_name": "N/A", "last_name": "Bauer"}, {"first_name": "Alma"}, "null"),
        # a full name of placeholders holds no name; a name holding the word is one
        ({"full_name": "Unknown Unknown"}, {"first_name": "Alma"}, "null"),
        # a salutation alone is no given name: no initial agreeing with Margaret's, no name
        # unlike Alma's
        ({"first_name": "Mrs", "last_name": "Bauer"}, {"first_name": "Margaret"}, "null"),
        ({"first_name": "Dr.", "last_name": "Bauer"}, {"first_name": "Alma"}, "null"),
        ({"first_name": "Nathan"}, {"first_name": "Nathan"}, "exact"),
    ],
)
def test_which_first_names_are_missing(
    left: dict[str, object], right: dict[str, object], level: str
) -> None:
    assert preset_level(RESOURCES, "first_name", left, right) == level


@pytest.mark.parametrize(
    ("left", "level"),
    [
        # two people a system gave no mailbox are not one address, nor another mailbox of
        # the firm's
        ("noemail@acme.com", "null"),
        ("no.email@acme.com", "null"),
        ("firstname.lastname@acme.com", "null"),
        ("none@none.com", "null"),
        ("nathan@acme.com", "other_mailbox_same_domain"),
    ],
)
def test_a_placeholder_mailbox_is_no_address(left: str, level: str) -> None:
    assert preset_level(RESOURCES, "email", {"email": left}, {"email": "jo.doe@acme.com"}) == level


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ({"name": "Unknown"}, {"name": "Acme Consulting"}, "null"),
        ({"name": "TEST"}, {"name": "test"}, "null"),
        # the legal name stands in for a placeholder name
        (
            {"name": "N/A", "legal_name": "Acme Consulting Ltd"},
            {"name": "Acme Consulting"},
            "exact",
        ),
        ({"name": "Noname Ltd"}, {"name": "Noname Ltd"}, "exact"),
    ],
)
def test_a_placeholder_customer_name_is_missing(
    left: dict[str, object], right: dict[str, object], level: str
) -> None:
    assert preset_level(customer_settings(), "name", left, right) == level


def _switchboard(names: list[str], size: int = 40) -> list[dict[str, object]]:
    """``size`` customers of one phone number and one website (a group's switchboard and
    site: one block of each), named in turn by ``names``."""
    return [
        {"id": str(n), "name": names[n % len(names)], "phone": "+44 20 7946 0018",
         "website": "https://example-group.co.uk", "city": f"Town {n}"}
        for n in range(size)
    ]  # fmt: skip


def test_customers_named_by_placeholders_do_not_pair_a_big_block_whole() -> None:
    """A window pairs records holding one known name each with each other, however many
    (``matching.blocking_pairs``); a placeholder is no known name, so a block of "Unknown"
    and "N/A" customers pairs each with its nearest few, not all 780 pairs of 40 records,
    in a bulk run and through the index alike."""
    matcher = Matcher(customer_settings())
    placeholders = ["Unknown", "N/A", "Test", "unknown", "n/a", "TBD"]
    batch = matcher.prepare(_switchboard(placeholders))
    assert set(batch.column("name_full").tolist()) == {None}
    window = matcher.settings.window
    assert window is not None
    bound = 2 * window.neighbours * len(batch)  # each record's nearest on either side
    assert len(matcher.candidate_pairs(batch)) <= bound
    partners = window_partners(batch, matcher.settings.blocking_rules, 200, window)
    assert partners is not None
    block = list(range(len(batch)))
    assert all(len(partners(n, "phone:x", block)) <= 2 * window.neighbours for n in block)
    named = matcher.prepare(_switchboard(["Alder Ltd"]))  # a known name: the block pairs whole
    assert len(matcher.candidate_pairs(named)) == 40 * 39 // 2
    named_partners = window_partners(named, matcher.settings.blocking_rules, 200, window)
    assert named_partners is not None and len(named_partners(0, "phone:x", block)) == 39
