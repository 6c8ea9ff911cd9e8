"""A resource whose cost currency cannot be read loads, its cost rate flagged with it: no golden
record is given a cost rate without the currency its source wrote it in."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.golden.partition_apply import apply_partition
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import IngestSummary, ingest_extract
from mdm.unit_of_work import UnitOfWork

HEADER = "source_id,full_name,cost_rate,cost_currency\n"


def _ingest(uow: UnitOfWork, system: str, body: str) -> IngestSummary:
    extract = parse_extract(f"{system}.csv", (HEADER + body).encode())
    return ingest_extract(uow, extract, system=system, entity="resource")


def _record(session: Session, source_id: str) -> tuple[int, dict[str, Any], dict[str, str]]:
    found = session.execute(
        text(
            "SELECT r.id, v.canonical, v.invalid FROM source_record r "
            "JOIN source_record_version v ON v.source_record_id = r.id "
            "AND v.version_no = r.version_no WHERE r.source_id = :key"
        ),
        {"key": source_id},
    ).one()
    return found[0], found[1], found[2]


def _golden_cost(session: Session, source_id: str) -> tuple[str | None, str | None]:
    found = session.execute(
        text(
            "SELECT g.attributes->>'cost_rate', g.attributes->>'cost_currency' "
            "FROM golden_record g JOIN xref x ON x.golden_id = g.id AND x.valid_to IS NULL "
            "JOIN source_record r ON r.id = x.source_record_id WHERE r.source_id = :key"
        ),
        {"key": source_id},
    ).one()
    return found[0], found[1]


def _golden(uow: UnitOfWork, *clusters: list[int]) -> None:
    apply_partition(uow, "resource", clusters, actor="test", reason="test", now=datetime.now(UTC))


def test_a_flagged_cost_currency_loads_the_row_and_flags_its_rate(
    session: Session, uow: UnitOfWork
) -> None:
    summary = _ingest(uow, "acme_erp", "E1,Ann Lee,90.00,ABC\nE2,Bo Quist,80,EUR\n")
    assert (summary.new, summary.quarantined) == (2, 0)
    record, canonical, invalid = _record(session, "E1")
    assert (canonical["cost_rate"], canonical["cost_currency"]) == (None, None)
    assert invalid == {
        "cost_currency": "unknown currency: 'ABC'",
        "cost_rate": "not read without cost_currency: unknown currency: 'ABC'",
    }
    _golden(uow, [record], [_record(session, "E2")[0]])
    assert _golden_cost(session, "E1") == (None, None)  # not 90.00 in no currency
    assert _golden_cost(session, "E2") == ("80", "EUR")


def test_a_flagged_pair_gives_way_to_another_records_readable_cost(
    session: Session, uow: UnitOfWork
) -> None:
    """The ERP outranks HR for the cost; its pair flagged, HR's rate and currency survive."""
    _ingest(uow, "acme_erp", "E1,Ann Lee,90.00,ABC\n")
    _ingest(uow, "acme_hr", "H1,Ann Lee,75,GBP\n")
    _golden(uow, [_record(session, "E1")[0], _record(session, "H1")[0]])
    assert _golden_cost(session, "E1") == ("75", "GBP")
