"""What each canonical field means, with an example: `mdm fields`, the API and the README
(the meaning, the example and the requirements are declared with the entity, in
``mdm.domain.entities``); and the canonical field an unknown column most likely meant."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from mdm.domain.entities import schema_for


@dataclass(frozen=True)
class FieldDoc:
    name: str
    meaning: str
    example: str
    required: str = ""  # "yes", or which alternative satisfies the requirement
    kind: str = "text"  # what the value is read as: text, country, email, date, money, ...
    references: str | None = None  # the entity whose record it names, by its key


def fields_of(entity: str) -> tuple[FieldDoc, ...]:
    """The documented canonical fields of ``entity``, in the entity's order."""
    schema = schema_for(entity)  # an unknown entity is refused by name
    return tuple(
        FieldDoc(
            f.name, f.meaning, f.example, schema.required(f.name), f.kind.name,
            f.references.entity if f.references is not None else None,
        )
        for f in schema.field_specs
    )  # fmt: skip


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


def unknown_fields(entity: str, names: Iterable[str]) -> str | None:
    """The names of ``names`` that are no field of ``entity``, each with the nearest field,
    then every field, for an error message; None when all are fields."""
    schema = schema_for(entity)
    unknown = sorted({name for name in names if not schema.is_field(name)})
    if not unknown:
        return None
    named = ", ".join(describe_unknown(entity, name) for name in unknown)
    return f"unknown {entity} fields: {named}; the {entity} fields are: {', '.join(schema.fields)}"


def describe_unknown(entity: str, column: str) -> str:
    """``column`` with the nearest canonical field, for an error message."""
    nearest = nearest_field(entity, column)
    return f"{column!r} (did you mean {nearest}?)" if nearest else repr(column)
