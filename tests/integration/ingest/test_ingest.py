"""Ingest against real PostgreSQL: versions, quarantine, idempotence, tombstones."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.unit_of_work import UnitOfWork
from tests.singletons import give_singletons

HEADER = "source_id,name,legal_name,country,phone,email,website,currency,tax_id\n"
ROWS = (
    "C1,Acme Inc,Acme Incorporated,UK,020 7946 0958,ap@acme.co.uk,https://www.acme.co.uk/x,gbp,\n"
    "C2,Beta GmbH,,Germany,030 1234567,not-an-email,beta.de,EUR,DE136695976\n"
    "C3,,,US,,,,USD,\n"
    f"C4,Delta LLC,{'Delta ' * 200},US,,,,dollars?,\n"  # too long; its currency only flagged
)


def ingest(uow: UnitOfWork, body: str, *, full: bool = False, name: str = "crm.csv"):  # type: ignore[no-untyped-def]
    extract = parse_extract(name, body.encode())
    return ingest_extract(uow, extract, system="acme_crm", entity="customer", full=full)


def count(session: Session, sql: str) -> int:
    return int(session.execute(text(sql)).scalar_one())


def test_rows_load_and_bad_rows_go_to_quarantine_with_line_field_and_reason(
    session: Session,
    uow: UnitOfWork,
) -> None:
    summary = ingest(uow, HEADER + ROWS)
    assert (summary.new, summary.quarantined) == (2, 2)
    reasons = {r.line_no: [(e.field, e.reason) for e in r.errors] for r in summary.rejected}
    assert reasons[4] == [("name", "name is required")]
    assert reasons[5] == [("legal_name", "longer than 1000 characters")]
    kept = session.execute(
        text("SELECT line_no, raw->>'source_id', errors FROM quarantine_row ORDER BY line_no")
    ).all()
    assert [(k[0], k[1]) for k in kept] == [(4, "C3"), (5, "C4")]
    assert kept[0][2] == [{"field": "name", "reason": "name is required"}]


def test_canonical_values_are_standardised_and_raw_is_kept(
    session: Session, uow: UnitOfWork
) -> None:
    ingest(uow, HEADER + ROWS)
    raw, canonical, invalid = session.execute(
        text(
            "SELECT v.raw, v.canonical, v.invalid FROM source_record_version v "
            "JOIN source_record r ON r.id = v.source_record_id WHERE r.source_id = 'C1'"
        )
    ).one()
    assert raw["country"] == "UK" and raw["website"] == "https://www.acme.co.uk/x"
    assert canonical["country"] == "GB"
    assert canonical["phone"] == "+442079460958"
    assert canonical["website"] == "acme.co.uk"
    assert canonical["currency"] == "GBP"
    assert invalid == {}
    c2 = session.execute(
        text(
            "SELECT v.canonical, v.invalid FROM source_record_version v "
            "JOIN source_record r ON r.id = v.source_record_id WHERE r.source_id = 'C2'"
        )
    ).one()
    assert c2[0]["email"] is None and "email" in c2[1]


def test_reingesting_the_same_file_changes_nothing(session: Session, uow: UnitOfWork) -> None:
    ingest(uow, HEADER + ROWS)
    before = count(session, "SELECT count(*) FROM source_record_version")
    quarantined = count(session, "SELECT count(*) FROM quarantine_row")
    again = ingest(uow, HEADER + ROWS)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
    assert count(session, "SELECT count(*) FROM source_record_version") == before
    assert count(session, "SELECT count(*) FROM quarantine_row") == quarantined


def test_new_records_wait_for_matching_without_golden_records(
    session: Session, uow: UnitOfWork
) -> None:
    ingest(uow, HEADER + ROWS)
    assert count(session, "SELECT count(*) FROM golden_record") == 0
    assert count(session, "SELECT count(*) FROM outbox_event") == 0
    assert count(session, "SELECT count(*) FROM source_record WHERE pending_match") == 2


def test_an_unchanged_reingest_leaves_golden_records_alone(
    session: Session, uow: UnitOfWork
) -> None:
    ingest(uow, HEADER + ROWS)
    give_singletons(uow)
    ingest(uow, HEADER + ROWS)
    assert count(session, "SELECT max(version) FROM golden_record") == 1
    assert count(session, "SELECT count(*) FROM source_record WHERE pending_match") == 0


def test_a_changed_row_adds_a_version_and_keeps_history(session: Session, uow: UnitOfWork) -> None:
    ingest(uow, HEADER + ROWS)
    give_singletons(uow)
    changed = ROWS.replace("Acme Inc,", "Acme Holdings Inc,")
    summary = ingest(uow, HEADER + changed)
    assert (summary.changed, summary.unchanged) == (1, 1)
    versions = session.execute(
        text(
            "SELECT v.version_no, v.canonical->>'name' FROM source_record_version v "
            "JOIN source_record r ON r.id = v.source_record_id WHERE r.source_id = 'C1' "
            "ORDER BY v.version_no"
        )
    ).all()
    assert versions == [(1, "Acme Inc"), (2, "Acme Holdings Inc")]
    golden = session.execute(
        text(
            "SELECT g.attributes->>'name', g.version FROM golden_record g JOIN xref x "
            "ON x.golden_id = g.id JOIN source_record r ON r.id = x.source_record_id "
            "WHERE r.source_id = 'C1'"
        )
    ).one()
    assert golden == ("Acme Holdings Inc", 2)


def test_full_extract_tombstones_missing_records_without_deleting_them(
    session: Session, uow: UnitOfWork
) -> None:
    ingest(uow, HEADER + ROWS)
    give_singletons(uow)
    only_c2 = HEADER + ROWS.splitlines(keepends=True)[1]
    summary = ingest(uow, only_c2, full=True)
    assert summary.deleted == 1
    c1 = session.execute(
        text("SELECT is_deleted, version_no FROM source_record WHERE source_id = 'C1'")
    ).one()
    assert c1 == (True, 2)
    assert count(session, "SELECT count(*) FROM source_record_version WHERE is_tombstone") == 1
    assert count(session, "SELECT count(*) FROM golden_record WHERE status = 'retired'") == 1
    revived = ingest(uow, HEADER + ROWS)
    assert revived.changed == 1
    give_singletons(uow)
    holders = session.execute(
        text(
            "SELECT count(*) FROM xref x JOIN source_record r ON r.id = x.source_record_id "
            "JOIN golden_record g ON g.id = x.golden_id "
            "WHERE r.source_id = 'C1' AND x.valid_to IS NULL AND g.status = 'active'"
        )
    ).scalar_one()
    assert holders == 1


def test_a_fixed_row_reingested_closes_its_quarantine_entry(
    session: Session, uow: UnitOfWork
) -> None:
    ingest(uow, HEADER + ROWS)
    fixed = HEADER + "C3,Gamma Corp,,US,,,,USD,\n"
    summary = ingest(uow, fixed, name="fixed.csv")
    assert summary.new == 1
    statuses = dict(session.execute(text("SELECT source_id, status FROM quarantine_row")).all())
    assert statuses == {"C3": "fixed", "C4": "open"}


def test_duplicate_source_ids_within_a_file_are_quarantined(uow: UnitOfWork) -> None:
    body = HEADER + "D1,One Ltd,,GB,,,,GBP,\nD1,Other Ltd,,GB,,,,GBP,\nD2,Two Ltd,,GB,,,,GBP,\n"
    summary = ingest(uow, body)
    assert (summary.new, summary.quarantined) == (1, 2)
    assert all("more than once" in r.reason() for r in summary.rejected)


def test_a_semicolon_extract_in_utf16_loads_as_its_comma_twin(
    session: Session, uow: UnitOfWork
) -> None:
    """A spreadsheet saved where the comma is the decimal mark: semicolons, UTF-16 with its
    byte-order mark. The same rows load, with the same canonical values."""
    body = (HEADER + ROWS).replace(",", ";")
    extract = parse_extract("crm.csv", body.encode("utf-16"))
    summary = ingest_extract(uow, extract, system="acme_crm", entity="customer")
    assert (summary.new, summary.quarantined) == (2, 2)
    canonical = session.execute(
        text(
            "SELECT v.canonical FROM source_record_version v "
            "JOIN source_record r ON r.id = v.source_record_id WHERE r.source_id = 'C2'"
        )
    ).scalar_one()
    assert (canonical["name"], canonical["country"], canonical["tax_id"]) == (
        "Beta GmbH", "DE", "DE136695976",
    )  # fmt: skip
