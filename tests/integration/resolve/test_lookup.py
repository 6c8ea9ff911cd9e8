""" "Does this customer already exist?": candidates through the key index, ranked per golden."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mdm.resolve.lookup import find_matches
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import CRM, ERP, golden_of, load

PROBE = {"name": "Northwind Logistics", "country": "GB", "phone": "+44 20 7946 0001"}


def test_the_golden_record_comes_first_once_with_its_best_member(
    session: Session, uow: UnitOfWork
) -> None:
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")
    found = find_matches(uow, "customer", PROBE)
    assert found[0].golden_id == golden_of(session, "crm", "A1")
    assert len({c.golden_id for c in found}) == len(found)
    assert found[0].probability > 0.5 and found[0].explanation["comparisons"]
