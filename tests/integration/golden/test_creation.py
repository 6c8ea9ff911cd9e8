"""New golden records made once from their clusters: complete at version 1, with their version
snapshot, audit entry and outbox event, and equal to what their rules compute from scratch,
whether the members were handed over already read or read here."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.golden.lifecycle import refresh
from mdm.golden.partition_apply import apply_partition, apply_partition_in_chunks, random_ids
from mdm.golden.verify import mismatches
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import golden as golden_repo
from mdm.repositories import matching_records as records
from mdm.settings import Settings
from mdm.unit_of_work import Context, UnitOfWork

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
        uow, "customer", clusters, actor="t", reason="r", now=now, members=members
    )
    assert len(plan.changes) == 3 and all(c.created for c in plan.changes)
    assert mismatches(uow, "customer") == []
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
        uow, "customer", clusters[:1], actor="t", reason="r", now=datetime.now(UTC)
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


def _preferring(session: Session, folder: Path, kind: str) -> UnitOfWork:
    """A unit of work on the test's session whose rules take a customer's name from ``kind``
    first (``MDM_SURVIVORSHIP_RULES`` naming a file of its own)."""
    path = folder / f"{kind}_first.yaml"
    path.write_text(
        "entities:\n  customer:\n    attributes:\n"
        f"      name: {{rule: source_priority, priority: [{kind}]}}\n"
    )
    return UnitOfWork(session, Context.of(Settings(survivorship_rules=path)))


def _name(session: Session, golden: object) -> str:
    found = session.execute(
        text("SELECT attributes->>'name' FROM golden_record WHERE id = :g"), {"g": golden}
    ).scalar_one()
    return str(found)


def test_golden_values_follow_the_rules_their_unit_of_work_carries(
    session: Session, tmp_path: Path
) -> None:
    """Two units of work with other rules, in one process, each survive by their own: the
    rules travel with the runtime and its units of work, not in a module global."""
    crm_first, erp_first = (_preferring(session, tmp_path, k) for k in ("crm", "erp"))
    clusters = _clusters(session, _load(crm_first))
    now = datetime.now(UTC)
    plan = apply_partition(crm_first, "customer", clusters[:1], actor="t", reason="r", now=now)
    golden = plan.changes[0].golden_id
    assert _name(session, golden) == "Acme Inc"
    assert mismatches(crm_first, "customer") == []
    assert mismatches(erp_first, "customer") == [golden]
    refresh(erp_first, [golden], now, actor="t", reason="the erp's names first")
    assert _name(session, golden) == "Acme Inc."  # the erp's "ACME INC.", cased
    assert mismatches(erp_first, "customer") == []
    assert mismatches(crm_first, "customer") == [golden]


def _written(session: Session) -> list[tuple[object, ...]]:
    """Each golden record's members, values and traces, in the order they were written (its
    members' source ids standing for its id, which is new on each run)."""
    rows = session.execute(
        text(
            "SELECT (SELECT array_agg(r.source_id ORDER BY r.source_id) FROM xref x "
            "        JOIN source_record r ON r.id = x.source_record_id "
            "        WHERE x.golden_id = g.id AND x.valid_to IS NULL), "
            "g.version, g.status, g.attributes, g.lineage, v.members IS NOT NULL, "
            "o.type, o.data - 'golden_id', a.action, a.after - 'members' "
            "FROM golden_record g JOIN golden_version v ON v.golden_id = g.id "
            "JOIN outbox_event o ON o.subject = g.id::text "
            "JOIN audit_event a ON a.subject_id = g.id::text ORDER BY o.position, a.id"
        )
    ).all()
    return [tuple(r) for r in rows]


def test_golden_records_made_a_chunk_at_a_time_are_those_made_at_once(
    session: Session, uow: UnitOfWork
) -> None:
    """The chunks overlap (one survived while the one before is written), and are written
    in their order: the same golden records, versions, events and audit entries, in the
    same order, as one application of every cluster."""
    clusters = _clusters(session, _load(uow))
    now = datetime.now(UTC)
    savepoint = session.begin_nested()
    apply_partition(uow, "customer", clusters, actor="t", reason="r", now=now)
    at_once = _written(session)
    savepoint.rollback()
    merged = apply_partition_in_chunks(
        uow, "customer", clusters, actor="t", reason="r", now=now, chunk_records=1
    )
    assert merged == 0
    assert _written(session) == at_once
    assert [row[0] for row in at_once] == [["C1", "E1"], ["C2", "E2"], ["C3"]]
    assert mismatches(uow, "customer") == []


def test_new_golden_ids_drawn_in_batches_are_random_version_4_ids() -> None:
    new_id = random_ids(batch=3)
    ids = [new_id() for _ in range(10)]  # across three refills
    assert len(set(ids)) == 10
    assert all(i.version == 4 and i.variant == uuid.RFC_4122 for i in ids)
