"""An incremental run counts a group of copies once against a key's block limit, as the bulk
run does (``matching.copies``): a changed record sharing its keys with a golden record of
more copies than a key pairs still finds them, and stays in that golden record."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_read_once import partition, resolved_with_copies
from tests.integration.resolve.test_resolve import record_id


def group_of(session: Session, record: int) -> frozenset[int]:
    [group] = [group for group in partition(session) if record in group]
    return group


def test_a_changed_record_stays_with_copies_more_than_its_keys_pair(
    session: Session, uow: UnitOfWork
) -> None:
    resolved_with_copies(uow)  # E1 changed (its phone), pending
    northwind, changed = record_id(session, "crm", "A1"), record_id(session, "erp", "E1")
    assert changed in group_of(session, northwind)
    savepoint = session.begin_nested()
    assert resolve_pending(uow, "customer", force_bulk=True).mode == "bulk"
    in_bulk = group_of(session, northwind)
    savepoint.rollback()
    assert changed in in_bulk and len(in_bulk) > 211

    assert resolve_pending(uow, "customer").mode == "incremental"
    assert group_of(session, northwind) == in_bulk
