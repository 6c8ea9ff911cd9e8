"""What each canonical field means, with an example: `mdm fields`, the API and the README.

The field lists themselves are the entities' (``mdm.domain.entities``); a test holds this guide
and those lists to the same names, so neither can drift from the other.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from mdm.domain.entities import schema_for


@dataclass(frozen=True)
class FieldDoc:
    name: str
    meaning: str
    example: str
    required: str = ""  # "yes", or which alternative satisfies the requirement


_CUSTOMER = (
    FieldDoc("source_id", "the record's key in its own system", "CRM-000123", "yes"),
    FieldDoc("name", "the name people use for the organisation", "Acme Consulting", "name or legal_name"),
    FieldDoc("legal_name", "the registered name, with its legal form", "Acme Consulting Ltd", "name or legal_name"),
    FieldDoc("tax_id", "VAT or other tax number, country prefix welcome", "GB885310515"),
    FieldDoc("duns", "Dun & Bradstreet number, 9 digits", "150483782"),
    FieldDoc("website", "web address; kept as its registrable domain", "https://www.acme.co.uk"),
    FieldDoc("email", "general contact e-mail address", "accounts@acme.co.uk"),
    FieldDoc("phone", "main phone number, national or international", "+44 20 7946 0958"),
    FieldDoc("address_line1", "street and number", "12 High Street"),
    FieldDoc("address_line2", "building, floor, suite", "Floor 3"),
    FieldDoc("city", "city or town", "London"),
    FieldDoc("region", "state, county or province", "Greater London"),
    FieldDoc("postal_code", "postcode or ZIP", "EC1A 1BB"),
    FieldDoc("country", "country name or ISO code; kept as ISO 3166 alpha-2", "GB"),
    FieldDoc("industry", "the customer's industry", "Financial services"),
    FieldDoc("currency", "billing currency, ISO 4217", "GBP"),
    FieldDoc("parent_source_id", "source_id of the parent customer in the same system", "CRM-000001"),
)  # fmt: skip

_RESOURCE = (
    FieldDoc("source_id", "the record's key in its own system", "HR-4711", "yes"),
    FieldDoc("first_name", "given name", "Maria", "first/last or full"),
    FieldDoc("last_name", "family name", "Johnson-Wright", "first/last or full"),
    FieldDoc("full_name", "the whole name as one string", "Maria Johnson-Wright", "first/last or full"),
    FieldDoc("email", "work e-mail address", "maria.johnson@acme.com"),
    FieldDoc("phone", "work phone number", "+44 7700 900123"),
    FieldDoc("employee_number", "HR employee number", "E-10293"),
    FieldDoc("title", "job title", "Senior Consultant"),
    FieldDoc("department", "department or practice", "Data & Analytics"),
    FieldDoc("location_city", "city the person works from", "Manchester"),
    FieldDoc("country", "country name or ISO code; kept as ISO 3166 alpha-2", "GB"),
    FieldDoc("hire_date", "date of hire, ISO or a common date format", "2021-03-15"),
    FieldDoc("skills", "skills separated by `;`", "python;sql;sap"),
    FieldDoc("cost_rate", "internal cost per hour, a decimal number", "85.50"),
    FieldDoc("cost_currency", "currency of cost_rate, ISO 4217", "GBP"),
    FieldDoc("manager_source_id", "source_id of the manager in the same system", "HR-0042"),
)  # fmt: skip

_RATE_CARD = (
    FieldDoc("source_id", "the rate line's key in its own system", "RC-2024-017", "yes"),
    FieldDoc("role", "the role priced", "Senior Consultant", "yes"),
    FieldDoc("level", "seniority level within the role", "L3"),
    FieldDoc("currency", "currency of the rate, ISO 4217", "EUR", "yes"),
    FieldDoc("rate", "price per unit, a decimal number, never negative", "1250.00", "yes"),
    FieldDoc("unit", "`hour` or `day` (default hour)", "day"),
    FieldDoc("effective_from", "first day the rate applies", "2024-01-01", "yes"),
    FieldDoc("effective_to", "last day the rate applies (empty: open)", "2024-12-31"),
    FieldDoc("customer_source_id", "source_id of the customer in the same system, if specific", "ERP-C-881"),
    FieldDoc("region", "region the rate applies to", "EMEA"),
)  # fmt: skip

GUIDE: dict[str, tuple[FieldDoc, ...]] = {
    "customer": _CUSTOMER,
    "resource": _RESOURCE,
    "rate_card": _RATE_CARD,
}


def fields_of(entity: str) -> tuple[FieldDoc, ...]:
    """The documented canonical fields of ``entity``, in the entity's order."""
    schema_for(entity)  # an unknown entity is refused by name
    return GUIDE[entity]


# Common column names of other systems, for the suggestion only (a mapping still has to say so).
ALIASES = {
    "zip": "postal_code", "zip_code": "postal_code", "postcode": "postal_code",
    "vat": "tax_id", "vat_number": "tax_id", "vat_id": "tax_id", "company": "name",
    "company_name": "name", "account_name": "name", "street": "address_line1",
    "state": "region", "province": "region", "county": "region", "tel": "phone",
    "telephone": "phone", "mobile": "phone", "url": "website", "web": "website",
    "surname": "last_name", "family_name": "last_name", "given_name": "first_name",
    "forename": "first_name", "town": "city", "employee_id": "employee_number",
}  # fmt: skip


def _plain(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.casefold()).strip("_")


def nearest_field(entity: str, column: str) -> str | None:
    """The canonical field ``column`` most likely meant (``Postal Code`` → ``postal_code``)."""
    names = schema_for(entity).fields
    plain = _plain(column)
    if plain in names:
        return plain
    squashed = {n.replace("_", ""): n for n in names}
    if plain.replace("_", "") in squashed:
        return squashed[plain.replace("_", "")]
    if ALIASES.get(plain) in names:
        return ALIASES[plain]
    close = difflib.get_close_matches(plain, names, n=1, cutoff=0.7)
    return close[0] if close else None


def describe_unknown(entity: str, column: str) -> str:
    """``column`` with the nearest canonical field, for an error message."""
    nearest = nearest_field(entity, column)
    return f"{column!r} (did you mean {nearest}?)" if nearest else repr(column)
