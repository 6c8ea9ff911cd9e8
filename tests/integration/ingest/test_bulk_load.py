"""What the fast load path writes: awkward text survives COPY, every new golden record gets its
version snapshot, audit entry and outbox event, and a re-ingest still sees rows unchanged."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.unit_of_work import UnitOfWork
from tests.singletons import give_singletons

HEADER = "source_id,name,city,email,phone,country\n"
AWKWARD = 'T\\1,"Tab\tCo","Line\nTwo",a@b.co,+44 20 7946 0958,GB\nT2,Back\\slash \\N,Ünïcode 中,x@y.org,,\n'


def ingest(uow: UnitOfWork, body: str):  # type: ignore[no-untyped-def]
    extract = parse_extract("bulk.csv", body.encode())
    return ingest_extract(uow, extract, system="bulk_crm", entity="customer")


def test_tabs_newlines_and_backslashes_survive_copy(session: Session, uow: UnitOfWork) -> None:
    ingest(uow, HEADER + AWKWARD)
    rows = session.execute(
        text(
            "SELECT r.source_id, v.raw, v.canonical FROM source_record r "
            "JOIN source_record_version v ON v.source_record_id = r.id ORDER BY r.source_id"
        )
    ).all()
    assert [r[0] for r in rows] == ["T2", "T\\1"]
    assert rows[1][1]["name"] == "Tab\tCo" and rows[1][1]["city"] == "Line\nTwo"
    assert rows[1][2]["name"] == "Tab Co" and rows[1][2]["phone"] == "+442079460958"
    assert rows[0][1]["name"] == "Back\\slash \\N" and rows[0][2]["city"] == "Ünïcode 中"


def test_reingesting_awkward_rows_finds_them_unchanged(uow: UnitOfWork) -> None:
    ingest(uow, HEADER + AWKWARD)
    again = ingest(uow, HEADER + AWKWARD)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)


def test_every_new_golden_has_its_snapshot_audit_and_event(
    session: Session, uow: UnitOfWork
) -> None:
    ingest(uow, HEADER + AWKWARD)
    give_singletons(uow)
    goldens = session.execute(text("SELECT id, attributes FROM golden_record")).all()
    assert len(goldens) == 2
    for golden_id, attributes in goldens:
        version = session.execute(
            text("SELECT version, attributes, members FROM golden_version WHERE golden_id = :g"),
            {"g": golden_id},
        ).one()
        record_id = session.execute(
            text("SELECT source_record_id FROM xref WHERE golden_id = :g"), {"g": golden_id}
        ).scalar_one()
        assert version == (1, attributes, [record_id])
        event = session.execute(
            text("SELECT type, sequence, data FROM outbox_event WHERE subject = :g"),
            {"g": str(golden_id)},
        ).one()
        assert event[:2] == ("mdm.customer.created.v1", 1)
        assert event[2] == {
            "golden_id": str(golden_id), "entity": "customer", "version": 1,
            "status": "active", "attributes": attributes,
            "changed_attributes": sorted(attributes), "references": {"parent": None},
        }  # fmt: skip
        audit = session.execute(
            text("SELECT action, before, after FROM audit_event WHERE subject_id = :g"),
            {"g": str(golden_id)},
        ).one()
        assert audit == (
            "golden.created",
            None,
            {"version": 1, "status": "active", "members": [record_id]},
        )


def test_a_load_written_in_parts_pairs_every_version_with_its_record(
    session: Session, uow: UnitOfWork
) -> None:
    """9,000 rows are checked by forked workers and written part by part; a key repeated in
    the first and the last part is refused on both lines, every other row loads once."""
    lines = [f"K{i},Firm {i},City {i},,,GB\n" for i in range(9_000)]
    lines[-1] = "K0,Firm Again,Elsewhere,,,GB\n"
    summary = ingest(uow, HEADER + "".join(lines))
    assert (summary.new, summary.quarantined) == (8_998, 2)
    assert sorted(r.line_no for r in summary.rejected) == [2, 9_001]
    mismatched = session.execute(
        text(
            "SELECT count(*) FROM source_record r JOIN source_record_version v "
            "ON v.source_record_id = r.id "
            "WHERE v.canonical->>'source_id' <> r.source_id OR v.content_hash <> r.content_hash"
        )
    ).scalar_one()
    versions = session.execute(text("SELECT count(*) FROM source_record_version")).scalar_one()
    assert (mismatched, versions) == (0, 8_998)
