"""Concurrent resolutions and steward merges on overlapping records never leave a source
record in two active golden records, and never lose one."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from tests.conftest import committed_runtime
from tests.integration.resolve.test_resolve import CRM, ERP, HEADER


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_conc") as rt:
        yield rt


def _load(rt: Runtime, system: str, rows: str) -> None:
    with rt.unit_of_work() as uow:
        ingest_extract(
            uow,
            parse_extract(f"{system}.csv", (HEADER + rows).encode()),
            system=system,
            entity="customer",
        )


def _resolve(
    rt: Runtime, errors: list[BaseException], barrier: threading.Barrier, bulk: bool
) -> None:
    try:
        barrier.wait(timeout=30)
        with rt.unit_of_work() as uow:
            resolve_pending(uow, "customer", force_bulk=bulk)
    except BaseException as exc:
        errors.append(exc)


def test_overlapping_concurrent_resolutions_keep_membership_consistent(runtime: Runtime) -> None:
    _load(runtime, "crm", CRM)
    _load(runtime, "erp", ERP)
    _load(runtime, "beta", CRM.replace("A", "B"))
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)
    threads = [
        threading.Thread(target=_resolve, args=(runtime, errors, barrier, i % 2 == 0))
        for i in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    with runtime.unit_of_work() as uow:
        doubled = uow.session.execute(
            text(
                "SELECT source_record_id FROM xref WHERE valid_to IS NULL GROUP BY 1 HAVING count(*) > 1"
            )
        ).all()
        orphans = uow.session.execute(
            text(
                "SELECT r.id FROM source_record r LEFT JOIN xref x ON x.source_record_id = r.id "
                "AND x.valid_to IS NULL WHERE x.id IS NULL AND NOT r.is_deleted"
            )
        ).all()
        in_dead_golden = uow.session.execute(
            text(
                "SELECT x.source_record_id FROM xref x JOIN golden_record g ON g.id = x.golden_id "
                "WHERE x.valid_to IS NULL AND g.status <> 'active'"
            )
        ).all()
        clusters = uow.session.execute(
            text("SELECT count(DISTINCT golden_id) FROM xref WHERE valid_to IS NULL")
        ).scalar_one()
    assert doubled == [] and orphans == [] and in_dead_golden == []
    assert clusters == 4
