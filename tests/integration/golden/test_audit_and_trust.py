"""The audit log cannot be rewritten, and an acquired system starts less trusted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from mdm.golden.partition_apply import apply_partition
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import systems
from mdm.repositories.history import audit
from mdm.unit_of_work import UnitOfWork


def test_audit_entries_cannot_be_changed_or_deleted(session: Session) -> None:
    audit(session, actor="jo", action="task.merged", subject_type="review_task", subject_id="1")
    for statement in ("UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
            session.execute(text(statement))
    assert session.execute(text("SELECT actor FROM audit_event")).scalars().all() == ["jo"]


def test_the_acquirers_erp_wins_over_an_acquired_erp(session: Session, uow: UnitOfWork) -> None:
    systems.register(session, "acme_erp", kind="erp", acquired=False, trust=None)
    beta = systems.register(session, "beta_erp", kind="erp", acquired=True, trust=None)
    assert beta.trust["*"] == systems.ACQUIRED_TRUST
    header = "source_id,name,tax_id,country\n"
    for system, tax_id in (("beta_erp", "GB111111111"), ("acme_erp", "GB222222222")):
        extract = parse_extract(f"{system}.csv", f"{header}X1,Acme Ltd,{tax_id},GB\n".encode())
        ingest_extract(uow, extract, system=system, entity="customer")
    query = text("SELECT id FROM source_record")
    records = sorted(session.execute(query).scalars().all())
    now = datetime.now(UTC)
    apply_partition(uow, "customer", [records], actor="test", reason="merge", now=now)
    tax_id = session.execute(
        text("SELECT attributes->>'tax_id' FROM golden_record WHERE status = 'active'")
    ).scalar_one()
    assert tax_id == "GB222222222"


def test_an_unregistered_system_has_the_lowest_trust_until_registered(
    session: Session, uow: UnitOfWork
) -> None:
    systems.register(session, "beta_erp", kind="erp", acquired=True, trust=None)
    header = "source_id,name,tax_id,country\n"
    for system, tax_id in (("beta_erp", "GB111111111"), ("acme_erp", "GB222222222")):
        extract = parse_extract(f"{system}.csv", f"{header}X1,Acme Ltd,{tax_id},GB\n".encode())
        summary = ingest_extract(uow, extract, system=system, entity="customer")
        assert summary.unregistered is (system == "acme_erp")
    records = sorted(session.execute(text("SELECT id FROM source_record")).scalars().all())
    now = datetime.now(UTC)
    apply_partition(uow, "customer", [records], actor="test", reason="merge", now=now)
    query = text("SELECT attributes->>'tax_id' FROM golden_record WHERE status = 'active'")
    assert session.execute(query).scalar_one() == "GB111111111"  # the acquired, registered one
    acme = systems.register(session, "acme_erp", kind="erp", acquired=False, trust=None)
    assert systems.is_registered(acme) and acme.trust["*"] == 1.0
