"""Resolution in the hub: duplicates across systems merge, ids stay stable, constraints hold."""

from __future__ import annotations

import csv
import io

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import golden as golden_repo
from mdm.resolve.service import resolve_pending
from mdm.synthetic import generate_extract
from mdm.unit_of_work import UnitOfWork
from tests.singletons import give_singletons

HEADER = "source_id,name,tax_id,website,phone,address_line1,city,postal_code,country\n"
CRM = (
    "A1,Northwind Logistics Ltd,GB123456789,northwind.co.uk,020 7946 0001,1 High Street,London,EC1A 1BB,GB\n"
    "A2,Brightwater Capital GmbH,DE136695976,brightwater.de,030 1234567,Hauptstr. 5,Berlin,10115,DE\n"
    "A3,Kestrel Analytics Inc,,kestrel.io,+1 212 555 0100,5 Main St,New York,10001,US\n"
)
ERP = (
    "E1,NORTHWIND LOGISTICS LIMITED,GB 123 4567 89,,+44 20 7946 0001,1 High St,London,EC1A1BB,GB\n"
    "E2,Brightwater Capital,DE136695976,www.brightwater.de,,Hauptstrasse 5,Berlin,10115,DE\n"
    "E3,Quillfeather Media SARL,,quillfeather.fr,01 23 45 67 89,3 Rue de Rivoli,Paris,75001,FR\n"
)


def load(uow: UnitOfWork, system: str, rows: str) -> None:
    extract = parse_extract(f"{system}.csv", (HEADER + rows).encode())
    ingest_extract(uow, extract, system=system, entity="customer")


def load_generated(uow: UnitOfWork) -> None:
    """1,500 generated customers in system ``gen``: enough records that a model trains on
    more than the few a test writes by hand."""
    generated = generate_extract("customer", 1500, seed=5, system="gen")
    text_of = io.StringIO()
    writer = csv.DictWriter(text_of, generated.header)
    writer.writeheader()
    writer.writerows(generated.rows)
    extract = parse_extract("gen.csv", text_of.getvalue().encode())
    ingest_extract(uow, extract, system="gen", entity="customer")


def record_id(session: Session, system: str, source_id: str) -> int:
    return int(
        session.execute(
            text(
                "SELECT r.id FROM source_record r JOIN source_system s ON s.id = r.system_id "
                "WHERE s.name = :s AND r.source_id = :id"
            ),
            {"s": system, "id": source_id},
        ).scalar_one()
    )


def golden_of(session: Session, system: str, source_id: str) -> str:
    """The golden record holding the record now (a KeyError when it has none)."""
    record = record_id(session, system, source_id)
    return str(golden_repo.golden_ids_for(session, [record])[record])


def test_a_first_load_creates_each_golden_record_once(session: Session, uow: UnitOfWork) -> None:
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    summary = resolve_pending(uow, "customer")
    assert summary.records == 6
    names = [name for name, _ in summary.stages]
    assert names == [
        "read and prepare",
        "candidate pairs",
        "blocking keys",
        "match",
        "links",
        "golden records",
        "review tasks",
    ]
    assert 0 < sum(sec for _, sec in summary.stages) <= summary.seconds
    assert "stages: read and prepare" in summary.describe()
    assert golden_of(session, "crm", "A1") == golden_of(session, "erp", "E1")
    assert golden_of(session, "crm", "A2") == golden_of(session, "erp", "E2")
    assert golden_of(session, "crm", "A3") != golden_of(session, "erp", "E3")
    statuses = dict(
        session.execute(text("SELECT status, count(*) FROM golden_record GROUP BY 1")).all()
    )
    assert statuses == {"active": 4}
    types = session.execute(text("SELECT type, count(*) FROM outbox_event GROUP BY 1")).all()
    assert types == [("mdm.customer.created.v1", 4)]


def test_a_later_system_joins_the_golden_records_already_there(
    session: Session, uow: UnitOfWork
) -> None:
    load(uow, "crm", CRM)
    resolve_pending(uow, "customer")
    crm_a1 = golden_of(session, "crm", "A1")
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")
    assert golden_of(session, "crm", "A1") == golden_of(session, "erp", "E1") == crm_a1
    statuses = dict(
        session.execute(text("SELECT status, count(*) FROM golden_record GROUP BY 1")).all()
    )
    assert statuses == {"active": 4}


def test_duplicates_merge_and_survivor_keeps_its_id(session: Session, uow: UnitOfWork) -> None:
    load(uow, "crm", CRM)
    give_singletons(uow)  # the crm's golden records are the older ones
    load(uow, "erp", ERP)
    give_singletons(uow)
    crm_a1 = golden_of(session, "crm", "A1")
    resolve_pending(uow, "customer", force_bulk=True)
    assert golden_of(session, "crm", "A1") == golden_of(session, "erp", "E1") == crm_a1
    assert golden_of(session, "crm", "A2") == golden_of(session, "erp", "E2")
    statuses = dict(
        session.execute(text("SELECT status, count(*) FROM golden_record GROUP BY 1")).all()
    )
    assert statuses == {"active": 4, "merged": 2}
    merged = session.execute(
        text("SELECT data FROM outbox_event WHERE type = 'mdm.customer.merged.v1'")
    ).scalars()
    survivors = {d["survivor"] for d in merged}
    assert crm_a1 in survivors


def test_incremental_match_joins_a_new_record_to_its_golden(
    session: Session, uow: UnitOfWork
) -> None:
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")
    load(
        uow,
        "beta",
        "B1,Kestrel Analytics Incorporated,,kestrel.io,(212) 555-0100,5 Main Street,New York,10001,US\n",
    )
    summary = resolve_pending(uow, "customer")
    assert summary.mode == "incremental"
    assert golden_of(session, "beta", "B1") == golden_of(session, "crm", "A3")


def test_cannot_link_survives_a_rematch(session: Session, uow: UnitOfWork) -> None:
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    ids = dict(session.execute(text("SELECT source_id, id FROM source_record")).all())
    left, right = sorted((ids["A2"], ids["E2"]))
    session.execute(
        text(
            "INSERT INTO match_constraint (entity, left_record_id, right_record_id, kind, created_by, "
            "created_at, active) VALUES ('customer', :l, :r, 'cannot_link', 'steward', now(), true)"
        ),
        {"l": left, "r": right},
    )
    resolve_pending(uow, "customer", force_bulk=True)
    assert golden_of(session, "crm", "A2") != golden_of(session, "erp", "E2")
    assert golden_of(session, "crm", "A1") == golden_of(session, "erp", "E1")


def test_matching_twice_changes_nothing(session: Session, uow: UnitOfWork) -> None:
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")
    events = session.execute(text("SELECT count(*) FROM outbox_event")).scalar_one()
    resolve_pending(uow, "customer", force_bulk=True)
    assert session.execute(text("SELECT count(*) FROM outbox_event")).scalar_one() == events
