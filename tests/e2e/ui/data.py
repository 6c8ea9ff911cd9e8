"""Customers from three systems that leave doubtful pairs in the review queue: a CRM and an ERP
whose duplicates are clear (they train the model), then an acquired system whose records share
a name with them but little else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

from mdm.auth.users import ensure_user
from mdm.golden.partition_apply import apply_partition
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from tests.singletons import give_singletons

HEADER = "source_id,name,tax_id,website,phone,address_line1,city,postal_code,country\n"
CRM = (
    "A1,Northwind Logistics Ltd,GB123456789,northwind.co.uk,020 7946 0001,1 High Street,London,EC1A 1BB,GB\n"
    "A2,Brightwater Capital GmbH,DE136695976,brightwater.de,030 1234567,Hauptstr. 5,Berlin,10115,DE\n"
    "A3,Kestrel Analytics Inc,,kestrel.io,+1 212 555 0100,5 Main St,New York,10001,US\n"
    "A4,Harbour Lane Consulting,,,,12 Dock Road,Leeds,LS1 4AP,GB\n"
    "A5,Silverbirch Partners,,,,7 Elm Street,Manchester,M1 1AA,GB\n"
    "A6,Copperfield Advisory,,,,3 Mill Lane,Bristol,BS1 5TR,GB\n"
    "A7,Ashgrove Digital,,,,8 Canal Street,Leeds,LS2 7AB,GB\n"
    "A8,Foxglove Engineering,,,,21 Queen Street,Cardiff,CF10 2BU,GB\n"
    "A9,Bluebell Catering,,,,5 Kings Road,Brighton,BN1 1NA,GB\n"
)
ERP = (
    "E1,NORTHWIND LOGISTICS LIMITED,GB 123 4567 89,,+44 20 7946 0001,1 High St,London,EC1A1BB,GB\n"
    "E2,Brightwater Capital,DE136695976,www.brightwater.de,,Hauptstrasse 5,Berlin,10115,DE\n"
    "E3,Quillfeather Media SARL,,quillfeather.fr,01 23 45 67 89,3 Rue de Rivoli,Paris,75001,FR\n"
    "E4,Harbour Lane Consulting,,,,99 Quay Street,Leeds,LS11 5DR,GB\n"
    "E5,Silverbirch Partners,,,,40 Park Road,Manchester,,GB\n"
    "E6,Copperfield Advisory Ltd,,,,3 Mill Ln,Bristol,BS1 5TR,GB\n"
    "E7,Ashgrove Digital Ltd,,,,,Leeds,,GB\n"
    "E8,Foxglove Engineering,,,,,,,GB\n"
    "E9,Bluebell Catering,,,,5 Kings Road,,,\n"
)
ACQUIRED = (
    "B1,Harbour Lane Consulting,,,,1 Ocean Drive,Leeds,,GB\n"
    "B2,Silverbirch Partners LLP,,,,,Manchester,,GB\n"
    "B3,Foxglove Engineering,,,,9 Quay,Cardiff,,GB\n"
    "B4,Bluebell Catering Co,,,,,Brighton,,GB\n"
    "B5,Ashgrove Digital,,,,,,,\n"
    "B6,Copperfield Advisory,,,,,Bristol,,GB\n"
)
PASSWORDS = {"alice": "alice-secret", "bob": "bob-secret", "vera": "vera-secret"}
ROLES = {"alice": "steward", "bob": "steward", "vera": "viewer"}


@dataclass(frozen=True)
class Pair:
    task_id: int
    left: tuple[str, str]
    right: tuple[str, str]


def load_review_fixture(runtime: Runtime) -> None:
    """Ingest, match twice (the second load lands in the review band), add the users."""
    for system, rows in (("crm", CRM), ("erp", ERP), ("acquired", ACQUIRED)):
        with runtime.unit_of_work() as uow:
            extract = parse_extract(f"{system}.csv", (HEADER + rows).encode())
            ingest_extract(uow, extract, system=system, entity="customer")
        if system != "crm":
            with runtime.unit_of_work() as uow:
                resolve_pending(uow, "customer")
    with runtime.unit_of_work() as uow:
        for name, role in ROLES.items():
            ensure_user(uow, name, role, PASSWORDS[name])


def open_tasks(runtime: Runtime) -> list[Pair]:
    """The open review tasks with the (system, source id) of both records (test set-up only)."""
    sql = """
        SELECT t.id, ls.name, lr.source_id, rs.name, rr.source_id
        FROM review_task t JOIN match_link l ON l.id = t.link_id
        JOIN source_record lr ON lr.id = l.left_record_id
        JOIN source_system ls ON ls.id = lr.system_id
        JOIN source_record rr ON rr.id = l.right_record_id
        JOIN source_system rs ON rs.id = rr.system_id
        WHERE t.status = 'open' ORDER BY t.id
    """
    with runtime.unit_of_work() as uow:
        rows = uow.session.execute(text(sql)).all()
    return [Pair(r[0], (r[1], r[2]), (r[3], r[4])) for r in rows]


def task_between(runtime: Runtime, source_id: str, other: str) -> Pair:
    for pair in open_tasks(runtime):
        if {pair.left[1], pair.right[1]} == {source_id, other}:
            return pair
    raise AssertionError(f"no open task between {source_id} and {other}")


def merge_records(runtime: Runtime, *records: tuple[str, str]) -> None:
    """Put (system, source id) records in one golden record, as a merge would (set-up for a
    test whose subject is what a steward does with a merged record)."""
    sql = (
        "SELECT r.id FROM source_record r JOIN source_system s ON s.id = r.system_id "
        "WHERE s.name = :s AND r.source_id = :id"
    )
    with runtime.unit_of_work() as uow:
        ids = [uow.session.execute(text(sql), {"s": s, "id": i}).scalar_one() for s, i in records]
        now = datetime.now(UTC)
        apply_partition(uow, "customer", [ids], actor="test", reason="set-up", now=now)


def record_ids(runtime: Runtime, *records: tuple[str, str]) -> list[int]:
    sql = (
        "SELECT r.id FROM source_record r JOIN source_system s ON s.id = r.system_id "
        "WHERE s.name = :s AND r.source_id = :id"
    )
    with runtime.unit_of_work() as uow:
        return [uow.session.execute(text(sql), {"s": s, "id": i}).scalar_one() for s, i in records]


def load_singletons(runtime: Runtime, system: str, rows: str) -> None:
    """Ingest ``rows`` (HEADER's columns) and give each record a golden record of its own."""
    with runtime.unit_of_work() as uow:
        extract = parse_extract(f"{system}.csv", (HEADER + rows).encode())
        ingest_extract(uow, extract, system=system, entity="customer")
        give_singletons(uow)


def open_task(runtime: Runtime, left: tuple[str, str], right: tuple[str, str], p: float) -> int:
    """A review task between two records, as an earlier hub opened one per member."""
    low, high = sorted(record_ids(runtime, left, right))
    with runtime.unit_of_work() as uow:
        link = uow.session.execute(
            text(
                "INSERT INTO match_link (entity, left_record_id, right_record_id, probability, "
                "match_weight, explanation, decision, decided_by, created_at, updated_at) VALUES "
                "('customer', :l, :r, :p, 0.5, '{\"comparisons\": []}', 'review', 'model', now(), "
                "now()) RETURNING id"
            ),
            {"l": low, "r": high, "p": p},
        ).scalar_one()
        return int(
            uow.session.execute(
                text(
                    "INSERT INTO review_task (entity, link_id, priority, status, version, "
                    "created_at) VALUES ('customer', :l, 50, 'open', 1, now()) RETURNING id"
                ),
                {"l": link},
            ).scalar_one()
        )
