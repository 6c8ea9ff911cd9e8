"""Suggested mappings of acquired systems' exports: right where it maps, ignored where unsure."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdm.domain.entities import schema_for
from mdm.ingest.mapping import FieldMapping, resolve_header
from mdm.ingest.reader import ParsedExtract, parse_extract, read_extract
from mdm.onboarding.suggestion import suggest_mapping
from tests.unit.onboarding.exports import EXPECTED, FIXTURES, write_workbook


def _judge(extract: ParsedExtract, entity: str, expected: dict[str, str | None]) -> None:
    assert set(extract.header) == set(expected) and len(expected) == 14
    suggestion = suggest_mapping(extract, entity)
    got = {c.column: c.field for c in suggestion.columns}
    right = [column for column, field in expected.items() if got[column] == field]
    wrong_field = {c: got[c] for c, f in expected.items() if got[c] is not None and got[c] != f}
    assert len(right) >= 12, {c: (got[c], expected[c]) for c in expected if c not in right}
    assert not wrong_field, f"mapped to a wrong field: {wrong_field}"
    # the mapping is one `mdm ingest --mapping` takes as it is
    mapping = FieldMapping.load_text(suggestion.to_yaml(), "suggested.yaml")
    assert mapping == suggestion.mapping()
    resolved = resolve_header(extract.name, extract.header, schema_for(entity), mapping)
    assert resolved == {c: f for c, f in got.items() if f}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_vendor_export_maps_at_least_12_of_14_columns_and_no_extra_one(name: str) -> None:
    entity, expected = EXPECTED[name]
    _judge(read_extract(FIXTURES / name), entity, expected)


@pytest.mark.parametrize("name", ["kunden_excel.csv", "workday_workers.csv", "psa_rate_lines.csv"])
def test_the_same_exports_saved_as_excel_workbooks_map_alike(name: str, tmp_path: Path) -> None:
    entity, expected = EXPECTED[name]
    book = write_workbook(FIXTURES / name, tmp_path / name.replace(".csv", ".xlsx"))
    _judge(read_extract(book), entity, expected)


def _extract(text: str) -> ParsedExtract:
    return parse_extract("x.csv", text.encode())


def test_values_name_a_column_whose_header_says_nothing() -> None:
    body = "id,name,Column 3,F4\n" + "".join(
        f"{n},Firm {n},info{n}@firm{n}.com,Sales\n" for n in range(10)
    )
    got = {c.column: c for c in suggest_mapping(_extract(body), "customer").columns}
    assert got["Column 3"].field == "email" and got["Column 3"].confidence < 0.7
    assert got["F4"].field is None  # words, not a distinctive kind of value


def test_values_refute_a_header_and_the_column_is_ignored() -> None:
    body = "id,name,Phone,Website\n" + "".join(
        f"{n},Firm {n},call the office,not yet\n" for n in range(10)
    )
    got = {c.column: c.field for c in suggest_mapping(_extract(body), "customer").columns}
    assert got == {"id": "source_id", "name": "name", "Phone": None, "Website": None}


def test_a_telling_header_with_unrelated_values_is_never_mapped_from_values_alone() -> None:
    body = "Account ID,Account Name,Owner Email\n" + "".join(
        f"A{n},Firm {n},rep{n}@acquirer.com\n" for n in range(10)
    )
    got = {c.column: c.field for c in suggest_mapping(_extract(body), "customer").columns}
    assert got["Owner Email"] is None


def test_an_extract_without_a_key_column_gets_its_likeliest_key() -> None:
    body = "Employee ID,First Name,Last Name\n" + "".join(f"E{n},Ann,Lee{n}\n" for n in range(5))
    got = {c.column: c.field for c in suggest_mapping(_extract(body), "resource").columns}
    assert got == {"Employee ID": "source_id", "First Name": "first_name", "Last Name": "last_name"}


def test_every_column_has_a_confidence_between_0_and_1_and_a_reason() -> None:
    suggestion = suggest_mapping(read_extract(FIXTURES / "sap_kna1.csv"), "customer")
    assert all(0 < c.confidence <= 1 and c.evidence for c in suggestion.columns)
    low = min(suggestion.columns, key=lambda c: c.confidence)
    assert low.confidence < max(c.confidence for c in suggestion.columns)


RATE_LINES = "".join(f"R{n},Consultant,{700 + n},EUR,2024-01-01\n" for n in range(5))


@pytest.mark.parametrize(
    ("header", "unit"),
    [("Day Rate", "day"), ("Daily rate", "day"), ("Tagessatz", "day"), ("TJM", "day"),
     ("Hourly rate", "hour"), ("Rate per hour", "hour")],
)  # fmt: skip
def test_a_header_naming_a_rate_with_its_unit_maps_the_rate_and_the_constant_unit(
    header: str, unit: str
) -> None:
    extract = _extract(f"ID,Role,{header},Currency,Valid From\n" + RATE_LINES)
    suggestion = suggest_mapping(extract, "rate_card")
    assert {c.column: c.field for c in suggestion.columns}[header] == "rate"
    mapping = suggestion.mapping()
    assert mapping.constants == {"unit": unit}
    assert header in suggestion.constants[0].evidence
    # the YAML written round-trips, and the ingest takes it as it is
    assert FieldMapping.load_text(suggestion.to_yaml(), "suggested.yaml") == mapping
    resolve_header(extract.name, extract.header, schema_for("rate_card"), mapping)


@pytest.mark.parametrize("header", ["Bill Rate", "Std Rate", "Hourly rate per day", "Monthly rate"])
def test_no_unit_is_suggested_where_the_header_names_none_or_two(header: str) -> None:
    extract = _extract(f"ID,Role,{header},Currency,Valid From\n" + RATE_LINES)
    assert suggest_mapping(extract, "rate_card").constants == ()


def test_no_unit_constant_where_a_column_gives_the_unit() -> None:
    body = "ID,Role,Day Rate,Unit,Currency,Valid From\n" + "".join(
        f"R{n},Consultant,{700 + n},day,EUR,2024-01-01\n" for n in range(5)
    )
    suggestion = suggest_mapping(_extract(body), "rate_card")
    assert {c.column: c.field for c in suggestion.columns}["Unit"] == "unit"
    assert suggestion.mapping().constants == {}


NO_CURRENCY_LINES = "".join(f"R{n},Consultant,{700 + n},2024-01-01\n" for n in range(5))


@pytest.mark.parametrize(
    ("header", "constants"),
    [
        ("Rate (EUR)", {"currency": "EUR"}),
        ("rate (gbp)", {"currency": "GBP"}),
        ("Day Rate (EUR)", {"unit": "day", "currency": "EUR"}),
        ("Stundensatz in CHF", {"unit": "hour", "currency": "CHF"}),
        ("Hourly rate GBP", {"unit": "hour", "currency": "GBP"}),
        ("Rate €/day", {"unit": "day", "currency": "EUR"}),
        ("Rate ($)", {"currency": "USD"}),
    ],
)
def test_a_header_naming_a_rate_with_its_currency_maps_the_rate_and_the_constant_currency(
    header: str, constants: dict[str, str]
) -> None:
    extract = _extract(f"ID,Role,{header},Valid From\n" + NO_CURRENCY_LINES)
    suggestion = suggest_mapping(extract, "rate_card")
    assert {c.column: c.field for c in suggestion.columns}[header] == "rate"
    mapping = suggestion.mapping()
    assert mapping.constants == constants
    assert FieldMapping.load_text(suggestion.to_yaml(), "suggested.yaml") == mapping
    resolve_header(extract.name, extract.header, schema_for("rate_card"), mapping)


def test_a_currency_symbol_of_several_currencies_says_which_others_it_may_be() -> None:
    suggestion = suggest_mapping(
        _extract("ID,Role,Rate ($),Valid From\n" + NO_CURRENCY_LINES), "rate_card"
    )
    (currency,) = [c for c in suggestion.constants if c.field == "currency"]
    assert currency.value == "USD"
    assert "also CAD" in currency.evidence


@pytest.mark.parametrize(
    "header",
    # lower-case words spelling a code are words; two currencies name none
    ["Top rate", "All rate", "Rate EUR/USD"],
)
def test_no_currency_is_suggested_where_the_header_names_none_or_two(header: str) -> None:
    extract = _extract(f"ID,Role,{header},Valid From\n" + NO_CURRENCY_LINES)
    assert "currency" not in suggest_mapping(extract, "rate_card").mapping().constants


def test_no_currency_constant_where_a_column_gives_the_currency() -> None:
    suggestion = suggest_mapping(
        _extract("ID,Role,Rate (EUR),Currency,Valid From\n" + RATE_LINES), "rate_card"
    )
    assert {c.column: c.field for c in suggestion.columns}["Currency"] == "currency"
    assert suggestion.mapping().constants == {}
