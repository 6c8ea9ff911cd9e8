"""Mapping constants: read from the YAML, checked as a column's value is, refused by name."""

from __future__ import annotations

import pytest

from mdm.domain.entities import RATE_CARD
from mdm.ingest.canonical_batch import check_rows, content_hash_of, raw_json_of
from mdm.ingest.constants import constants_json
from mdm.ingest.errors import ExtractError, HeaderError
from mdm.ingest.mapping import FieldMapping, resolve_header
from mdm.ingest.reader import ExtractRow

HEADER = ("ID", "Role", "Day Rate", "From")
COLUMNS = "columns: {ID: source_id, Role: role, Day Rate: rate, From: effective_from}\n"


def mapping(constants: str) -> FieldMapping:
    return FieldMapping.load_text(COLUMNS + constants, "rates.yaml")


def test_constants_are_read_as_text() -> None:
    found = mapping("constants: {unit: day, currency: EUR}\n")
    assert found.constants == {"unit": "day", "currency": "EUR"}
    assert mapping("").constants == {}


def test_constants_that_are_not_one_value_each_are_refused() -> None:
    with pytest.raises(ExtractError, match="`constants` must be an object"):
        mapping("constants: [unit, day]\n")
    with pytest.raises(ExtractError, match="constant unit: a single value"):
        mapping("constants: {unit: [day, hour]}\n")
    with pytest.raises(ExtractError, match="constant currency: a single value"):
        mapping("constants: {currency: yes}\n")


def test_valid_constants_pass_and_leave_the_columns_as_they_are() -> None:
    found = mapping("constants: {unit: Tagessatz, currency: EUR}\n")
    resolved = resolve_header("f", HEADER, RATE_CARD, found)
    assert resolved == {"ID": "source_id", "Role": "role", "Day Rate": "rate",
                        "From": "effective_from"}  # fmt: skip


@pytest.mark.parametrize(
    ("constants", "named", "why"),
    [
        ("{colour: red}", "colour", "unknown rate_card fields"),
        ("{unit: fortnight}", "constant unit", "fortnight"),
        ("{currency: Euros of Atlantis}", "constant currency", "Euros of Atlantis"),
        ("{unit: ''}", "constant unit", "empty"),
        ("{source_id: R1}", "constant source_id", "same key"),
        ("{rate: 100}", "constant rate", "column 'Day Rate' also gives rate"),
    ],
)
def test_a_bad_constant_refuses_the_mapping_naming_the_field_and_why(
    constants: str, named: str, why: str
) -> None:
    with pytest.raises(HeaderError) as caught:
        resolve_header("f", HEADER, RATE_CARD, mapping(f"constants: {constants}\n"))
    assert named in str(caught.value)
    assert why in str(caught.value)


def test_a_constant_clashes_with_a_column_named_as_its_field() -> None:
    with pytest.raises(HeaderError, match="column 'unit' also gives unit"):
        resolve_header("f", (*HEADER, "unit"), RATE_CARD, mapping("constants: {unit: day}\n"))


def test_a_constant_fills_every_row_and_its_change_changes_the_hash() -> None:
    columns = resolve_header("f", HEADER, RATE_CARD, mapping(""))
    row = ExtractRow(2, {"ID": "R1", "Role": "Consultant", "Day Rate": "800",
                         "From": "2024-01-01"})  # fmt: skip
    day = {"unit": "day", "currency": "EUR"}
    hour = {"unit": "hour", "currency": "EUR"}
    (as_day,) = check_rows("rate_card", columns, [row], constants=day)
    (as_hour,) = check_rows("rate_card", columns, [row], constants=hour)
    assert as_day.errors == as_hour.errors == ()
    assert '"unit":"day"' in as_day.version_fields
    assert '"unit":"hour"' in as_hour.version_fields
    assert as_day.content_hash != as_hour.content_hash
    assert as_day.content_hash == content_hash_of(raw_json_of(row.values), constants_json(day))


def test_without_constants_a_rows_hash_is_its_raw_contents() -> None:
    values = {"ID": "R1", "Day Rate": "800"}
    assert content_hash_of(raw_json_of(values), constants_json({})) == content_hash_of(
        raw_json_of(values)
    )
