"""References resolve to golden ids the same way for every entity: a customer's parent, a
resource's manager and a rate line's customer name a record by its key in their own system,
and resolve through that record's cross-reference to the golden record holding it now, after
a merge of the named records too; the matcher reads a rate line's customer the same way."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.api.schemas import GoldenRecordOut
from mdm.golden import queries
from mdm.golden.partition_apply import apply_partition
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import matching_records
from mdm.unit_of_work import UnitOfWork
from stewardship_ui.golden_pages import golden_context
from tests.singletons import give_singletons

CUSTOMERS = "source_id,name,country,parent_source_id\n"
CRM = CUSTOMERS + "X0,Parent Holdings,GB,\nX1,Child Trading,GB,\n"
ERP = CUSTOMERS + "P0,Parent Holdings plc,GB,\nC1,Child Ltd,GB,P0\nC2,Orphan Ltd,GB,NOPE\n"
LINES = (
    "source_id,role,currency,rate,effective_from,customer_source_id\n"
    "R1,Consultant,EUR,100,2024-01-01,C1\nR2,Consultant,EUR,90,2024-01-01,\n"
    "R3,Consultant,EUR,95,2024-01-01,NOPE\n"
)
PEOPLE = "source_id,full_name,manager_source_id\nM1,Mary Boss,\nE1,Ed Worker,M1\n"


def load(uow: UnitOfWork, system: str, entity: str, body: str) -> None:
    extract = parse_extract(f"{system}.csv", body.encode())
    ingest_extract(uow, extract, system=system, entity=entity)
    give_singletons(uow, entity)


def record_id(session: Session, system: str, source_id: str) -> int:
    sql = (
        "SELECT r.id FROM source_record r JOIN source_system s ON s.id = r.system_id "
        "WHERE s.name = :s AND r.source_id = :i"
    )
    return int(session.execute(text(sql), {"s": system, "i": source_id}).scalar_one())


def golden_of(uow: UnitOfWork, system: str, source_id: str) -> uuid.UUID:
    found = queries.xref(uow, _entity(source_id), system, source_id)
    assert found is not None
    return found.golden_id


def _entity(source_id: str) -> str:
    return {"R": "rate_card", "M": "resource", "E": "resource"}.get(source_id[0], "customer")


def references_of(uow: UnitOfWork, system: str, source_id: str) -> dict[str, uuid.UUID | None]:
    view = queries.golden_record(uow, _entity(source_id), golden_of(uow, system, source_id))
    assert view is not None
    return view.references


def loaded(uow: UnitOfWork) -> None:
    load(uow, "crm", "customer", CRM)  # first: its golden records are the older ones
    load(uow, "erp", "customer", ERP)
    load(uow, "erp", "rate_card", LINES)
    load(uow, "hr", "resource", PEOPLE)


def merge(uow: UnitOfWork, entity: str, keep: tuple[str, str], lose: tuple[str, str]) -> None:
    clusters = [[record_id(uow.session, *keep), record_id(uow.session, *lose)]]
    survivor = golden_of(uow, *keep)
    apply_partition(
        uow, entity, clusters, actor="test", reason="merge", now=datetime.now(UTC),
        preferred={0: survivor},
    )  # fmt: skip


def test_each_entitys_references_resolve_to_golden_ids(uow: UnitOfWork) -> None:
    loaded(uow)
    assert references_of(uow, "erp", "C1") == {"parent": golden_of(uow, "erp", "P0")}
    assert references_of(uow, "erp", "C2") == {"parent": None}  # names no loaded record
    assert references_of(uow, "erp", "P0") == {"parent": None}  # names none
    assert references_of(uow, "erp", "R1") == {"customer": golden_of(uow, "erp", "C1")}
    assert references_of(uow, "erp", "R2") == {"customer": None}
    assert references_of(uow, "hr", "E1") == {"manager": golden_of(uow, "hr", "M1")}


def test_a_reference_resolves_in_its_own_system_only(uow: UnitOfWork) -> None:
    """crm's X1 naming P0 names crm's P0 (there is none), not erp's."""
    loaded(uow)
    load(uow, "crm", "customer", CUSTOMERS + "X2,Another Child,GB,P0\n")
    assert references_of(uow, "crm", "X2") == {"parent": None}


def test_references_follow_a_merge_of_the_named_records(uow: UnitOfWork) -> None:
    loaded(uow)
    before = golden_of(uow, "erp", "P0")
    merge(uow, "customer", keep=("crm", "X0"), lose=("erp", "P0"))
    survivor = golden_of(uow, "crm", "X0")
    assert survivor != before and golden_of(uow, "erp", "P0") == survivor
    assert references_of(uow, "erp", "C1") == {"parent": survivor}
    merge(uow, "customer", keep=("crm", "X1"), lose=("erp", "C1"))
    assert references_of(uow, "erp", "R1") == {"customer": golden_of(uow, "crm", "X1")}
    # a merged-away id read directly still answers with the record it was merged into
    merged_away = queries.golden_record(uow, "customer", before)
    assert merged_away is not None and merged_away.status == "merged"


