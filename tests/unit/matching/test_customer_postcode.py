"""Customer postcodes as the records' country writes them: a ZIP+4 code of a record without
a country but with a US phone is a ZIP, and a code a spreadsheet read as a number (its
leading zero gone) is the same code."""

from __future__ import annotations

from matching.presets.customer import customer_settings
from tests.unit.matching.preset_levels import preset_level

SETTINGS = customer_settings()


def test_a_zip_code_is_read_by_the_country_of_the_phone() -> None:
    left = {"postal_code": "60632-6744", "phone": "+13129817150"}
    right = {"postal_code": "60632", "country": "US"}
    assert preset_level(SETTINGS, "address", left, right) == "same_postcode_no_street"


def test_a_postcode_without_its_leading_zero_is_the_same_postcode() -> None:
    left = {"postal_code": "02126", "city": "Boston", "country": "US"}
    right = {"postal_code": "2126", "city": "Boston"}
    assert preset_level(SETTINGS, "address", left, right) == "same_postcode_no_street"
