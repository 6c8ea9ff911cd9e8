""" "Does this customer already exist?": candidates through the key index, ranked per golden."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.resolve.lookup import find_matches, warm_up
from mdm.resolve.service import resolve_pending
from mdm.settings import Settings
from mdm.unit_of_work import Context, UnitOfWork
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


def test_warming_up_parses_the_model_of_each_matched_entity_and_skips_the_others(
    session: Session, uow: UnitOfWork
) -> None:
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")
    started = UnitOfWork(session, Context.of(Settings()))  # a process just started: no model
    trained_at = session.execute(
        text("SELECT trained_at FROM match_model WHERE entity = 'customer'")
    ).scalar_one()
    assert started.context.models.get("customer", trained_at) is None
    assert warm_up(started) == ["customer"]  # resources and rate lines: nothing matched yet
    assert started.context.models.get("customer", trained_at) is not None
    assert find_matches(started, "customer", PROBE) == find_matches(uow, "customer", PROBE)
