"""Validate a raw row of a canonical entity and turn it into canonical, standardised values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from matching.standardise.country import to_iso2
from matching.standardise.dates import to_iso_date
from matching.standardise.email import normalise_email
from matching.standardise.money import to_currency, to_decimal
from matching.standardise.phone import to_e164
from matching.standardise.website import registrable_domain
from mdm.domain.entities import schema_for
from mdm.domain.issues import CanonicalRow, FieldIssue

MAX_TEXT = 1000  # characters; a longer value is a broken extract, not a name or an address
RATE_UNITS = {"hour": "hour", "hours": "hour", "hr": "hour", "h": "hour", "day": "day", "d": "day"}


class RowCheck:
    """Collects canonical values, soft-invalid flags and hard errors while a row is read."""

    __slots__ = ("errors", "invalid", "raw", "values")

    def __init__(self, raw: Mapping[str, str]) -> None:
        self.raw = {k: v.strip() if v else "" for k, v in raw.items()}
        self.values: dict[str, Any] = {}
        self.invalid: dict[str, str] = {}
        self.errors: list[FieldIssue] = []

    def text(self, field: str) -> str:
        return self.raw.get(field, "")

    def keep(self, *fields: str) -> None:
        raw, values = self.raw, self.values
        for field in fields:
            value = raw.get(field)
            if value and ("  " in value or not value.isprintable()):
                value = " ".join(value.split())  # inner runs of whitespace become one space
            if value and len(value) > MAX_TEXT:
                self.errors.append(FieldIssue(field, f"longer than {MAX_TEXT} characters"))
            values[field] = value or None

    def soft(self, field: str, convert: Callable[[str], Any], reason: str) -> None:
        """A value that may be wrong without rejecting the row: kept, flagged, never wins."""
        value = self.text(field)
        converted = convert(value) if value else None
        if value and converted is None:
            self.invalid[field] = f"{reason}: {value!r}"
        self.values[field] = converted

    def hard(self, field: str, convert: Callable[[str], Any], reason: str) -> None:
        """A value the row cannot load with when present and wrong."""
        value = self.text(field)
        converted = convert(value) if value else None
        if value and converted is None:
            self.errors.append(FieldIssue(field, f"{reason}: {value!r}"))
        self.values[field] = converted

    def require(self, *fields: str, label: str | None = None) -> None:
        if not any(self.text(f) for f in fields):
            name = label or fields[0]
            self.errors.append(FieldIssue(name, f"{name} is required"))

    def result(self) -> CanonicalRow:
        return CanonicalRow(
            source_id=self.text("source_id"),
            values=self.values,
            invalid=self.invalid,
            errors=tuple(self.errors),
        )


def _money(value: str) -> str | None:
    amount = to_decimal(value)
    return None if amount is None else str(amount)


def _contact(check: RowCheck, country: str | None) -> None:
    check.soft("email", normalise_email, "not a valid e-mail address")
    check.soft("phone", lambda v: to_e164(v, country), "not a valid phone number")


def _customer(check: RowCheck) -> None:
    check.require("name", "legal_name", label="name")
    check.keep("name", "legal_name", "tax_id", "duns", "address_line1", "address_line2")
    check.keep("city", "region", "postal_code", "industry", "parent_source_id")
    check.soft("country", to_iso2, "unknown country")
    _contact(check, check.values["country"])
    check.soft("website", registrable_domain, "not a website address")
    check.hard("currency", to_currency, "unknown currency")


def _skills(value: str) -> list[str] | None:
    skills = [s.strip() for s in value.split(";") if s.strip()]
    return sorted(set(skills), key=skills.index) or None


def _resource(check: RowCheck) -> None:
    if not (check.text("full_name") or (check.text("first_name") and check.text("last_name"))):
        check.errors.append(FieldIssue("full_name", "a name is required: first/last or full"))
    check.keep("first_name", "last_name", "full_name", "employee_number", "title")
    check.keep("department", "location_city", "manager_source_id")
    check.soft("country", to_iso2, "unknown country")
    _contact(check, check.values["country"])
    check.hard("hire_date", to_iso_date, "not a date")
    check.values["skills"] = _skills(check.text("skills"))
    check.hard("cost_rate", _money, "not a number")
    check.hard("cost_currency", to_currency, "unknown currency")


def _rate_card(check: RowCheck) -> None:
    check.require("role")
    check.require("currency")
    check.require("rate")
    check.require("effective_from")
    check.keep("role", "level", "customer_source_id", "region")
    check.hard("currency", to_currency, "unknown currency")
    check.hard("rate", _money, "not a number")
    check.hard("unit", lambda v: RATE_UNITS.get(v.lower()), "unit must be hour or day")
    if check.values["unit"] is None and not check.text("unit"):
        check.values["unit"] = "hour"
    check.hard("effective_from", to_iso_date, "not a date")
    check.hard("effective_to", to_iso_date, "not a date")
    start, end = check.values["effective_from"], check.values["effective_to"]
    if start and end and end < start:
        check.errors.append(FieldIssue("effective_to", f"ends ({end}) before it starts ({start})"))
    rate = check.values["rate"]
    if rate is not None and rate.startswith("-"):
        check.errors.append(FieldIssue("rate", f"a rate cannot be negative: {rate}"))


RULES: dict[str, Callable[[RowCheck], None]] = {
    "customer": _customer,
    "resource": _resource,
    "rate_card": _rate_card,
}


def canonicalise(entity: str, raw: Mapping[str, str]) -> CanonicalRow:
    """Validate one row (already keyed by canonical field names) of ``entity``."""
    schema_for(entity)
    check = RowCheck(raw)
    if not check.text("source_id"):
        check.errors.append(FieldIssue("source_id", "source_id is required"))
    RULES[entity](check)
    return check.result()
