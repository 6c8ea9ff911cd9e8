"""A mapping's constants: one value the mapping gives every row of an extract for a field no
column holds ("Day Rate": the unit is in the header; an ERP whose amounts are all EUR).

A constant is checked as a column's value is, by the field's own checks, before any row is
read: an unknown field, a value the field cannot read, a constant for the key, or a field a
column also maps refuses the mapping. The rows then read as if each held the value; what is
kept of a row as the extract's content stays what the file held (the run records the
constants it was loaded with), and the rows' content hash covers the constants, so a changed
constant loads the rows again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from mdm.db.bulk import as_sorted_json
from mdm.domain.canonical import canonicalise
from mdm.domain.entities import EntitySchema
from mdm.domain.field_guide import unknown_fields
from mdm.ingest.errors import ExtractError, HeaderError

_SCALARS = (str, int, float, Decimal, dt.date)


def read_constants(name: str, data: Any) -> dict[str, str]:
    """The ``constants:`` of a mapping file (``name``) as field -> text, refusing a shape that is
    not field: value."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ExtractError(name, "`constants` must be an object: canonical field -> value")
    constants: dict[str, str] = {}
    for key, value in data.items():
        # a YAML yes/no is a bool, which no field reads as meant: quote it
        if isinstance(value, bool) or not isinstance(value, _SCALARS):
            raise ExtractError(
                name, f"constant {key}: a single value (text, number or date), not {value!r}"
            )
        constants[str(key)] = str(value).strip()
    return constants


def check_constants(
    file: str, schema: EntitySchema, constants: Mapping[str, str], resolved: Mapping[str, str]
) -> None:
    """Refuse a constant for an unknown field, for the key, for a field a column of the header
    also gives (``resolved``: column -> field), or with a value the field refuses or flags."""
    if not constants:
        return
    if (unknown := unknown_fields(schema.name, constants)) is not None:
        raise HeaderError(file, f"the mapping has constants for {unknown}")
    if "source_id" in constants:
        raise HeaderError(
            file,
            "the mapping's constant source_id: every row would have the same key; map a column to it",
        )
    by_field = {target: column for column, target in resolved.items()}
    for name in constants:
        if name in by_field:
            raise HeaderError(
                file,
                f"the mapping's constant {name}: column {by_field[name]!r} also gives {name}; "
                "keep the column or the constant, not both",
            )
    for name, reason in sorted(value_issues(schema, constants).items()):
        raise HeaderError(file, f"the mapping's constant {name}: {reason}")


def value_issues(schema: EntitySchema, constants: Mapping[str, str]) -> dict[str, str]:
    """Why each refused constant is refused: empty, or what the field's checks say of it as
    the value of a column (read together, as one row's values are)."""
    issues = {name: "empty; leave the field out instead" for name, v in constants.items() if not v}
    row = canonicalise(schema.name, constants)
    unfilled = set(canonicalise(schema.name, {}).errors)  # what a row lacks, not a value's fault
    for issue in row.errors:
        if issue.field in constants and issue not in unfilled:
            issues.setdefault(issue.field, issue.reason)
    for name, reason in row.invalid.items():
        if name in constants:
            issues.setdefault(name, reason)
    return issues


def constants_json(constants: Mapping[str, str]) -> str:
    """The constants as a row's content hash covers them: sorted JSON, "" for none (a mapping
    without constants hashes its rows as before)."""
    return as_sorted_json(constants) if constants else ""


def constants_note(constants: Mapping[str, str]) -> tuple[str, ...]:
    """What a load's report says of its constants (nothing when it has none)."""
    if not constants:
        return ()
    given = ", ".join(f"{name} {value!r}" for name, value in sorted(constants.items()))
    return (f"the mapping gives every row {given} (constants: the file holds no such column)",)
