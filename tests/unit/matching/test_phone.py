"""One phone comparison for customers and resources (``matching.presets.phone``): the dialled
number, then its last eight digits, which a number without its country code (or dialled with
another country's code) still shares with the same line."""

from __future__ import annotations

import numpy as np
import pytest

from matching.feature import prepare_records
from matching.levels import ExactWhereUnknown
from matching.m_constraints import meaning_floors
from matching.presets.customer import customer_settings
from matching.presets.phone import PHONE_FEATURES, phone_comparison
from matching.presets.resource import resource_settings
from matching.settings import EntitySettings
from matching.standardise.phone import is_dummy_number
from tests.unit.matching.preset_levels import preset_level

CUSTOMER, RESOURCE = customer_settings(), resource_settings()


@pytest.mark.parametrize("settings", [CUSTOMER, RESOURCE], ids=["customer", "resource"])
@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("+441132345678", "+441132345678", "exact"),
        ("+14155550123", "+14155550123", "exact"),
        # no country on the record: no E.164 form, the same line by its last digits
        ("0113 234 5678", "+441132345678", "same_last_digits"),
        ("415-555-0123", "+14155550123", "same_last_digits"),
        ("(415) 555-0123", "415-555-0123", "same_last_digits"),
        # a national number dialled with another country's code by a system of that country
        ("+31689869665", "+49689869665", "same_last_digits"),
        ("0113 234 5678", "+441132349999", "else"),
        ("415-555-9999", "+14155550123", "else"),
        ("", "+441132345678", "null"),
        ("", "415-555-0123", "null"),
    ],
)
def test_both_presets_compare_a_phone_by_its_last_digits_when_it_does_not_dial_alike(
    settings: EntitySettings, left: str, right: str, level: str
) -> None:
    assert preset_level(settings, "phone", {"phone": left}, {"phone": right}) == level


def test_only_customers_have_a_level_for_a_slip_in_the_number() -> None:
    left, right = {"phone": "+441132345678"}, {"phone": "+441132345679"}
    assert preset_level(CUSTOMER, "phone", left, right) == "one_edit"
    assert preset_level(RESOURCE, "phone", left, right) == "else"


def test_the_floor_keeps_the_same_last_digits_at_least_as_strong_as_chance_leaves_them() -> None:
    numbers = [f"+4420{n:08d}" for n in range(0, 400_000, 1_000)]
    prepared = prepare_records(
        [{"id": str(n), "phone": number} for n, number in enumerate(numbers)], PHONE_FEATURES
    )
    floored = phone_comparison(tail_floor=True)
    assert isinstance(floored.levels[floored.labels.index("same_last_digits")], ExactWhereUnknown)
    floors = meaning_floors(floored, prepared)
    assert floors is not None
    # 400 distinct tails: agreeing by chance is 1 in 400 pairs or fewer
    assert floors[floored.labels.index("same_last_digits")] > np.log2(0.9 * 400) - 1e-9
    assert meaning_floors(phone_comparison(one_edit=True), prepared) is None


@pytest.mark.parametrize(
    "number",
    [
        "000-000-0000", "999-999-9999", "555-555-5555", "(212) 555-5555", "+44 0000 000000",
        "1111111", "123-456-7890", "+1 234 567 8901", "0123456789", "987-654-3210",
        "+49 123 4567890",
    ],
)  # fmt: skip
def test_a_dummy_number_is_one_digit_repeated_on_the_line_or_a_run_of_digits(number: str) -> None:
    assert is_dummy_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "+14155550123", "415-555-0123", "+1 212 555 0100", "0113 234 5678", "+442079460958",
        "+1 212 777 7770", "123 4568", "+1 (555) 012-3456", "12345", "",
    ],
)  # fmt: skip
def test_a_number_of_a_real_line_or_of_fiction_is_no_dummy(number: str) -> None:
    assert not is_dummy_number(number)


@pytest.mark.parametrize("settings", [CUSTOMER, RESOURCE], ids=["customer", "resource"])
@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        # two records typing the same dummy share no line: the number is read as missing
        ("999-999-9999", "999-999-9999", "null"),
        ("+1 123 456 7890", "123-456-7890", "null"),
        ("000-000-0000", "+14155550123", "null"),
        # a real number beside a dummy is still compared with the other record's real one
        ("+14155550123", "+14155550123", "exact"),
    ],
)
def test_both_presets_read_a_dummy_number_as_no_number(
    settings: EntitySettings, left: str, right: str, level: str
) -> None:
    assert preset_level(settings, "phone", {"phone": left}, {"phone": right}) == level
