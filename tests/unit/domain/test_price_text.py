"""A rate written with its currency and unit (``$150/hr``, ``1,200/day``): what it says fills
an empty column, agrees with a filled one, or rejects the row naming both."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mdm.domain.canonical import canonicalise
from mdm.domain.issues import FieldIssue

LINE = {"source_id": "R1", "role": "Consultant", "effective_from": "2024-01-01"}


def read(**values: str) -> tuple[dict[str, object], list[FieldIssue]]:
    row = canonicalise("rate_card", {**LINE, **values})
    price = {k: row.values.get(k) for k in ("rate", "currency", "unit")}
    return price, list(row.errors)


@pytest.mark.parametrize(
    "unit",
    ["hourly", "daily", "per day", "per hour", "days", "Day(s)", "HRS", "/h", "day rate",
     "Tag", "Stunde", "jour", "PD", "MD"],
)  # fmt: skip
def test_units_other_tools_write_are_read(unit: str) -> None:
    price, errors = read(rate="100", currency="EUR", unit=unit)
    assert errors == []
    assert price["unit"] in ("hour", "day")


def test_a_week_rate_is_rejected_saying_what_it_was_read_as() -> None:
    price, errors = read(rate="4000", currency="EUR", unit="Weekly")
    assert price["unit"] is None
    assert errors == [
        FieldIssue(
            "unit",
            "unit must be hour or day: 'Weekly' is read as week; the hub holds hour or day "
            "rates only",
        )
    ]


def test_a_day_rate_written_in_the_amount_stays_a_day_rate() -> None:
    price, errors = read(rate="1,200/day", currency="EUR")
    assert errors == []
    assert price == {"rate": "1200", "currency": "EUR", "unit": "day"}


@pytest.mark.parametrize(
    ("rate", "amount", "currency", "unit"),
    [
        ("$150/hr", "150", "USD", "hour"),
        ("150 USD", "150", "USD", "hour"),
        ("£95", "95", "GBP", "hour"),
        ("95 GBP/h", "95", "GBP", "hour"),
        ("1 200,00 €", "1200.00", "EUR", "hour"),
        ("EUR 1.200,00 per day", "1200.00", "EUR", "day"),
        ("€1.200,00/Tag", "1200.00", "EUR", "day"),
        ("SFr. 1'450.00 pro Tag", "1450.00", "CHF", "day"),
        ("Tagessatz 1.100,00 €", "1100.00", "EUR", "day"),
        ("120 euros a day", "120", "EUR", "day"),
        ("Rs. 5,000 per day", "5000", "INR", "day"),
    ],
)
def test_the_currency_and_unit_an_amount_is_written_with_fill_empty_columns(
    rate: str, amount: str, currency: str, unit: str
) -> None:
    price, errors = read(rate=rate)
    assert errors == []
    assert price == {"rate": amount, "currency": currency, "unit": unit}
    assert Decimal(str(price["rate"])) == Decimal(amount)


@pytest.mark.parametrize(
    ("columns", "rate"),
    [({"currency": "USD", "unit": "hour"}, "$150/hr"), ({"currency": "usd"}, "150 USD"),
     ({"currency": "NOK", "unit": "daily"}, "kr 950 per day"), ({"currency": "PKR"}, "Rs 900"),
     ({"currency": "CAD"}, "$150 CAD")],
)  # fmt: skip
def test_columns_that_agree_with_the_amount_are_fine(columns: dict[str, str], rate: str) -> None:
    price, errors = read(rate=rate, **columns)
    assert errors == []
    assert price["currency"] == columns["currency"].upper()


@pytest.mark.parametrize(
    ("columns", "rate", "issue"),
    [
        (
            {"currency": "EUR", "unit": "hour"},
            "1,200/day",
            FieldIssue(
                "unit",
                "disagrees with the rate: the unit column says 'hour' (hour), the rate "
                "'1,200/day' says '/day' (day)",
            ),
        ),
        (
            {"currency": "EUR"},
            "$150",
            FieldIssue(
                "currency",
                "disagrees with the rate: the currency column says 'EUR' (EUR), the rate "
                "'$150' says '$' (USD)",
            ),
        ),
    ],
)
def test_a_column_the_amount_contradicts_rejects_the_row_naming_both(
    columns: dict[str, str], rate: str, issue: FieldIssue
) -> None:
    _, errors = read(rate=rate, **columns)
    assert errors == [issue]


def test_an_amount_in_two_currencies_is_rejected() -> None:
    _, errors = read(rate="$150 EUR")
    assert errors[0] == FieldIssue("currency", "the rate says two currencies: '$150 EUR'")


def test_a_week_rate_written_in_the_amount_is_rejected_as_a_week_rate() -> None:
    price, errors = read(rate="4.000,00 €/Woche")
    assert price["unit"] is None
    assert [e.field for e in errors] == ["unit"]
    assert "'/Woche' is read as week; the hub holds hour or day rates only" in errors[0].reason


@pytest.mark.parametrize("rate", ["150/sprint", "1.200,00 € HT/jour", "150 EUR per visit"])
def test_a_unit_said_but_not_read_rejects_the_row(rate: str) -> None:
    _, errors = read(rate=rate, currency="EUR")
    assert [e.field for e in errors] == ["unit"]
    assert errors[0].reason.startswith(f"unit must be hour or day: the rate {rate!r} says ")


@pytest.mark.parametrize(
    ("rate", "amount"), [("150 net", "150"), ("ca. 150", "150"), ("150.00 excl. VAT", "150.00")]
)
def test_other_words_beside_the_amount_are_read_as_before(rate: str, amount: str) -> None:
    price, errors = read(rate=rate, currency="EUR")
    assert errors == []
    assert price == {"rate": amount, "currency": "EUR", "unit": "hour"}


def test_a_plain_amount_without_currency_is_still_required_to_have_one() -> None:
    _, errors = read(rate="150")
    assert errors == [FieldIssue("currency", "currency is required")]
