"""Re-key a transactional file (projects, contracts, time entries, invoices, ...) that names a
source system's keys: every named column gets a ``COL_golden_id`` beside it, from the
cross-references, so reports can join the acquired firm's transactions to golden records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mdm.domain.entities import schema_for
from mdm.ingest.errors import HeaderError
from mdm.ingest.reader import ParsedExtract
from mdm.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class KeyColumn:
    column: str
    entity: str

    @property
    def target(self) -> str:
        return f"{self.column}_golden_id"


@dataclass(frozen=True)
class UnknownKey:
    line_no: int
    column: str
    value: str
    reason: str  # "unknown key" or "no golden record yet"


@dataclass(frozen=True)
class Rekeyed:
    header: tuple[str, ...]
    rows: list[dict[str, str]]
    unknown: list[UnknownKey]
    keyed: int  # cells given a golden id


def parse_column(text: str) -> KeyColumn:
    column, sep, entity = text.rpartition("=")
    if not sep or not column:
        raise ValueError(f"--column takes COL=ENTITY, not {text!r}")
    schema_for(entity)
    return KeyColumn(column, entity)


def rekey(
    uow: UnitOfWork, extract: ParsedExtract, system: str, columns: Sequence[KeyColumn]
) -> Rekeyed:
    missing = [c.column for c in columns if c.column not in extract.header]
    if missing:
        raise HeaderError(
            extract.name, f"no column {', '.join(missing)} in the file", tuple(missing)
        )
    header = (*extract.header, *(c.target for c in columns if c.target not in extract.header))
    rows = [dict(row.values) for row in extract.rows]
    unknown: list[UnknownKey] = []
    keyed = 0
    for key in columns:
        values = {row.values[key.column].strip() for row in extract.rows} - {""}
        found = uow.reports.golden_ids_by_key(system, key.entity, sorted(values))
        for row, out in zip(extract.rows, rows, strict=True):
            value = row.values[key.column].strip()
            golden = found.get(value)
            out[key.target] = str(golden) if golden else ""
            keyed += 1 if golden else 0
            if value and golden is None:
                why = "no golden record yet" if value in found else "unknown key"
                unknown.append(UnknownKey(row.line_no, key.column, value, why))
    unknown.sort(key=lambda u: (u.line_no, u.column))
    return Rekeyed(header, rows, unknown, keyed)