def test_the_matcher_reads_a_rate_lines_customer_as_the_same_golden_id(
    session: Session, uow: UnitOfWork
) -> None:
    loaded(uow)
    ids = [record_id(session, "erp", key) for key in ("R1", "R2", "R3")]
    by_key = {r["source_id"]: r for r in matching_records.records_by_id(session, "rate_card", ids)}
    assert by_key["R1"]["customer_ref"] == str(golden_of(uow, "erp", "C1"))
    assert "customer_ref" not in by_key["R2"] and "customer_ref" not in by_key["R3"]
    merge(uow, "customer", keep=("crm", "X1"), lose=("erp", "C1"))
    (line,) = matching_records.records_by_id(session, "rate_card", ids[:1])
    assert line["customer_ref"] == str(golden_of(uow, "crm", "X1"))
    golden = references_of(uow, "erp", "R1")["customer"]
    assert line["customer_ref"] == str(golden)  # the read side resolves it the same way
    snapshot = matching_records.snapshot(session, "rate_card")
    assert {r.get("customer_ref") for r in snapshot.records} == {str(golden), None}


def test_the_api_and_the_ui_show_the_references(uow: UnitOfWork) -> None:
    loaded(uow)
    child = golden_of(uow, "erp", "C1")
    view = queries.golden_record(uow, "customer", child)
    assert view is not None
    parent = golden_of(uow, "erp", "P0")
    body = GoldenRecordOut.of(view, None).model_dump(mode="json")
    assert body["references"] == {"parent": str(parent)}
    context = golden_context(uow, "customer", child)
    link = context["references"]["parent_source_id"]
    assert (link["entity"], link["id"], link["name"]) == ("customer", parent, "parent")


def test_a_read_as_of_a_time_resolves_references_as_they_were_then(uow: UnitOfWork) -> None:
    load(uow, "erp", "customer", CUSTOMERS + "C1,Child Ltd,GB,P0\n")
    orphaned = datetime.now(UTC)  # C1 names P0, which is not loaded yet
    load(uow, "erp", "customer", CUSTOMERS + "P0,Parent Holdings plc,GB,\n")
    load(uow, "crm", "customer", CRM)
    child, parent = golden_of(uow, "erp", "C1"), golden_of(uow, "erp", "P0")
    before_merge = datetime.now(UTC)
    merge(uow, "customer", keep=("crm", "X0"), lose=("erp", "P0"))
    survivor = golden_of(uow, "crm", "X0")
    assert survivor != parent

    def parent_at(at: datetime) -> uuid.UUID | None:
        found = queries.record_at(uow, "customer", child, at)
        assert found is not None
        return found[1].references["parent"]

    assert parent_at(orphaned) is None
    assert parent_at(before_merge) == parent
    assert parent_at(datetime.now(UTC)) == survivor
    assert references_of(uow, "erp", "C1") == {"parent": survivor}


def test_references_that_name_each_other_resolve_as_of_a_time(uow: UnitOfWork) -> None:
    """Two customers naming each other as parent: reading one as of a time ends."""
    load(uow, "erp", "customer", CUSTOMERS + "A1,Alpha Ltd,GB,B1\nB1,Beta Ltd,GB,A1\n")
    alpha, beta = golden_of(uow, "erp", "A1"), golden_of(uow, "erp", "B1")
    found = queries.record_at(uow, "customer", alpha, datetime.now(UTC))
    assert found is not None and found[1].references == {"parent": beta}


def _last_event(session: Session, golden_id: uuid.UUID) -> dict[str, object]:
    sql = "SELECT data FROM outbox_event WHERE subject = :s ORDER BY position DESC LIMIT 1"
    data: dict[str, object] = session.execute(text(sql), {"s": str(golden_id)}).scalar_one()
    return data


def test_events_carry_each_reference_resolved_as_the_change_was_written(
    session: Session, uow: UnitOfWork
) -> None:
    """A subscriber cannot resolve ``customer_source_id: C1`` itself (it does not know which
    system's C1): the event names the golden record, as the read API would have then."""
    loaded(uow)
    child, line = golden_of(uow, "erp", "C1"), golden_of(uow, "erp", "R1")
    assert _last_event(session, child)["references"] == {"parent": str(golden_of(uow, "erp", "P0"))}
    assert _last_event(session, golden_of(uow, "erp", "C2"))["references"] == {"parent": None}
    assert _last_event(session, line)["references"] == {"customer": str(child)}
    assert _last_event(session, golden_of(uow, "erp", "R2"))["references"] == {"customer": None}
    worker = golden_of(uow, "hr", "E1")
    assert _last_event(session, worker)["references"] == {
        "manager": str(golden_of(uow, "hr", "M1"))
    }
    merge(uow, "customer", keep=("crm", "X1"), lose=("erp", "C1"))
    survivor = golden_of(uow, "crm", "X1")
    event = _last_event(session, survivor)  # the survivor's merge event: its own parent now
    assert event["references"] == {"parent": str(golden_of(uow, "erp", "P0"))}
    assert event["attributes"]["parent_source_id"] == "P0"  # type: ignore[index]
