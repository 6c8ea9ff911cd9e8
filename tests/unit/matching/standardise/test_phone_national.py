"""The shorter way for national numbers (``_national``) gives what ``phonenumbers.parse`` gives,
in every region, wherever it answers."""

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.standardise.phone import _national

REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)


def parsed(digits: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None


def dialled(region: str, draw: st.DrawFn) -> str:
    """Digits as people dial them in ``region``: often after its national prefix, its
    country code or its international prefix, of any length around the plan's."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    assert metadata is not None
    heads = ["", "0", "1", "00", str(metadata.country_code), metadata.national_prefix or ""]
    head = draw(st.sampled_from(heads))
    return head + draw(st.text("0123456789", min_size=1, max_size=16))


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, str]:
    region = draw(st.sampled_from(REGIONS))
    return dialled(region, draw), region


@settings(max_examples=3000)
@given(numbers())
def test_a_national_number_is_read_as_parse_reads_it(number: tuple[str, str]) -> None:
    digits, region = number
    ours = _national(digits, region)
    if ours is not None:  # None: not sure, parse decides
        assert ours == parsed(digits, region)


@pytest.mark.parametrize(
    ("digits", "region", "expected"),
    [
        ("02079460958", "GB", "+442079460958"),
        ("0518562600", "IT", "+390518562600"),  # the leading zero is part of the number
        ("226971110", "PL", "+48226971110"),
        ("6176975115", "US", "+16176975115"),
        ("0373430833", "AU", "+61373430833"),
    ],
)
def test_common_national_numbers_take_the_shorter_way(
    digits: str, region: str, expected: str
) -> None:
    number = _national(digits, region)
    assert number is not None
    assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == expected


@pytest.mark.parametrize(
    ("digits", "region"),
    [
        ("442079460958", "GB"),
        ("0114420794609", "US"),
        ("+442079460958", "GB"),
        ("٠٢٠٧٩٤٦٠٩٥٨", "GB"),
    ],
)
def test_what_parse_may_read_otherwise_is_left_to_it(digits: str, region: str) -> None:
    assert _national(digits, region) is None
