"""The customer preset: the address (street, postcode and city are one fact, weighed once),
the legal form, and the names records are filed under."""

from __future__ import annotations

import pytest

from matching import Matcher
from matching.presets.customer import customer_settings
from tests.unit.matching.preset_levels import preset_level

SETTINGS = customer_settings()


def _office(street: str, postcode: str, city: str) -> dict[str, object]:
    return {"address_line1": street, "postal_code": postcode, "city": city, "country": "GB"}


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        (("1 High Street", "LS1 4AP", "Leeds"), ("1 High St", "LS1 4AP", "Leeds"), "same_street"),
        (("1 High St", "LS1 4AP", "Leeds"), ("1 Hihg St", "LS1 4AP", "Leeds"), "similar_street"),
        (("1 High St", "LS1 4AP", "Leeds"), ("9 Park Row", "LS1 4AP", "Leeds"), "same_postcode"),
        (("1 High St", "LS1 4AP", "Leeds"), ("9 Park Row", "LS2 8JS", "Leeds"), "same_city"),
        (("", "", "Leeds"), ("", "", "Leeds"), "same_city_no_finer"),
        # a part missing on either side is not compared: agreement on what both hold
        (("", "LS1 4AP", ""), ("1 High St", "LS1 4AP", "Leeds"), "same_postcode_no_street"),
        (("", "", "Leeds"), ("1 High St", "LS1 4AP", "Leeds"), "same_city_no_finer"),
        (("", "LS1 4AP", ""), ("", "", "Leeds"), "nothing_in_common"),
        (("", "", ""), ("1 High St", "LS1 4AP", "Leeds"), "null"),
        # an office that moved is one disagreement, not three
        (("1 High St", "LS1 4AP", "Leeds"), ("9 Park Row", "M1 1AE", "Manchester"), "else"),
        (("1 High St", "LS1 4AP", ""), ("1 High St", "LS1 4AP", "Leeds"), "same_street"),
    ],
)
def test_address_levels(
    left: tuple[str, str, str], right: tuple[str, str, str], level: str
) -> None:
    assert preset_level(SETTINGS, "address", _office(*left), _office(*right)) == level


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ({"name": "Acme Ltd"}, {"name": "ACME LIMITED"}, "exact"),
        # a form written short is no conflict
        ({"name": "Acme Pty Ltd"}, {"name": "Acme Ltd"}, "within"),
        ({"name": "Acme GmbH & Co. KG"}, {"name": "Acme KG"}, "within"),
        # two jurisdictions' forms: two legal entities
        ({"name": "Acme GmbH"}, {"name": "Acme Inc."}, "else"),
        # the legal name's form where the name has none
        ({"name": "Acme", "legal_name": "Acme GmbH"}, {"name": "Acme Inc."}, "else"),
        ({"name": "Acme"}, {"name": "Acme Inc."}, "null"),
    ],
)
def test_legal_form_levels(left: dict[str, object], right: dict[str, object], level: str) -> None:
    assert preset_level(SETTINGS, "legal_form", left, right) == level


