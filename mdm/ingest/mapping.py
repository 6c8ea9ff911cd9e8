"""Field mappings: how an extract's own column names map onto the canonical fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from mdm.domain.entities import EntitySchema
from mdm.domain.field_guide import describe_unknown, unknown_fields
from mdm.ingest.constants import check_constants, read_constants
from mdm.ingest.errors import ExtractError, HeaderError


@dataclass(frozen=True)
class FieldMapping:
    """``columns`` maps a source column to a canonical field; ``ignore`` lists kept-raw-only;
    ``constants`` gives a field one value for every row (:mod:`mdm.ingest.constants`)."""

    columns: dict[str, str] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    constants: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> FieldMapping:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ExtractError(path.name, f"cannot read the mapping: {exc}") from None
        return cls.load_text(text, path.name)

    @classmethod
    def load_text(cls, text: str, name: str) -> FieldMapping:
        """A mapping from its YAML text (``name`` is what errors call it)."""
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ExtractError(name, f"cannot read the mapping: {exc}") from None
        if not isinstance(data, dict):
            raise ExtractError(
                name, "a mapping is a YAML object with `columns`, `ignore` and `constants`"
            )
        columns = data.get("columns") or {}
        ignore = data.get("ignore") or []
        if not isinstance(columns, dict) or not isinstance(ignore, list):
            raise ExtractError(name, "`columns` must be an object and `ignore` a list")
        return cls(
            {str(k): str(v) for k, v in columns.items()}, frozenset(map(str, ignore)),
            read_constants(name, data.get("constants")),
        )  # fmt: skip

    def to_data(self) -> dict[str, object]:
        """The mapping as its YAML holds it (``constants`` only when it has some)."""
        data: dict[str, object] = {"columns": dict(self.columns), "ignore": sorted(self.ignore)}
        if self.constants:
            data["constants"] = dict(self.constants)
        return data


def resolve_header(
    file: str, header: tuple[str, ...], schema: EntitySchema, mapping: FieldMapping
) -> dict[str, str]:
    """Return source column → canonical field, refusing unknown or clashing columns, and the
    mapping's constants when one is refused (:func:`~mdm.ingest.constants.check_constants`)."""
    if (unknown_targets := unknown_fields(schema.name, mapping.columns.values())) is not None:
        raise HeaderError(file, f"the mapping names {unknown_targets}")
    resolved: dict[str, str] = {}
    unknown: list[str] = []
    for column in header:
        target = mapping.columns.get(column) or (column if schema.is_field(column) else None)
        if target is None and column not in mapping.ignore:
            unknown.append(column)
        elif target is not None:
            resolved[column] = target
    if unknown:
        raise HeaderError(file, unknown_columns_message(schema, unknown), tuple(unknown))
    _refuse_clashes(file, resolved)
    check_constants(file, schema, mapping.constants, resolved)
    if "source_id" not in resolved.values():
        raise HeaderError(file, "the header has no source_id column", ("source_id",))
    return resolved


def named_values(
    values: Mapping[str, str], columns: Mapping[str, str], constants: Mapping[str, str]
) -> dict[str, str]:
    """A row's values by canonical field: its mapped columns', and the mapping's constants
    (which no column gives: :func:`resolve_header` refuses a clash)."""
    named = {columns[c]: v for c, v in values.items() if c in columns}
    return {**constants, **named} if constants else named


def unknown_columns_message(schema: EntitySchema, unknown: list[str]) -> str:
    """Each unknown column with the nearest canonical field, then every valid field."""
    named = ", ".join(describe_unknown(schema.name, c) for c in unknown)
    return (
        f"unknown column(s) for {schema.name}: {named}; not canonical fields. "
        f"The {schema.name} fields are: {', '.join(schema.fields)} "
        f"(`mdm fields {schema.name}` explains each). "
        "Rename the columns, or map or ignore them with --mapping FILE.yaml."
    )


def _refuse_clashes(file: str, resolved: dict[str, str]) -> None:
    seen: dict[str, str] = {}
    for column, target in resolved.items():
        if target in seen:
            raise HeaderError(file, f"columns {seen[target]!r} and {column!r} both map to {target}")
        seen[target] = column
