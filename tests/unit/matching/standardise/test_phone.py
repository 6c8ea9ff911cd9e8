import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.phone import phone_country, to_e164

LONDON = "+442079460958"


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("+44 20 7946 0958", None, LONDON),
        ("+44 20 7946 0958", "US", LONDON),
        ("020 7946 0958", "GB", LONDON),
        ("020 7946 0958", "gb", LONDON),
        ("0044 20 7946 0958", "GB", LONDON),
        ("0044 20 7946 0958", None, LONDON),
        ("0044 20 7946 0958", "FR", LONDON),
        ("+44 (0)20 7946 0958", None, LONDON),
        ("(020) 7946-0958", "GB", LONDON),
        ("(415) 555-2671", "US", "+14155552671"),
        ("415.555.2671 x12", "US", "+14155552671"),
        ("415-555-2671 ext. 7", "US", "+14155552671"),
        ("+1 415 555 2671", None, "+14155552671"),
        ("011 44 20 7946 0958", "US", LONDON),
        ("030 123456", "DE", "+4930123456"),
        ("06 12 34 56 78", "FR", "+33612345678"),
    ],
)
def test_formats_agree_on_e164(value: str, country: str | None, expected: str) -> None:
    assert to_e164(value, country) == expected


@pytest.mark.parametrize(
    ("value", "country"),
    [
        ("", "GB"),
        ("abc", "GB"),
        ("12", "GB"),
        ("020 7946 0958", None),  # national format without a region
        ("020 7946 0958", "ZZZ"),
        ("+44 20", None),
        ("+44 20 7946 0958 1234 5678", None),
        ("+1 415 +555", None),
    ],
)
def test_unparseable_or_impossible_is_none(value: str, country: str | None) -> None:
    assert to_e164(value, country) is None


@given(st.text(alphabet="0123456789 +()-.", max_size=20), st.sampled_from([None, "GB", "US", "DE"]))
def test_e164_is_a_fixed_point(value: str, country: str | None) -> None:
    number = to_e164(value, country)
    if number is not None:
        assert number.startswith("+")
        assert number[1:].isdigit()
        assert to_e164(number, country) == number


@pytest.mark.parametrize(
    ("e164", "country"),
    [
        ("+16045551234", "CA"),  # one calling code, two countries: the number plan tells
        ("+12125551234", "US"),
        ("+493012345678", "DE"),
        ("+4930123", "DE"),  # not a valid number, but only Germany has +49
        ("+441137135840", None),  # not a valid number, and +44 is four countries' code
        ("+80012345678", None),  # international freephone: no country
    ],
)
def test_the_country_of_a_number(e164: str, country: str | None) -> None:
    assert phone_country(e164) == country