def test_a_name_and_another_records_legal_name_block_together() -> None:
    """One system's legal name is often another's name: records are filed under both, so a
    slip in one record's name does not keep it from the record named as its legal name (the
    name's first words in the country agreeing too; they alone do not pair a and c, whose
    phones differ)."""
    records = [
        {"id": "a", "name": "Wood Motors Intednational", "legal_name": "Wood Motors Intl Corp.",
         "country": "US", "phone": "+1 313 555 0101"},
        {"id": "b", "name": "WOOD MOTORS INTERNATIONAL CORPORATION", "country": "US",
         "phone": "+1 313 555 0102"},
        {"id": "c", "name": "Wood Motors Holdings", "country": "US", "phone": "+1 313 555 0103"},
    ]  # fmt: skip
    matcher = Matcher(SETTINGS)
    pairs = matcher.candidate_pairs(matcher.prepare(records))
    assert [0, 1] in pairs.tolist() and [0, 2] not in pairs.tolist()


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ({"country": "DE"}, {"country": "DE"}, "exact"),
        # no country given: the phone's, else a VAT number's prefix (what a person reads)
        ({"phone": "+493012345678"}, {"country": "US"}, "else"),
        ({"phone": "+16045551234"}, {"country": "CA"}, "exact"),
        ({"tax_id": "DE123456789"}, {"country": "DE"}, "exact"),
        # the country given wins over the phone's (an office abroad)
        ({"country": "AT", "phone": "+493012345678"}, {"country": "AT"}, "exact"),
        ({"phone": "+441137135840"}, {"country": "GB"}, "null"),
    ],
)
def test_country_levels(left: dict[str, object], right: dict[str, object], level: str) -> None:
    assert preset_level(SETTINGS, "country", left, right) == level


EAGLELIGHT = {"id": "a", "name": "Eaglelight Software GmbH", "city": "Düsseldorf",
              "address_line1": "Theodor-Heuss-Allee 6"}  # fmt: skip


def test_a_name_with_slips_in_every_word_is_found_at_the_same_office() -> None:
    """Filed under the street and the name's initial, and under the first word's sound and
    the town: two fuzzy keys of two families agree."""
    other = {"id": "b", "name": "Eaglelite Softwre", "city": "Düsseldorf",
             "address_line1": "Theodor-Heuss-Allee 6"}  # fmt: skip
    matcher = Matcher(SETTINGS)
    assert matcher.candidate_pairs(matcher.prepare([EAGLELIGHT, other])).tolist() == [[0, 1]]


@pytest.mark.parametrize(
    "other",
    [
        {"id": "b", "name": "Eaglelihgt Softeare", "address_line1": "Theodor-Heuss-Allee 6"},
        {"id": "b", "name": "Eaglelite Softwre", "city": "Düsseldorf"},
    ],
)
def test_one_fuzzy_key_alone_pairs_where_nothing_else_could_agree(
    other: dict[str, object],
) -> None:
    """A street and an initial, or a sound and a town, and nothing else in common: a
    coincidence that befalls ever more records as the data grows, unless the two records
    hold nothing (a phone on both, a domain...) that could have agreed (matching.corroboration)."""
    matcher = Matcher(SETTINGS)
    phoned = ({**EAGLELIGHT, "phone": "+49 211 1234567"}, {**other, "phone": "+49 211 7654321"})
    assert matcher.candidate_pairs(matcher.prepare(phoned)).tolist() == []
    assert matcher.candidate_pairs(matcher.prepare([phoned[0], other])).tolist() == [[0, 1]]


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        # more of the same line: cross streets, a suite
        (("747 9th Ave. between 50th and 51st Sts.", "", "New York"),
         ("747 Ninth Ave.", "", "New York"), "street_within"),
        (("12 Mill Road", "", "Leeds"), ("12 Mill Road, Suite 400, Floor 3", "", "Leeds"),
         "street_within"),
        # the same numbered street, each line going on otherwise
        (("2355 Peachtree Rd. Peachtree Battle Shopping Center", "", "Atlanta"),
         ("2355 Peachtree Rd. NE", "", "Atlanta"), "same_street_head"),
        (("2355 Peachtree Rd. NE", "", "Atlanta"), ("2357 Peachtree Rd. NE", "", "Atlanta"),
         "similar_street"),
        (("2355 Peachtree Rd. Suite 4", "", "Atlanta"), ("2357 Peachtree Rd. NE", "", "Atlanta"),
         "same_city"),
    ],
)  # fmt: skip
def test_more_of_one_street_line_agrees(
    left: tuple[str, str, str], right: tuple[str, str, str], level: str
) -> None:
    assert preset_level(SETTINGS, "address", _office(*left), _office(*right)) == level
