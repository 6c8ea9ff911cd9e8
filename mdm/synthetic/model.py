"""The generator's public data types and the canonical column order (``mdm.domain.entities``)."""

from __future__ import annotations

from dataclasses import dataclass

CUSTOMER_COLUMNS = (
    "source_id", "name", "legal_name", "tax_id", "duns", "website", "email", "phone",
    "address_line1", "address_line2", "city", "region", "postal_code", "country", "industry",
    "currency", "parent_source_id",
)  # fmt: skip
RESOURCE_COLUMNS = (
    "source_id", "first_name", "last_name", "full_name", "email", "phone", "employee_number",
    "title", "department", "location_city", "country", "hire_date", "skills", "cost_rate",
    "cost_currency", "manager_source_id",
)  # fmt: skip
RATE_CARD_COLUMNS = (
    "source_id", "role", "level", "currency", "rate", "unit", "effective_from", "effective_to",
    "customer_source_id", "region",
)  # fmt: skip
HEADERS: dict[str, tuple[str, ...]] = {
    "customer": CUSTOMER_COLUMNS,
    "resource": RESOURCE_COLUMNS,
    "rate_card": RATE_CARD_COLUMNS,
}

Row = dict[str, str]


@dataclass(frozen=True)
class GeneratorConfig:
    seed: int = 7
    customers: int = 500  # true distinct client organisations
    resources: int = 300  # true distinct people
    rate_lines: int = 200  # true distinct rate-card lines
    error_rate: float = 0.3  # share of copies carrying one or more realistic corruptions
    in_source_duplicate_rate: float = 0.03


@dataclass(frozen=True)
class Extract:
    system: str  # e.g. "acme_crm"
    entity: str  # "customer" | "resource" | "rate_card"
    header: tuple[str, ...]  # canonical column names, in their declared order
    rows: list[dict[str, str]]  # all values strings, "" for unknown


@dataclass(frozen=True)
class Dataset:
    extracts: list[Extract]
    truth: dict[tuple[str, str, str], str]  # (system, entity, source_id) -> true entity id


def blank_row(entity: str) -> Row:
    return dict.fromkeys(HEADERS[entity], "")
