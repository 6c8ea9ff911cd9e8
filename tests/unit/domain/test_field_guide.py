"""The field guide covers exactly the canonical fields, and unknown columns get a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdm.domain.entities import CUSTOMER, SCHEMAS
from mdm.domain.field_guide import fields_of, nearest_field
from mdm.ingest.errors import HeaderError
from mdm.ingest.mapping import FieldMapping, resolve_header

README = Path(__file__).resolve().parents[3] / "README.md"


@pytest.mark.parametrize("entity", sorted(SCHEMAS))
def test_the_guide_documents_every_canonical_field_in_order(entity: str) -> None:
    docs = fields_of(entity)
    assert tuple(d.name for d in docs) == SCHEMAS[entity].fields
    assert all(d.meaning and d.example for d in docs)


@pytest.mark.parametrize("entity", sorted(SCHEMAS))
def test_the_readme_table_lists_every_field_with_its_meaning(entity: str) -> None:
    readme = README.read_text(encoding="utf-8")
    for doc in fields_of(entity):
        assert f"| `{doc.name}` | {doc.meaning} | `{doc.example}` |" in readme, doc.name


@pytest.mark.parametrize(
    ("column", "nearest"),
    [
        ("Postal Code", "postal_code"),
        ("Name", "name"),
        ("adress_line1", "address_line1"),
        ("TaxID", "tax_id"),
        ("cost-currency", "currency"),
        ("Owner", None),
        ("VAT Number", "tax_id"),
        ("Zip", "postal_code"),
    ],
)
def test_nearest_field(column: str, nearest: str | None) -> None:
    assert nearest_field("customer", column) == nearest


def test_the_unknown_column_error_names_every_canonical_field_and_a_suggestion() -> None:
    with pytest.raises(HeaderError) as caught:
        resolve_header("f", ("source_id", "Postcode", "Owner"), CUSTOMER, FieldMapping())
    message = str(caught.value)
    assert "'Postcode' (did you mean postal_code?)" in message
    assert "'Owner'," in message or "'Owner';" in message
    assert ", ".join(CUSTOMER.fields) in message
    assert "mdm fields customer" in message
    assert caught.value.columns == ("Postcode", "Owner")
