"""Copies in the hub's bulk run: records of one system equal in every feature resolved as one
unit (``matching.copies``), each copy linked to its representative and a member of its golden
record; a copy a steward's decision names resolved as itself."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.golden.queries import golden_record
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_incremental import NORTHWIND as NORTHWIND_AGAIN
from tests.integration.resolve.test_incremental import constrain
from tests.integration.resolve.test_resolve import CRM, ERP, golden_of, load, record_id

NORTHWIND = CRM.splitlines()[0].partition(",")[2]
COPIES = "".join(f"A1-{n},{NORTHWIND}\n" for n in range(1, 4))  # A1 loaded three times more


def links_touching(session: Session, record: int) -> list[tuple[int, int, str, object]]:
    return [
        (left, right, decision, why)
        for left, right, decision, why in session.execute(
            text(
                "SELECT left_record_id, right_record_id, decision, explanation FROM match_link "
                "WHERE :r IN (left_record_id, right_record_id) AND decision <> 'superseded'"
            ),
            {"r": record},
        )
    ]


def test_copies_are_scored_as_their_representative_and_each_linked_to_it(
    session: Session, uow: UnitOfWork
) -> None:
    load(uow, "crm", CRM + COPIES)
    load(uow, "erp", ERP)
    summary = resolve_pending(uow, "customer")
    northwind = golden_of(session, "crm", "A1")
    assert golden_of(session, "erp", "E1") == northwind
    first = record_id(session, "crm", "A1")
    for n in range(1, 4):
        assert golden_of(session, "crm", f"A1-{n}") == northwind
        copy = record_id(session, "crm", f"A1-{n}")
        # one link, to its representative, explained: no pair of its own with E1 or a copy
        [(left, right, decision, why)] = links_touching(session, copy)
        assert (left, right, decision) == (first, copy, "auto")
        assert isinstance(why, dict) and why["comparisons"]
    # E1 was paired with the representative alone
    paired = {a if b == first else b for a, b, *_ in links_touching(session, first)}
    assert record_id(session, "erp", "E1") in paired
    assert summary.records == 9
    golden = golden_record(uow, "customer", uuid.UUID(northwind))
    assert golden is not None
    members = {(member.source, member.source_id) for member in golden.members}
    assert members == {("crm", "A1"), ("crm", "A1-1"), ("crm", "A1-2"), ("crm", "A1-3"),
                       ("erp", "E1")}  # fmt: skip
    assert golden.lineage


def test_a_copy_a_steward_decision_names_is_resolved_as_itself(
    session: Session, uow: UnitOfWork
) -> None:
    load(uow, "crm", CRM + COPIES)
    load(uow, "erp", ERP)
    named = record_id(session, "crm", "A1-2")
    constrain(session, "cannot_link", named, record_id(session, "erp", "E1"))
    resolve_pending(uow, "customer")
    assert golden_of(session, "crm", "A1-2") != golden_of(session, "erp", "E1")
    paired = {a if b == named else b for a, b, *_ in links_touching(session, named)}
    assert record_id(session, "crm", "A1") in paired  # scored with others as any record
    assert len(paired) > 1


def test_an_incremental_run_keeps_the_golden_record_bulk_made_of_copies(
    session: Session, uow: UnitOfWork
) -> None:
    load(uow, "crm", CRM + COPIES)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")
    northwind = golden_of(session, "crm", "A1")
    load(uow, "beta", NORTHWIND_AGAIN)
    summary = resolve_pending(uow, "customer")
    assert summary.mode == "incremental"
    assert golden_of(session, "beta", "B1") == northwind
    for system, record in (("erp", "E1"), ("crm", "A1"), *(("crm", f"A1-{n}") for n in (1, 2, 3))):
        assert golden_of(session, system, record) == northwind
