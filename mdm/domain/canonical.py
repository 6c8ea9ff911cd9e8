"""Validate a raw row of a canonical entity and turn it into canonical, standardised values,
by the entity's definition (``mdm.domain.entities``): its requirements, each field's kind,
its rules across fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mdm.domain.entities import Field, schema_for
from mdm.domain.issues import CanonicalRow, FieldIssue

MAX_TEXT = 1000  # characters; a longer value is a broken extract, not a name or an address


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

    def result(self) -> CanonicalRow:
        return CanonicalRow(
            source_id=self.text("source_id"),
            values=self.values,
            invalid=self.invalid,
            errors=tuple(self.errors),
        )


def _convert(check: RowCheck, spec: Field) -> None:
    convert = spec.kind.convert
    assert convert is not None
    value = check.raw.get(spec.name, "")
    converted = convert(value, check.raw) if value else None
    if value and converted is None and spec.kind.reason:
        reason = f"{spec.kind.reason}: {value!r}"
        if spec.kind.rejects:
            check.errors.append(FieldIssue(spec.name, reason))
        else:  # a value that may be wrong without rejecting the row: kept, flagged, never wins
            check.invalid[spec.name] = reason
    if converted is None and not value and spec.default is not None:
        converted = spec.default
    check.values[spec.name] = converted


def canonicalise(entity: str, raw: Mapping[str, str]) -> CanonicalRow:
    """Validate one row (already keyed by canonical field names) of ``entity``: its
    requirements, then its text fields, then each converted field in order, then the rules
    across values (so the issues come in that order)."""
    schema = schema_for(entity)
    check = RowCheck(raw)
    for required in schema.rules:
        if not required.met(check.raw):
            check.errors.append(FieldIssue(required.issue, required.message))
    check.keep(*schema.text_fields)
    for spec in schema.converted:
        _convert(check, spec)
    for rule in schema.checks:
        issue = rule.issue(check.values)
        if issue is not None:
            check.errors.append(FieldIssue(*issue))
    return check.result()
