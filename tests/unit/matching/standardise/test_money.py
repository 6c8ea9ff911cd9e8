from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.money import currencies_of, to_currency, to_decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234.5", "1234.5"),
        ("1,234.50", "1234.50"),
        ("€1.234,50", "1234.50"),
        ("1 234,50", "1234.50"),
        ("1\u00a0234,50", "1234.50"),
        ("CHF 1'234.50", "1234.50"),
        ("USD 1,234.50", "1234.50"),
        ("5 EUR", "5"),
        ("£0.99", "0.99"),
        (".5", "0.5"),
        ("1.", "1"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("1,234,567.89", "1234567.89"),
        ("1,234", "1234"),  # single comma + 3 digits = thousands
        ("12,5", "12.5"),  # other single comma = decimal comma
        ("1.234", "1.234"),  # single dot = decimal point
        ("-5", "-5"),
        ("5-", "-5"),
        ("+3", "3"),
        ("(12.00)", "-12.00"),
        ("-€5", "-5"),
        ("€-5", "-5"),
        ("SFr. 150", "150"),  # an abbreviation's dot is no decimal point (was 0.150)
        ("Fr.150", "150"),
        ("Rs. 5,000", "5000"),
        ("Eur. 1.200,00", "1200.00"),
        ("ca. 150", "150"),
        ("€.50", "0.50"),  # a dot after a symbol still is one
        # no cents, a dash after the decimal mark (was -1450: read as a trailing minus)
        ("1'450.-", "1450.00"),
        ("1.450,-", "1450.00"),
        ("CHF 1’200.–", "1200.00"),
        ("95.- CHF", "95.00"),
        ("100-", "-100"),  # a trailing minus with no decimal mark stays SAP's negative
    ],
)
def test_to_decimal(value: str, expected: str) -> None:
    result = to_decimal(value)
    assert isinstance(result, Decimal)
    assert result == Decimal(expected)
    assert str(result) == str(Decimal(expected))


@pytest.mark.parametrize(
    "value",
    ["", "abc", "-", "()", "1e5", "NaN", "Infinity", "1,23,456", "12,34.5", "1.2.3", "12a3",
     "1-2", "(12", "-5-", "1.234,5.6"],
)  # fmt: skip
def test_not_a_number_is_none(value: str) -> None:
    assert to_decimal(value) is None


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, max_value=10**12, min_value=-(10**12)
    )
)
def test_round_trips_plain_and_grouped(amount: Decimal) -> None:
    assert to_decimal(str(amount)) == amount
    assert to_decimal(f"{amount:,}") == amount
    assert to_decimal(f"{amount:,}".replace(",", "_").replace(".", ",").replace("_", ".")) == amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("EUR", "EUR"),
        ("eur", "EUR"),
        ("  gbp ", "GBP"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("$", "USD"),
        ("Euro", "EUR"),
        ("US Dollar", "USD"),
        ("978", "EUR"),
        ("chf", "CHF"),
        ("SFr.", "CHF"),
        ("SFr", "CHF"),
        ("Kč", "CZK"),
        ("Kc", "CZK"),
        ("Rs", "INR"),
        ("Rs.", "INR"),
        ("Eur.", "EUR"),
        ("kr.", "SEK"),
    ],
)
def test_to_currency(value: str, expected: str) -> None:
    assert to_currency(value) == expected


@pytest.mark.parametrize("value", ["", "xyz", "EURO DOLLAR", "12", ".", "Fr", "R", "₨"])
def test_unknown_currency_is_none(value: str) -> None:
    assert to_currency(value) is None


@pytest.mark.parametrize("code", ["XXX", "xts", "XXX "])
def test_codes_that_are_no_money_are_refused(code: str) -> None:
    assert to_currency(code) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("$", ("USD", "CAD", "AUD")),
        ("kr", ("SEK", "NOK", "DKK", "ISK")),
        ("Kr.", ("SEK", "NOK", "DKK", "ISK")),
        ("Rs", ("INR", "PKR", "LKR", "NPR")),
        ("¥", ("JPY", "CNY")),
    ],
)
def test_a_shared_symbol_names_its_common_reading_first_then_the_others(
    value: str, expected: tuple[str, ...]
) -> None:
    found = currencies_of(value)
    assert found[0] == to_currency(value) == expected[0]
    assert set(expected) <= set(found)


@pytest.mark.parametrize(("value", "expected"), [("EUR", ("EUR",)), ("Kč", ("CZK",)), ("x", ())])
def test_other_spellings_name_one_currency_or_none(value: str, expected: tuple[str, ...]) -> None:
    assert currencies_of(value) == expected
