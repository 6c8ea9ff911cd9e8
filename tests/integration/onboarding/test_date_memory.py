"""Onboarding an extract of a system already loaded: the profile and the dry run read its
ambiguous slash dates as the system's earlier extracts decided, and a dry run remembers
nothing of its own."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.onboarding import steps
from mdm.onboarding.dry_run import dry_run
from mdm.onboarding.workspace import Workspace
from mdm.unit_of_work import UnitOfWork

HEADER = "Employee,Name,Hired\n"
DAY_FIRST = HEADER + "E1,Ann Lee,31/01/2024\nE2,Bo Quist,15/12/1998\n"
AMBIGUOUS = HEADER + "E3,Cy Dahl,03/04/2024\nE4,Di Ek,05/06/2023\n"
MAPPING = FieldMapping({"Employee": "source_id", "Name": "full_name", "Hired": "hire_date"})


def _load(uow: UnitOfWork, body: str) -> None:
    extract = parse_extract("hr.csv", body.encode())
    ingest_extract(uow, extract, system="uk_hr", entity="resource", mapping=MAPPING)


def _remembered(session: Session) -> list[tuple[str, str]]:
    rows = session.execute(
        text(
            "SELECT o.field, o.day_month FROM source_date_order o "
            "JOIN source_system s ON s.id = o.system_id WHERE s.name = 'uk_hr'"
        )
    ).all()
    return [(field, order) for field, order in rows]


def test_the_profile_and_dry_run_read_ambiguous_dates_as_the_system_decided(
    session: Session, uow: UnitOfWork, tmp_path: Path
) -> None:
    _load(uow, DAY_FIRST)
    workspace = Workspace(tmp_path / "onboarding")
    upload = workspace.create("hr.csv", AMBIGUOUS.encode(), "uk_hr", "resource")
    workspace.save_mapping(upload, MAPPING)
    profile = steps.profile(uow, workspace, upload)
    (column,) = profile.dates
    assert column.read_as is not None and str(column.read_as) == "day/month"
    (note,) = profile.notes
    assert "the ambiguous ones (2, like 03/04/2024) read day/month, as this system's" in note
    dry = steps.run_dry_run(uow, workspace, upload)
    assert any("read day/month, as this system's earlier extracts" in n for n in dry.notes)


def test_a_dry_run_remembers_no_order(session: Session, uow: UnitOfWork) -> None:
    first = parse_extract("hr.csv", DAY_FIRST.encode())
    dry = dry_run(uow, first, system="uk_hr", entity="resource", mapping=MAPPING)
    assert dry.records == 2
    assert _remembered(session) == []
    _load(uow, AMBIGUOUS)  # nothing decided before it: the default
    hired = session.execute(
        text(
            "SELECT v.canonical->>'hire_date' FROM source_record r "
            "JOIN source_record_version v ON v.source_record_id = r.id "
            "WHERE r.source_id = 'E3' AND v.version_no = r.version_no"
        )
    ).scalar_one()
    assert hired == "2024-03-04"
    _load(uow, DAY_FIRST)
    assert _remembered(session) == [("hire_date", "day/month")]
