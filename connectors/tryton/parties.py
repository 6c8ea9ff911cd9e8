"""Customers as Tryton parties: name, one address, contact mechanisms and identifiers.

The golden id travels as an identifier without a type whose code is the golden id; a tax id
becomes a tax identifier (``eu_vat`` when it starts with an EU country prefix, so Tryton checks
it), contact mechanisms are typed email, phone and website.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from connectors.tryton.client import TrytonClient

CONTACTS = {"email": "email", "phone": "phone", "website": "website"}
ADDRESS = ("address_line1", "address_line2", "city", "postal_code", "country")
EU_PREFIXES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "EL",
        "ES",
        "FI",
        "FR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "XI",
    ]
)
READ_FIELDS = [
    "name", "active", "_timestamp", "write_date", "write_uid", "create_date", "create_uid",
    "identifiers.code", "identifiers.type",
    "contact_mechanisms.type", "contact_mechanisms.value",
    "contact_mechanisms.write_date", "contact_mechanisms.create_date",
    "contact_mechanisms.write_uid", "contact_mechanisms.create_uid",
    "addresses.street", "addresses.city", "addresses.postal_code", "addresses.country.code",
    "addresses.write_date", "addresses.create_date", "addresses.write_uid", "addresses.create_uid",
]  # fmt: skip


def read(client: TrytonClient, domain: list[Any]) -> list[dict[str, Any]]:
    """Parties (active or not) matching ``domain``, with what :func:`canonical_of` reads."""
    return list(
        client.model(
            "party.party", "search_read", domain, 0, None, [["id", "ASC"]], READ_FIELDS,
            context={"active_test": False},
        )
    )  # fmt: skip


def tax_type(tax_id: str) -> str | None:
    return "eu_vat" if tax_id[:2].upper() in EU_PREFIXES else None


def is_golden_code(code: str | None) -> bool:
    try:
        uuid.UUID(str(code))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Existing:
    """A party as read: the ids of its sub-records, to write them in place."""

    party_id: int
    timestamp: str | None
    golden_identifier: int | None
    tax_identifier: int | None
    contacts: Mapping[str, int]
    address: int | None


def existing_of(row: Mapping[str, Any]) -> Existing:
    golden = tax = None
    for ident in row.get("identifiers.", []):
        if is_golden_code(ident.get("code")) and not ident.get("type"):
            golden = ident["id"]
        elif tax is None:
            tax = ident["id"]
    contacts = {c["type"]: c["id"] for c in row.get("contact_mechanisms.", [])}
    addresses = row.get("addresses.", [])
    return Existing(
        row["id"], row.get("_timestamp"), golden, tax, contacts,
        addresses[0]["id"] if addresses else None,
    )  # fmt: skip


def _address(values: Mapping[str, Any], countries: Mapping[str, int]) -> dict[str, Any]:
    lines = [values.get("address_line1"), values.get("address_line2")]
    address: dict[str, Any] = {
        "street": "\n".join(str(v) for v in lines if v) or None,
        "city": values.get("city") or None,
        "postal_code": values.get("postal_code") or None,
    }
    country = str(values.get("country") or "").upper()
    address["country"] = countries.get(country)
    return address


def _name(values: Mapping[str, Any]) -> str:
    return str(values.get("name") or values.get("legal_name") or "")


def create_values(
    golden_id: str, values: Mapping[str, Any], countries: Mapping[str, int]
) -> dict[str, Any]:
    identifiers: list[dict[str, Any]] = [{"type": None, "code": golden_id}]
    if values.get("tax_id"):
        identifiers.append({"type": tax_type(str(values["tax_id"])), "code": values["tax_id"]})
    contacts = [
        {"type": kind, "value": values[field]}
        for field, kind in CONTACTS.items()
        if values.get(field)
    ]
    party: dict[str, Any] = {"name": _name(values), "identifiers": [["create", identifiers]]}
    if contacts:
        party["contact_mechanisms"] = [["create", contacts]]
    if any(values.get(f) for f in ADDRESS):
        party["addresses"] = [["create", [_address(values, countries)]]]
    return party


def _one2many(existing_id: int | None, wanted: dict[str, Any] | None) -> list[Any]:
    if wanted is None:
        return [["delete", [existing_id]]] if existing_id else []
    if existing_id:
        return [["write", [existing_id], wanted]]
    return [["create", [wanted]]]


def update_values(
    golden_id: str, values: Mapping[str, Any], old: Existing, countries: Mapping[str, int]
) -> dict[str, Any]:
    """A write that makes the party say what ``values`` say, sub-records written in place."""
    identifiers: list[Any] = []
    if old.golden_identifier is None:
        identifiers.append(["create", [{"type": None, "code": golden_id}]])
    tax = values.get("tax_id")
    tax_wanted = {"type": tax_type(str(tax)), "code": tax} if tax else None
    identifiers += _one2many(old.tax_identifier, tax_wanted)
    contacts: list[Any] = []
    for field, kind in CONTACTS.items():
        wanted = {"type": kind, "value": values[field]} if values.get(field) else None
        contacts += _one2many(old.contacts.get(kind), wanted)
    has_address = any(values.get(f) for f in ADDRESS)
    address = _address(values, countries) if has_address else None
    party: dict[str, Any] = {"name": _name(values), "active": True}
    for key, ops in (
        ("identifiers", identifiers), ("contact_mechanisms", contacts),
        ("addresses", _one2many(old.address, address)),
    ):  # fmt: skip
        if ops:
            party[key] = ops
    return party


def canonical_of(row: Mapping[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """A party read back as (golden id it carries, canonical customer values)."""
    golden = tax = None
    for ident in row.get("identifiers.", []):
        if is_golden_code(ident.get("code")) and not ident.get("type"):
            golden = ident["code"]
        elif tax is None:
            tax = ident.get("code")
    values: dict[str, Any] = {"name": row.get("name") or ""}
    if tax:
        values["tax_id"] = tax
    for contact in row.get("contact_mechanisms.", []):
        field = next((f for f, k in CONTACTS.items() if k == contact.get("type")), None)
        if field and contact.get("value"):
            values[field] = contact["value"]
    addresses = row.get("addresses.", [])
    if addresses:
        first = addresses[0]
        lines = (first.get("street") or "").split("\n")
        values["address_line1"] = lines[0]
        if len(lines) > 1:
            values["address_line2"] = " ".join(lines[1:])
        for field in ("city", "postal_code"):
            if first.get(field):
                values[field] = first[field]
        country = first.get("country.") or {}
        if isinstance(country, dict) and country.get("code"):
            values["country"] = country["code"]
    return golden, {k: v for k, v in values.items() if v not in (None, "")}
