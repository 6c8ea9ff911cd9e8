"""Headers: canonical names pass, mapped names are renamed, anything else is refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdm.domain.entities import CUSTOMER
from mdm.ingest.errors import HeaderError
from mdm.ingest.mapping import FieldMapping, resolve_header


def test_canonical_header_maps_to_itself() -> None:
    assert resolve_header("f", ("source_id", "name"), CUSTOMER, FieldMapping()) == {
        "source_id": "source_id",
        "name": "name",
    }


def test_unknown_column_is_refused_by_name() -> None:
    with pytest.raises(HeaderError) as caught:
        resolve_header("f", ("source_id", "name", "Account Owner"), CUSTOMER, FieldMapping())
    assert caught.value.columns == ("Account Owner",)
    assert "Account Owner" in str(caught.value)


def test_mapping_renames_and_ignores(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("columns:\n  Id: source_id\n  Account Name: name\nignore: [Owner]\n")
    mapping = FieldMapping.load(path)
    resolved = resolve_header("f", ("Id", "Account Name", "Owner"), CUSTOMER, mapping)
    assert resolved == {"Id": "source_id", "Account Name": "name"}


def test_mapping_to_an_unknown_field_or_two_columns_to_one_field_is_refused() -> None:
    with pytest.raises(HeaderError, match="unknown customer fields"):
        resolve_header("f", ("source_id",), CUSTOMER, FieldMapping({"x": "nickname"}))
    with pytest.raises(HeaderError, match="both map to name"):
        resolve_header("f", ("source_id", "A", "name"), CUSTOMER, FieldMapping({"A": "name"}))


def test_source_id_is_required() -> None:
    with pytest.raises(HeaderError, match="no source_id"):
        resolve_header("f", ("name",), CUSTOMER, FieldMapping())
