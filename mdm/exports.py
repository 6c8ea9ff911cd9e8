"""Read-outs of the hub's state as files: cross-references and golden records."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from mdm.domain.entities import schema_for
from mdm.spreadsheet_cells import neutralise
from mdm.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class XrefCounts:
    rows: int
    unmatched: int  # records still waiting for matching: no golden record yet, golden_id empty


def write_xref(uow: UnitOfWork, entity: str, out: IO[str]) -> XrefCounts:
    """Every active record exactly once; one not matched yet has an empty golden_id."""
    schema_for(entity)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "source_id", "golden_id"])
    rows = unmatched = 0
    for source, source_id, golden_id in uow.golden.export_xref_rows(entity):
        golden = "" if golden_id is None else str(golden_id)
        writer.writerow([neutralise(source), neutralise(source_id), golden])
        rows += 1
        unmatched += golden_id is None
    return XrefCounts(rows, unmatched)


def golden_rows(uow: UnitOfWork, entity: str) -> Iterator[dict[str, Any]]:
    schema_for(entity)
    result = uow.golden.export_golden_rows(entity)
    for golden_id, version, attributes, lineage, updated_at, sources in result:
        yield {
            "golden_id": str(golden_id),
            "entity": entity,
            "version": version,
            "updated_at": updated_at.isoformat(),
            "attributes": attributes,
            "lineage": lineage,
            "sources": sources,
        }


def write_golden(uow: UnitOfWork, entity: str, out: IO[str], fmt: str) -> int:
    fields = [f for f in schema_for(entity).fields if f != "source_id"]
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writerow(["golden_id", "version", *fields, "sources"])
    count = 0
    for row in golden_rows(uow, entity):
        count += 1
        if writer is None:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            continue
        attrs = row["attributes"]
        values = [_cell(attrs.get(f)) for f in fields]
        sources = ";".join(f"{s['source']}:{s['source_id']}" for s in row["sources"])
        cells = [neutralise(v) for v in (*values, sources)]
        writer.writerow([row["golden_id"], row["version"], *cells])
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)
