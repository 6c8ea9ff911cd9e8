"""The canonical entities of DESIGN §6: their fields, and which of them name other records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntitySchema:
    name: str
    fields: tuple[str, ...]
    references: tuple[str, ...] = ()
    # fields whose one value names one thing (a registry number, an employee's number or
    # address): search finds a record by them, and two rows sharing one are duplicates
    identifiers: tuple[str, ...] = ()

    def is_field(self, column: str) -> bool:
        return column in self.fields


CUSTOMER = EntitySchema(
    name="customer",
    fields=(
        "source_id", "name", "legal_name", "tax_id", "duns", "website", "email", "phone",
        "address_line1", "address_line2", "city", "region", "postal_code", "country",
        "industry", "currency", "parent_source_id",
    ),
    references=("parent_source_id",),
    identifiers=("tax_id", "duns"),
)  # fmt: skip

RESOURCE = EntitySchema(
    name="resource",
    fields=(
        "source_id", "first_name", "last_name", "full_name", "email", "phone",
        "employee_number", "title", "department", "location_city", "country", "hire_date",
        "skills", "cost_rate", "cost_currency", "manager_source_id",
    ),
    references=("manager_source_id",),
    identifiers=("email", "employee_number"),
)  # fmt: skip

RATE_CARD = EntitySchema(
    name="rate_card",
    fields=(
        "source_id", "role", "level", "currency", "rate", "unit", "effective_from",
        "effective_to", "customer_source_id", "region",
    ),
    references=("customer_source_id",),
)  # fmt: skip

SCHEMAS: dict[str, EntitySchema] = {s.name: s for s in (CUSTOMER, RESOURCE, RATE_CARD)}
ENTITY_NAMES: tuple[str, ...] = tuple(SCHEMAS)


class UnknownEntityError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown entity {name!r}; expected one of {', '.join(ENTITY_NAMES)}")
        self.name = name


def schema_for(entity: str) -> EntitySchema:
    try:
        return SCHEMAS[entity]
    except KeyError:
        raise UnknownEntityError(entity) from None
