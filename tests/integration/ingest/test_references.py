"""Source records and versions have no per-row foreign keys (they load by COPY), but the
database still refuses a row that refers to nothing and the deletion of a row others refer to
(migration 0010)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.unit_of_work import UnitOfWork


def load(uow: UnitOfWork) -> tuple[int, int, int]:
    """One record; its id, its system's id and its ingest run's id."""
    extract = parse_extract("crm.csv", b"source_id,name\nK1,Acme Ltd\n")
    ingest_extract(uow, extract, system="crm", entity="customer")
    row = uow.session.execute(
        text(
            "SELECT r.id, r.system_id, v.ingest_run_id FROM source_record r "
            "JOIN source_record_version v ON v.source_record_id = r.id"
        )
    ).one()
    return row[0], row[1], row[2]


VERSION = (
    "INSERT INTO source_record_version (source_record_id, version_no, raw, canonical, invalid, "
    "content_hash, is_tombstone, received_at, ingest_run_id) "
    "VALUES ({record}, 9, '{{}}', '{{}}', '{{}}', 'h', false, now(), {run})"
)


def refused(session: Session, statement: str, match: str) -> None:
    with pytest.raises(DBAPIError, match=match), session.begin_nested():
        session.execute(text(statement))


def test_a_version_of_an_unknown_record_or_run_is_refused(
    session: Session, uow: UnitOfWork
) -> None:
    record, _, run = load(uow)
    refused(session, VERSION.format(record=record + 1000, run=run), "does not exist")
    refused(session, VERSION.format(record=record, run=run + 1000), "does not exist")
    session.execute(text(VERSION.format(record=record, run="NULL")))  # a run is optional


def test_a_record_of_an_unknown_system_is_refused(session: Session, uow: UnitOfWork) -> None:
    _, system, _ = load(uow)
    refused(
        session,
        "INSERT INTO source_record (system_id, entity, source_id, version_no, content_hash, "
        f"is_deleted, pending_match, updated_at) VALUES ({system + 1000}, 'customer', 'K9', 1, "
        "'h', false, true, now())",
        "does not exist",
    )
    refused(session, f"UPDATE source_record SET system_id = {system + 1000}", "does not exist")


def test_systems_runs_records_and_versions_are_never_deleted(
    session: Session, uow: UnitOfWork
) -> None:
    record, system, run = load(uow)
    refused(session, f"DELETE FROM source_system WHERE id = {system}", "never deleted")
    refused(session, f"DELETE FROM ingest_run WHERE id = {run}", "never deleted")
    refused(session, f"DELETE FROM source_record WHERE id = {record}", "never deleted")
    refused(
        session, f"DELETE FROM source_record_version WHERE source_record_id = {record}",
        "never deleted",
    )  # fmt: skip
