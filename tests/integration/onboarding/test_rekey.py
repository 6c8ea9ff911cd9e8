"""Re-keying a transactional file: golden ids beside the source system's keys."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.errors import HeaderError
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.onboarding.rekey import KeyColumn, parse_column, rekey
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork

PROJECTS = (
    "project,client,lead,amount\n"
    "P1,B1,W1,1000.00\n"
    "P2,B2,W1,250.00\n"
    "P3,B9,W2,80.00\n"  # B9: no such customer in beta_crm
    "P4,,W7,10.00\n"  # no client: nothing to re-key; W7 waits for matching
    "P5,A1,W2,5.00\n"  # A1 is acme_crm's key, not beta_crm's
)


def _load(uow: UnitOfWork) -> None:
    for system, body in (
        ("beta_crm", "source_id,name\nB1,Alder Ltd\nB2,Birch GmbH\n"),
        ("acme_crm", "source_id,name\nA1,Alder Ltd\n"),
    ):
        ingest_extract(uow, parse_extract("c.csv", body.encode()), system=system,
                       entity="customer")  # fmt: skip
    resources = "source_id,full_name\nW1,Ann Lee\nW2,Bo Chen\n"
    ingest_extract(uow, parse_extract("r.csv", resources.encode()), system="beta_crm",
                   entity="resource")  # fmt: skip
    resolve_pending(uow, "customer")
    resolve_pending(uow, "resource")
    late = parse_extract("r2.csv", b"source_id,full_name\nW7,Cy Dunn\n")
    ingest_extract(uow, late, system="beta_crm", entity="resource")  # not matched yet


def _golden(session: Session, system: str, entity: str, source_id: str) -> str:
    return str(
        session.execute(
            text(
                "SELECT x.golden_id FROM xref x JOIN source_record r ON r.id = x.source_record_id "
                "JOIN source_system s ON s.id = r.system_id WHERE x.valid_to IS NULL "
                "AND s.name = :s AND r.entity = :e AND r.source_id = :sid"
            ),
            {"s": system, "e": entity, "sid": source_id},
        ).scalar_one()
    )


def test_each_key_column_gets_its_golden_ids_and_unknown_keys_are_reported(
    session: Session,
    uow: UnitOfWork,
) -> None:
    _load(uow)
    columns = [parse_column("client=customer"), parse_column("lead=resource")]
    done = rekey(uow, parse_extract("projects.csv", PROJECTS.encode()), "beta_crm", columns)
    assert done.header == ("project", "client", "lead", "amount", "client_golden_id",
                           "lead_golden_id")  # fmt: skip
    by_project = {row["project"]: row for row in done.rows}
    assert by_project["P1"]["client_golden_id"] == _golden(session, "beta_crm", "customer", "B1")
    assert by_project["P2"]["lead_golden_id"] == _golden(session, "beta_crm", "resource", "W1")
    assert by_project["P4"]["client_golden_id"] == "" and by_project["P4"]["amount"] == "10.00"
    assert [(u.line_no, u.column, u.value, u.reason) for u in done.unknown] == [
        (4, "client", "B9", "unknown key"),
        (5, "lead", "W7", "no golden record yet"),
        (6, "client", "A1", "unknown key"),
    ]
    assert done.keyed == 6  # B1, B2; W1 twice, W2 twice


def test_a_column_the_file_lacks_or_a_wrong_entity_is_refused(uow: UnitOfWork) -> None:
    with pytest.raises(HeaderError, match="no column customer_id"):
        rekey(uow, parse_extract("p.csv", PROJECTS.encode()), "beta_crm",
              [KeyColumn("customer_id", "customer")])  # fmt: skip
    with pytest.raises(ValueError, match="unknown entity"):
        parse_column("client=client")
    with pytest.raises(ValueError, match="COL=ENTITY"):
        parse_column("client")
