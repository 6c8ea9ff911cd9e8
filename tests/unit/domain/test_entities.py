"""The entity definitions hold together: every declared field is accepted by the canonical
checks, every name a definition uses is one of its fields, and a field means one thing in
every entity."""

from __future__ import annotations

import dataclasses

import pytest

from mdm.domain.canonical import canonicalise
from mdm.domain.entities import (
    CUSTOMER,
    ENTITY_NAMES,
    RATE_CARD,
    SCHEMAS,
    field_named,
    label_of,
    schema_for,
)
from mdm.domain.entities.definition import Required
from mdm.domain.entities.price_text import PriceText
from mdm.domain.survivorship_rules import AttributeRule, EntityRules
from mdm.onboarding.values import DETECTORS
from mdm.stewardship.bulk import PATTERNS

ENTITIES = sorted(SCHEMAS)


@pytest.mark.parametrize("entity", ENTITIES)
def test_every_declared_field_is_accepted_by_the_canonical_checks(entity: str) -> None:
    """A row of every field's documented example loads without an issue or a flag, and each
    field (source_id apart: the row's key) comes out with a value."""
    schema = schema_for(entity)
    row = canonicalise(entity, {f.name: f.example for f in schema.field_specs})
    assert row.errors == () and row.invalid == {}
    assert row.source_id == schema.spec("source_id").example
    assert set(row.values) == set(schema.fields) - {"source_id"}
    assert all(row.values[name] is not None for name in row.values), row.values


@pytest.mark.parametrize("entity", ENTITIES)
def test_each_field_alone_is_accepted_beside_the_required_ones(entity: str) -> None:
    schema = schema_for(entity)
    required = {
        f: schema.spec(f).example for r in schema.rules for f in r.alternatives[0]
    }  # the first alternative of each requirement
    for spec in schema.field_specs:
        row = canonicalise(entity, {**required, spec.name: spec.example})
        assert row.accepted and spec.name not in row.invalid, (spec.name, row.errors)
        if spec.name != "source_id":
            assert row.values[spec.name] is not None, spec.name


@pytest.mark.parametrize("entity", ENTITIES)
def test_an_unknown_column_is_not_a_value(entity: str) -> None:
    row = canonicalise(entity, {"source_id": "1", "not_a_field": "x"})
    assert "not_a_field" not in row.values


def test_a_default_fills_an_empty_field_but_not_a_wrong_one() -> None:
    base = {"source_id": "1", "role": "Dev", "currency": "EUR", "rate": "100"}
    base["effective_from"] = "2024-01-01"
    assert canonicalise("rate_card", base).values["unit"] == "hour"
    wrong = canonicalise("rate_card", {**base, "unit": "week"})
    assert wrong.values["unit"] is None and [e.field for e in wrong.errors] == ["unit"]


def test_every_name_a_definition_uses_must_be_one_of_its_fields() -> None:
    with pytest.raises(ValueError, match="unknown fields \\['nickname'\\]"):
        dataclasses.replace(CUSTOMER, identifiers=("tax_id", "nickname"))
    rules = EntityRules(attributes={"nickname": AttributeRule(rule="longest")})
    with pytest.raises(ValueError, match="nickname"):
        dataclasses.replace(CUSTOMER, survivorship=rules)
    with pytest.raises(ValueError, match="street"):
        dataclasses.replace(CUSTOMER, evidence={"address": ("street",)})
    with pytest.raises(ValueError, match="nickname"):
        dataclasses.replace(CUSTOMER, requirements=(Required.one_of("name", "nickname"),))
    with pytest.raises(ValueError, match="cost"):
        dataclasses.replace(RATE_CARD, prices=(PriceText("cost", "currency", "unit"),))
    with pytest.raises(ValueError, match="cost"):
        dataclasses.replace(CUSTOMER, read_together=(("cost", "currency"),))
    with pytest.raises(ValueError, match="source_id must come first"):
        dataclasses.replace(CUSTOMER, field_specs=CUSTOMER.field_specs[1:])


def test_a_required_field_must_reject_a_value_its_kind_cannot_read() -> None:
    """Else a rate line without a readable first day would load, its period open both ways."""
    rate_card = schema_for("rate_card")
    lenient = tuple(
        dataclasses.replace(f, rejects=False) if f.name == "effective_from" else f
        for f in rate_card.field_specs
    )
    with pytest.raises(ValueError, match="required fields \\['effective_from'\\]"):
        dataclasses.replace(rate_card, field_specs=lenient)
    assert not rate_card.spec("effective_to").rejects_row
    assert rate_card.spec("effective_from").rejects_row


def test_a_field_name_means_the_same_in_every_entity() -> None:
    for schema in SCHEMAS.values():
        for spec in schema.field_specs:
            shared = field_named(spec.name)
            assert shared is not None
            assert (shared.kind, shared.cased, shared.label) == (spec.kind, spec.cased, spec.label)


@pytest.mark.parametrize("entity", ENTITIES)
def test_every_reference_names_an_entity(entity: str) -> None:
    schema = schema_for(entity)
    assert schema.references, "each entity names another record"
    for name in schema.references:
        reference = schema.reference_of(name)
        assert reference is not None and reference.entity in SCHEMAS
        assert name.endswith("_source_id")


def test_the_required_column_of_the_guide_comes_from_the_requirements() -> None:
    assert CUSTOMER.required("source_id") == "yes"
    assert CUSTOMER.required("legal_name") == "name or legal_name"
    assert CUSTOMER.required("tax_id") == ""
    assert schema_for("resource").required("last_name") == "first/last or full"
    assert schema_for("rate_card").required("effective_from") == "yes"


def test_the_search_columns_read_a_record() -> None:
    person = {"first_name": "Ann", "last_name": "Lee", "location_city": "Leeds", "country": "GB"}
    resource = schema_for("resource").search
    assert resource.title(person) == "Ann Lee"
    assert resource.title({**person, "full_name": "Ann M. Lee"}) == "Ann M. Lee"
    assert resource.place_of(person) == "Leeds, GB"
    assert resource.key_of({**person, "employee_number": "E1"}) == "E1"
    customer = CUSTOMER.search
    assert customer.title({"legal_name": "Acme Ltd"}) == "Acme Ltd"
    assert customer.place_of({"region": "Kent"}) == "Kent" and customer.place_of({}) == ""
    assert customer.key_of({"duns": "150483782"}) == "150483782"


def test_the_bulk_patterns_an_entity_offers_exist_and_each_is_offered() -> None:
    offered = {p for schema in SCHEMAS.values() for p in schema.bulk_patterns}
    assert offered == set(PATTERNS)


def test_a_kind_a_value_can_be_told_by_is_one_onboarding_detects() -> None:
    kinds = {spec.kind.name for schema in SCHEMAS.values() for spec in schema.field_specs}
    assert kinds - {"text", "list", "rate_unit"} <= set(DETECTORS)


def test_labels_read_as_words() -> None:
    assert [label_of(n) for n in ("address_line1", "duns", "legal_name", "(postcode)")] == [
        "address line 1",
        "DUNS",
        "legal name",
        "(postcode)",
    ]


def test_an_entity_comes_after_the_entities_it_references() -> None:
    for at, entity in enumerate(ENTITY_NAMES):
        schema = schema_for(entity)
        for name in schema.references:
            reference = schema.reference_of(name)
            assert reference is not None
            assert ENTITY_NAMES.index(reference.entity) <= at, (entity, name)
