from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.money import to_currency, to_decimal


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
    ],
)
def test_to_currency(value: str, expected: str) -> None:
    assert to_currency(value) == expected


@pytest.mark.parametrize("value", ["", "xyz", "EURO DOLLAR", "12"])
def test_unknown_currency_is_none(value: str) -> None:
    assert to_currency(value) is None


@pytest.mark.parametrize("code", ["XXX", "xts", "XXX "])
def test_codes_that_are_no_money_are_refused(code: str) -> None:
    assert to_currency(code) is None
