"""New golden records made once from their clusters: complete at version 1, with their version
snapshot, audit entry and outbox event, and equal to what their rules compute from scratch,
whether the members were handed over already read or read here."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.golden.partition_apply import apply_partition
from mdm.golden.verify import mismatches
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import golden as golden_repo
from mdm.repositories import matching_records as records
from mdm.unit_of_work import UnitOfWork

HEADER = "source_id,name,legal_name,country,website,phone\n"
CRM = "C1,Acme Inc,Acme Incorporated,GB,acme.co.uk,\nC2,Beta GmbH,,DE,beta.de,\nC3,Gamma,,GB,,\n"
ERP = "E1,ACME INC.,,GB,acme.co.uk,+44 20 7946 0000\nE2,Beta,Beta GmbH,DE,,\n"


def _load(uow: UnitOfWork) -> list[int]:
    for system, body in (("crm", CRM), ("erp", ERP)):
        extract = parse_extract(f"{system}.csv", (HEADER + body).encode())
        ingest_extract(uow, extract, system=system, entity="customer")
    return records.pending_ids(uow.session, "customer")


def _clusters(session: Session, ids: list[int]) -> list[list[int]]:
    by_source = dict(
        session.execute(
            text("SELECT source_id, id FROM source_record WHERE id = ANY(:ids)"), {"ids": ids}
        ).all()
    )
    return [
        [by_source["C1"], by_source["E1"]],
        [by_source["C2"], by_source["E2"]],
        [by_source["C3"]],
    ]


@pytest.mark.parametrize("handed_over", [True, False])
def test_new_golden_records_are_complete_once(
    session: Session, uow: UnitOfWork, handed_over: bool
) -> None:
    clusters = _clusters(session, _load(uow))
    members = records.snapshot(session, "customer").members if handed_over else None
    now = datetime.now(UTC)
    plan = apply_partition(
        session, "customer", clusters, actor="t", reason="r", now=now, members=members
    )
    assert len(plan.changes) == 3 and all(c.created for c in plan.changes)
    assert mismatches(session, "customer") == []
    goldens = [c.golden_id for c in plan.changes]
    rows = session.execute(
        text(
            "SELECT g.version, g.status, g.attributes->>'website', "
            "(SELECT count(*) FROM golden_version v WHERE v.golden_id = g.id), "
            "(SELECT count(*) FROM outbox_event o WHERE o.subject = g.id::text "
            " AND o.type = 'mdm.customer.created.v1' AND o.sequence = 1), "
            "(SELECT count(*) FROM audit_event a WHERE a.subject_id = g.id::text "
            " AND a.action = 'golden.created') "
            "FROM golden_record g WHERE g.id = ANY(:ids) ORDER BY g.attributes->>'name'"
        ),
        {"ids": goldens},
    ).all()
    assert [tuple(r[:2]) + tuple(r[3:]) for r in rows] == [(1, "active", 1, 1, 1)] * 3
    held = golden_repo.golden_ids_for(session, [r for c in clusters for r in c])
    assert {held[c[0]] for c in clusters} == set(goldens)
    assert all(held[r] == held[c[0]] for c in clusters for r in c)


def test_changed_attributes_of_a_new_golden_record_are_all_its_attributes(
    session: Session,
    uow: UnitOfWork,
) -> None:
    clusters = _clusters(session, _load(uow))
    plan = apply_partition(
        session, "customer", clusters[:1], actor="t", reason="r", now=datetime.now(UTC)
    )
    data, attributes = session.execute(
        text(
            "SELECT o.data, g.attributes FROM outbox_event o "
            "JOIN golden_record g ON g.id::text = o.subject WHERE o.subject = :g"
        ),
        {"g": str(plan.changes[0].golden_id)},
    ).one()
    assert data["changed_attributes"] == sorted(attributes)
    assert data["attributes"] == attributes
