"""Source records as the matcher reads them (``mdm.repositories.matching_records``)."""

from __future__ import annotations

import csv
import io

from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.unit_of_work import UnitOfWork


def _ingest(uow: UnitOfWork, system: str, names: list[str]) -> None:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=["source_id", "name", "country"])
    writer.writeheader()
    writer.writerows(
        {"source_id": str(n), "name": name, "country": "DE"} for n, name in enumerate(names)
    )
    extract = parse_extract(f"{system}.csv", text.getvalue().encode())
    ingest_extract(uow, extract, system=system, entity="customer")


def test_the_systems_of_the_active_records_are_those_the_matcher_reads(uow: UnitOfWork) -> None:
    """A distributed run clusters by them (a source holding an entity once) without reading
    the records: they must be the sources a bulk run reads the records with."""
    _ingest(uow, "crm", ["Quillfeather Analytics", "Frosthill Telecom"])
    _ingest(uow, "erp", ["Quillfeather Analytics GmbH"])
    systems = uow.sources.active_systems("customer")
    read = {(int(str(r["id"])), str(r["source"])) for r in uow.sources.active_records("customer")}
    assert sorted(systems) == sorted(read)
    assert sorted(system for _, system in systems) == ["crm", "crm", "erp"]
