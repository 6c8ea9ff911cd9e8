"""The customer preset's address: street, postcode and city are one fact, weighed once."""

from __future__ import annotations

import pytest

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
