"""Row validation: what quarantines a row, what is only flagged, and canonical forms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mdm.domain.canonical import canonicalise


def fields(entity: str, row: dict[str, str]) -> list[str]:
    return [e.field for e in canonicalise(entity, row).errors]


@pytest.mark.parametrize(
    ("entity", "row", "expected"),
    [
        ("customer", {"name": "A"}, ["source_id"]),
        ("customer", {"source_id": "1"}, ["name"]),
        ("customer", {"source_id": "1", "legal_name": "A Ltd"}, []),
        ("resource", {"source_id": "1", "first_name": "Ann"}, ["full_name"]),
        (  # an optional date that cannot be read is flagged: test_unreadable_optional_dates...
            "resource",
            {"source_id": "1", "full_name": "Ann Lee", "hire_date": "31.02.2020"},
            [],
        ),
        (
            "rate_card",
            {
                "source_id": "1",
                "role": "Dev",
                "currency": "EUR",
                "rate": "100",
                "effective_from": "31.02.2024",
            },
            ["effective_from"],
        ),
        ("rate_card", {"source_id": "1"}, ["role", "currency", "rate", "effective_from"]),
        (  # a rate line needs its currency: an unknown one still rejects it
            "rate_card",
            {
                "source_id": "1",
                "role": "Dev",
                "currency": "ABC",
                "rate": "100",
                "effective_from": "2024-01-01",
            },
            ["currency"],
        ),
        (
            "rate_card",
            {
                "source_id": "1",
                "role": "Dev",
                "currency": "EUR",
                "rate": "one hundred",
                "effective_from": "2024-01-01",
            },
            ["rate"],
        ),
        (
            "rate_card",
            {
                "source_id": "1",
                "role": "Dev",
                "currency": "EUR",
                "rate": "100",
                "effective_from": "2024-02-01",
                "effective_to": "2024-01-01",
            },
            ["effective_to"],
        ),
        (
            "rate_card",
            {
                "source_id": "1",
                "role": "Dev",
                "currency": "EUR",
                "rate": "100",
                "unit": "week",
                "effective_from": "2024-01-01",
            },
            ["unit"],
        ),
    ],
)
def test_rows_that_must_be_quarantined(
    entity: str, row: dict[str, str], expected: list[str]
) -> None:
    assert fields(entity, row) == expected


def test_soft_invalid_values_are_flagged_not_rejected() -> None:
    row = canonicalise(
        "customer",
        {"source_id": "1", "name": "A", "email": "nope@", "phone": "12", "country": "Atlantis"},
    )
    assert row.accepted
    assert set(row.invalid) == {"email", "phone", "country"}
    assert row.values["email"] is None and row.values["country"] is None


def test_unreadable_optional_dates_are_flagged_and_the_row_accepted() -> None:
    person = canonicalise(
        "resource", {"source_id": "1", "full_name": "Ann Lee", "hire_date": "31.02.2020"}
    )
    assert person.accepted and person.values["hire_date"] is None
    assert person.invalid == {"hire_date": "not a date: '31.02.2020'"}
    line = canonicalise(
        "rate_card",
        {"source_id": "1", "role": "Dev", "currency": "EUR", "rate": "100",
         "effective_from": "2024-01-01", "effective_to": "end of year"},
    )  # fmt: skip
    assert line.accepted and line.values["effective_to"] is None
    assert line.invalid == {"effective_to": "not a date: 'end of year'"}


@pytest.mark.parametrize("currency", ["ABC", "XXX", "Taler"])
def test_an_unreadable_customer_currency_is_flagged_and_the_row_accepted(currency: str) -> None:
    row = canonicalise("customer", {"source_id": "1", "name": "A", "currency": currency})
    assert row.accepted and row.values["currency"] is None
    assert row.invalid == {"currency": f"unknown currency: {currency!r}"}


PERSON = {"source_id": "1", "full_name": "Ann Lee"}


def test_an_unreadable_cost_currency_flags_its_cost_rate_with_it() -> None:
    """A rate kept without its currency would survive as a rate in no currency."""
    row = canonicalise("resource", {**PERSON, "cost_rate": "90", "cost_currency": "ABC"})
    assert row.accepted
    assert (row.values["cost_rate"], row.values["cost_currency"]) == (None, None)
    assert row.invalid == {
        "cost_currency": "unknown currency: 'ABC'",
        "cost_rate": "not read without cost_currency: unknown currency: 'ABC'",
    }


def test_an_unreadable_cost_rate_flags_its_cost_currency_with_it() -> None:
    row = canonicalise("resource", {**PERSON, "cost_rate": "n/a", "cost_currency": "EUR"})
    assert row.accepted
    assert (row.values["cost_rate"], row.values["cost_currency"]) == (None, None)
    assert row.invalid == {
        "cost_rate": "not a number: 'n/a'",
        "cost_currency": "not read without cost_rate: not a number: 'n/a'",
    }


def test_a_flagged_cost_value_alone_flags_nothing_else() -> None:
    row = canonicalise("resource", {**PERSON, "cost_currency": "ABC", "hire_date": "2021-03-01"})
    assert row.accepted and row.invalid == {"cost_currency": "unknown currency: 'ABC'"}
    assert row.values["hire_date"] == "2021-03-01"
    both = canonicalise("resource", {**PERSON, "cost_rate": "n/a", "cost_currency": "ABC"})
    assert both.invalid == {
        "cost_rate": "not a number: 'n/a'", "cost_currency": "unknown currency: 'ABC'"
    }  # fmt: skip
    read = canonicalise("resource", {**PERSON, "cost_rate": "90", "cost_currency": "eur"})
    assert read.invalid == {} and read.values["cost_currency"] == "EUR"


def test_canonical_forms() -> None:
    row = canonicalise(
        "resource",
        {
            "source_id": "E1", "full_name": "Lee, Ann", "country": "Deutschland",
            "phone": "0049 30 1234567", "email": "Ann.Lee@Example.COM", "hire_date": "01.03.2021",
            "skills": "Python; SQL;;Python", "cost_rate": "1,234.50", "cost_currency": "eur",
        },
    )  # fmt: skip
    values = row.values
    assert values["country"] == "DE"
    assert values["phone"] == "+49301234567"
    assert values["email"] == "ann.lee@example.com"
    assert values["hire_date"] == "2021-03-01"
    assert values["skills"] == ["Python", "SQL"]
    assert Decimal(values["cost_rate"]) == Decimal("1234.50")
    assert values["cost_currency"] == "EUR"


def test_rate_card_amounts_are_decimal_strings_and_unit_defaults_to_hour() -> None:
    row = canonicalise(
        "rate_card",
        {
            "source_id": "R1",
            "role": "Dev",
            "currency": "GBP",
            "rate": "£1.250,00",
            "effective_from": "2024-01-01",
        },
    )
    assert row.values["rate"] == "1250.00"
    assert row.values["unit"] == "hour"
