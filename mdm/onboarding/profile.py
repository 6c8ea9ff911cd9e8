"""Profile an extract before it loads: per field how complete and how valid it is (by the
ingest's own checks), its distinct and most frequent values, the rows that look like the
same thing twice within the extract, and how its slash and dash dates are read (day/month or
month/day, decided per column as the ingest decides it, ``mdm.domain.date_orders``: with
the orders the system's earlier extracts decided, when the caller gives them)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mdm.domain.canonical import canonicalise
from mdm.domain.date_orders import DateColumn, RememberedOrder, date_orders
from mdm.domain.entities import EntitySchema, schema_for
from mdm.ingest.mapping import FieldMapping, named_values, resolve_header
from mdm.ingest.plan import repeated_keys
from mdm.ingest.reader import ParsedExtract

TOP = 5
EXAMPLES = 5
CONSTANT = "(mapping constant)"  # the column of a field the mapping gives every row


def duplicate_keys(entity: str) -> tuple[tuple[str, ...], ...]:
    """The keys two rows of ``entity`` are duplicates by: each identifier, then the others."""
    schema = schema_for(entity)
    return tuple((name,) for name in schema.identifiers) + schema.duplicates


@dataclass
class _Tally:
    filled: int = 0
    invalid: int = 0
    values: Counter[str] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class FieldProfile:
    field: str
    column: str
    filled: int
    completeness: float
    invalid: int
    validity: float  # share of the filled values the ingest accepts as they are
    distinct: int
    top: tuple[tuple[str, int], ...]
    problems: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class DuplicateGroup:
    key: tuple[str, ...]
    value: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class ExtractProfile:
    file: str
    entity: str
    rows: int
    accepted: int
    rejected: int
    fields: tuple[FieldProfile, ...]
    unmapped: tuple[str, ...]
    duplicate_groups: int
    duplicate_rows: int
    duplicates: tuple[DuplicateGroup, ...]  # examples
    dates: tuple[DateColumn, ...] = ()  # the date columns holding slash or dash dates
    notes: tuple[str, ...] = ()  # what a person should know of how it is read (encoding, dates)
    constants: tuple[tuple[str, str], ...] = ()  # field, value: the mapping gives every row

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "entity": self.entity, "rows": self.rows,
            "accepted": self.accepted, "rejected": self.rejected,
            "fields": [
                {**f.__dict__, "top": [list(t) for t in f.top],
                 "problems": [list(p) for p in f.problems]}
                for f in self.fields
            ],
            "unmapped_columns": list(self.unmapped),
            "duplicates": {
                "groups": self.duplicate_groups, "rows": self.duplicate_rows,
                "examples": [
                    {"key": list(d.key), "value": list(d.value), "lines": list(d.lines)}
                    for d in self.duplicates
                ],
            },
            "dates": [
                {"field": d.field, "column": d.column, "read": d.reading,
                 "only_day_month": d.evidence.day_first,
                 "only_month_day": d.evidence.month_first, "ambiguous": d.evidence.either}
                for d in self.dates
            ],
            "notes": list(self.notes),
            "constants": dict(self.constants),
        }  # fmt: skip


def profile_extract(
    extract: ParsedExtract, entity: str, mapping: FieldMapping | None = None,
    remembered: Mapping[str, RememberedOrder] | None = None,
) -> ExtractProfile:  # fmt: skip
    """``remembered``: field -> the date order the source system's earlier extracts of
    ``entity`` decided (``uow.systems.date_orders_of``), for a column that decides none."""
    schema = schema_for(entity)
    mapping = mapping or FieldMapping()
    columns = resolve_header(extract.name, extract.header, schema, mapping)
    constants = mapping.constants
    fields = {target: column for column, target in columns.items()}
    fields.update({name: CONSTANT for name in constants})
    tallies = {name: _Tally() for name in schema.fields if name in fields}
    repeated = repeated_keys(extract.rows, columns)
    dates = date_orders(schema, columns, [row.values for row in extract.rows], remembered)
    accepted: list[tuple[int, Mapping[str, Any]]] = []
    for row in extract.rows:
        named = {f: v.strip() for f, v in named_values(row.values, columns, constants).items()}
        canon = canonicalise(entity, named, dates)
        bad = dict(canon.invalid)
        bad.update({issue.field: issue.reason for issue in canon.errors})
        if row.line_no in repeated:
            bad["source_id"] = repeated[row.line_no]
        for name, tally in tallies.items():
            _count(tally, named.get(name, ""), bad.get(name))
        if not canon.errors and row.line_no not in repeated:
            accepted.append((row.line_no, canon.values))
    groups = _duplicates(entity, accepted)
    return ExtractProfile(
        file=extract.name, entity=entity, rows=len(extract.rows), accepted=len(accepted),
        rejected=len(extract.rows) - len(accepted),
        fields=tuple(_field(name, fields[name], t, len(extract.rows)) for name, t in tallies.items()),
        unmapped=tuple(c for c in extract.header if c not in columns),
        duplicate_groups=len(groups), duplicate_rows=sum(len(g.lines) for g in groups),
        duplicates=tuple(groups[:EXAMPLES]), dates=dates.columns,
        notes=(*extract.notes, *dates.notes), constants=tuple(sorted(constants.items())),
    )  # fmt: skip


def _count(tally: _Tally, value: str, problem: str | None) -> None:
    if problem is not None:
        tally.invalid += 1 if value else 0
        tally.problems[problem.split(":")[0]] += 1
    if value:
        tally.filled += 1
        tally.values[value] += 1


def _field(name: str, column: str, tally: _Tally, rows: int) -> FieldProfile:
    return FieldProfile(
        field=name, column=column, filled=tally.filled,
        completeness=round(tally.filled / rows, 4) if rows else 0.0,
        invalid=tally.invalid,
        validity=round(1 - tally.invalid / tally.filled, 4) if tally.filled else 1.0,
        distinct=len(tally.values), top=tuple(tally.values.most_common(TOP)),
        problems=tuple(tally.problems.most_common(TOP)),
    )  # fmt: skip


def _duplicates(
    entity: str, accepted: Sequence[tuple[int, Mapping[str, Any]]]
) -> list[DuplicateGroup]:
    """Groups of accepted rows that share a whole duplicate key (every part filled)."""
    groups: list[DuplicateGroup] = []
    schema = schema_for(entity)
    for key in duplicate_keys(entity):
        lines: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for line_no, values in accepted:
            value = tuple(_folded(values.get(part)) for part in key)
            if _whole(schema, key, value):
                lines[value].append(line_no)
        groups += [DuplicateGroup(key, v, tuple(n)) for v, n in lines.items() if len(n) > 1]
    return groups


def _folded(value: Any) -> str:
    """Letters and digits only, case-folded: "gb 976 717 957" and "GB976717957" are one."""
    return "".join(c for c in str(value or "").casefold() if c.isalnum())


def _whole(schema: EntitySchema, key: tuple[str, ...], value: tuple[str, ...]) -> bool:
    """Every part of the key has a value; a key made of a requirement's fields (a person's
    name: full, or first and last) is whole when the requirement is met."""
    requirement = next((r for r in schema.requirements if set(r.fields()) == set(key)), None)
    if requirement is not None:
        return requirement.met(dict(zip(key, value, strict=True)))
    return all(value)
