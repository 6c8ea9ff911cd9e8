"""Validate a raw row of a canonical entity and turn it into canonical, standardised values,
by the entity's definition (``mdm.domain.entities``): what a price's text says of its other
fields, its requirements, each field's kind, its rules across fields; a row of an extract,
also by how the extract writes its dates (``mdm.domain.date_orders``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from matching import DayMonth
from mdm.domain.date_orders import PER_VALUE, DateOrders
from mdm.domain.entities import EntitySchema, schema_for
from mdm.domain.entities.definition import Field, Required, RowRule
from mdm.domain.entities.kinds import Convert, Row
from mdm.domain.entities.price_text import PriceText
from mdm.domain.issues import CanonicalRow, FieldIssue

MAX_TEXT = 1000  # characters; a longer value is a broken extract, not a name or an address


@dataclass(frozen=True)
class _Converted:
    """A converted field as a row's check reads it: its kind's parts, looked up once."""

    name: str
    convert: Convert
    reason: str
    detail: Callable[[str], str]
    rejects: bool
    default: str | None


@dataclass(frozen=True)
class _Checks:
    """What checking a row of one entity reads of its definition, flattened once: a bulk
    load checks hundreds of thousands of rows, and each lookup through the schema's fields
    and kinds cost more than the work on an ordinary value."""

    prices: tuple[PriceText, ...]
    rules: tuple[Required, ...]
    text_fields: tuple[str, ...]
    converted: tuple[_Converted, ...]
    checks: tuple[RowRule, ...]
    together: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, schema: EntitySchema, orders: Mapping[str, DayMonth]) -> _Checks:
        converted = tuple(
            _Converted(f.name, convert, f.kind.reason, f.kind.detail, f.rejects_row, f.default)
            for f in schema.converted
            if (convert := _reader(f, orders.get(f.name))) is not None
        )
        return cls(
            schema.prices, schema.rules, schema.text_fields, converted, schema.checks,
            schema.read_together,
        )  # fmt: skip


def _reader(spec: Field, order: DayMonth | None) -> Convert | None:
    """The field's convert; for a column whose extract decided its dates' order, in it."""
    if order is not None and spec.kind.ordered is not None:
        return spec.kind.ordered(order)
    return spec.kind.convert


@cache
def _checks_of(entity: str, readings: tuple[tuple[str, DayMonth], ...] = ()) -> _Checks:
    return _Checks.of(schema_for(entity), dict(readings))


def _text(raw: Row, fields: tuple[str, ...], values: dict[str, Any],
          errors: list[FieldIssue]) -> None:  # fmt: skip
    """Keep ``fields`` as text: inner runs of whitespace made one space, length checked."""
    for field in fields:
        value = raw.get(field)
        if value:
            if "  " in value or not value.isprintable():
                value = " ".join(value.split())
            if len(value) > MAX_TEXT:
                errors.append(FieldIssue(field, f"longer than {MAX_TEXT} characters"))
        values[field] = value or None


def _convert(
    raw: Row, converted: tuple[_Converted, ...], values: dict[str, Any],
    invalid: dict[str, str], errors: list[FieldIssue],
) -> None:  # fmt: skip
    """Each converted field in order; a value its kind cannot read rejects the row or is
    flagged (kept, never winning), by the field (``Field.rejects_row``)."""
    for spec in converted:
        value = raw.get(spec.name, "")
        if not value:
            values[spec.name] = spec.default
            continue
        result = spec.convert(value, raw)
        if result is None and spec.reason:
            reason = f"{spec.reason}: {spec.detail(value)}"
            if spec.rejects:
                errors.append(FieldIssue(spec.name, reason))
            else:  # a value that may be wrong without rejecting the row: kept, flagged
                invalid[spec.name] = reason
        values[spec.name] = result


def _flag_together(
    together: tuple[tuple[str, ...], ...], values: dict[str, Any], invalid: dict[str, str]
) -> None:
    """Where a field of fields read together is flagged, flag the others the row holds with
    it (kept as None, as a flagged value is): an amount is not read without its currency."""
    for fields in together:
        flagged = next((f for f in fields if f in invalid), None)
        if flagged is None:
            continue
        for name in fields:
            if name not in invalid and values.get(name) is not None:
                invalid[name] = f"not read without {flagged}: {invalid[flagged]}"
                values[name] = None


def canonicalise(
    entity: str, raw: Mapping[str, str], dates: DateOrders = PER_VALUE
) -> CanonicalRow:
    """Validate one row (already keyed by canonical field names) of ``entity``: what its
    prices' text says of their currency and unit, its requirements, then its text fields, then
    each converted field in order, then the rules across values (so the issues come in that
    order; a flagged field flags the fields read with it). ``dates``: how the row's extract
    writes its slash and dash dates (a single record has no extract: each value read by
    itself)."""
    checks = _checks_of(entity, dates.readings)
    stripped: Row = {k: v.strip() if v else "" for k, v in raw.items()}
    values: dict[str, Any] = {}
    invalid: dict[str, str] = {}
    errors: list[FieldIssue] = []
    for price in checks.prices:
        stripped, issues = price.complete(stripped)
        errors.extend(issues)
    for required in checks.rules:
        if not required.met(stripped):
            errors.append(FieldIssue(required.issue, required.message))
    _text(stripped, checks.text_fields, values, errors)
    _convert(stripped, checks.converted, values, invalid, errors)
    if invalid:
        _flag_together(checks.together, values, invalid)
    for rule in checks.checks:
        issue = rule.issue(values)
        if issue is not None:
            errors.append(FieldIssue(*issue))
    return CanonicalRow(stripped.get("source_id", ""), values, invalid, tuple(errors))
