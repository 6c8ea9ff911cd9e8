"""What a customer record without a country still says: its VAT number written without its
prefix is read by its phone's country, and a phone number it holds in national form (which
cannot be dialled without a country) is compared by its last digits."""

from __future__ import annotations

from matching.presets.customer import customer_settings
from tests.unit.matching.preset_levels import preset_level

SETTINGS = customer_settings()


def test_a_vat_number_without_its_prefix_is_read_by_the_phones_country() -> None:
    left = {"tax_id": "553080363", "phone": "+441132345678"}
    right = {"tax_id": "GB553080363", "country": "GB"}
    assert preset_level(SETTINGS, "tax_id", left, right) == "exact"


def test_a_national_number_without_a_country_is_compared_by_its_last_digits() -> None:
    left = {"phone": "0113 234 5678"}
    assert preset_level(SETTINGS, "phone", left, {"phone": "+441132345678"}) == "same_last_digits"
    assert preset_level(SETTINGS, "phone", left, {"phone": "+441132349999"}) == "else"
    assert preset_level(SETTINGS, "phone", {}, {"phone": "+441132345678"}) == "null"


def test_two_dialled_numbers_are_still_compared_whole() -> None:
    left = {"phone": "+441132345678"}
    assert preset_level(SETTINGS, "phone", left, {"phone": "+441132345678"}) == "exact"
    assert preset_level(SETTINGS, "phone", left, {"phone": "+441132345679"}) == "one_edit"
