"""The canonical entities, each declared once (``customer``, ``resource``,
``rate_card`` in this package; the parts they are declared with in ``definition``)."""

from __future__ import annotations

from mdm.domain.entities.customer import CUSTOMER
from mdm.domain.entities.definition import EntitySchema, Field, Reference
from mdm.domain.entities.rate_card import RATE_CARD
from mdm.domain.entities.resource import RESOURCE

__all__ = [
    "CUSTOMER", "ENTITY_NAMES", "RATE_CARD", "RESOURCE", "SCHEMAS", "EntitySchema", "Field",
    "Reference", "UnknownEntityError", "field_named", "label_of", "schema_for",
]  # fmt: skip

# in the order records load and match: an entity after the entities it references (a rate
# line's customer resolves once the customer is matched)
SCHEMAS: dict[str, EntitySchema] = {s.name: s for s in (CUSTOMER, RESOURCE, RATE_CARD)}
ENTITY_NAMES: tuple[str, ...] = tuple(SCHEMAS)


def _by_name() -> dict[str, Field]:
    """Every field by name: a name means one thing in every entity (a golden value is shown
    by its name alone), and a reference names an entity that exists."""
    found: dict[str, Field] = {}
    for schema in SCHEMAS.values():
        for spec in schema.field_specs:
            seen = found.setdefault(spec.name, spec)
            if (seen.kind, seen.cased, seen.label) != (spec.kind, spec.cased, spec.label):
                raise ValueError(f"{spec.name} differs between entities: {seen} and {spec}")
            if spec.references is not None and spec.references.entity not in SCHEMAS:
                raise ValueError(f"{spec.name} names an unknown entity {spec.references.entity}")
    return found


FIELDS_BY_NAME = _by_name()


def field_named(name: str) -> Field | None:
    """The field ``name`` of whichever entity has one (they agree on its kind and casing)."""
    return FIELDS_BY_NAME.get(name)


def label_of(name: str) -> str:
    """An attribute's name as a steward reads it (``address_line1`` → ``address line 1``)."""
    spec = FIELDS_BY_NAME.get(name)
    return spec.shown_as if spec is not None else name.replace("_", " ")


class UnknownEntityError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown entity {name!r}; expected one of {', '.join(ENTITY_NAMES)}")
        self.name = name


def schema_for(entity: str) -> EntitySchema:
    try:
        return SCHEMAS[entity]
    except KeyError:
        raise UnknownEntityError(entity) from None
