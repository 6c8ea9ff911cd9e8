"""An extract from another tool, its dates written day/month with slashes, loads every row
with the right dates (its column's order decided once, from all of its values)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import IngestSummary, ingest_extract
from mdm.unit_of_work import UnitOfWork

HEADER = "Employee,Name,Hired\n"
ROWS = (
    "E1,Ann Lee,31/01/2024\n"
    "E2,Bo Quist,03/04/2019\n"  # either way round: the column says day/month
    "E3,Cy Dahl,1/2/2003\n"
    "E4,Di Ek,15/12/1998\n"
    "E5,Ed Fry,29/02/2024\n"
    "E6,Flo Gee,sometime in 2020\n"  # unreadable: flagged, the person still loads
)
MAPPING = FieldMapping({"Employee": "source_id", "Name": "full_name", "Hired": "hire_date"})


def _ingest(uow: UnitOfWork, body: str) -> IngestSummary:
    extract = parse_extract("hr_export.csv", body.encode())
    return ingest_extract(uow, extract, system="acq_hr", entity="resource", mapping=MAPPING)


def _hired(session: Session) -> dict[str, tuple[str | None, dict[str, str]]]:
    rows = session.execute(
        text(
            "SELECT r.source_id, v.canonical->>'hire_date', v.invalid "
            "FROM source_record r JOIN source_record_version v ON v.source_record_id = r.id "
            "WHERE r.entity = 'resource' AND v.version_no = r.version_no"
        )
    ).all()
    return {source_id: (hired, invalid) for source_id, hired, invalid in rows}


def test_a_day_month_extract_loads_every_row_with_its_dates(
    session: Session, uow: UnitOfWork
) -> None:
    summary = _ingest(uow, HEADER + ROWS)
    assert (summary.new, summary.quarantined) == (6, 0)
    assert {k: v[0] for k, v in _hired(session).items()} == {
        "E1": "2024-01-31", "E2": "2019-04-03", "E3": "2003-02-01", "E4": "1998-12-15",
        "E5": "2024-02-29", "E6": None,
    }  # fmt: skip
    assert _hired(session)["E6"][1] == {"hire_date": "not a date: 'sometime in 2020'"}
    assert summary.notes == (
        "hire_date (Hired): slash dates read day/month, as 3 can only be and none is only "
        "the other way; the ambiguous ones (2, like 03/04/2019) too",
    )


def test_unchanged_rows_still_decide_the_order_of_the_rows_that_changed(
    session: Session, uow: UnitOfWork
) -> None:
    _ingest(uow, HEADER + ROWS)
    again = _ingest(uow, HEADER + ROWS.replace("1/2/2003", "5/6/2003"))
    assert (again.changed, again.unchanged) == (1, 5)
    assert _hired(session)["E3"][0] == "2003-06-05"


def test_a_us_extract_with_dashes_loads_every_row_month_first(
    session: Session, uow: UnitOfWork
) -> None:
    body = HEADER + "U1,Ann Lee,01-31-2024\nU2,Bo Quist,03-04-2019\nU3,Cy Dahl,1-13-2003\n"
    summary = _ingest(uow, body)
    assert (summary.new, summary.quarantined) == (3, 0)
    assert {k: v[0] for k, v in _hired(session).items()} == {
        "U1": "2024-01-31", "U2": "2019-03-04", "U3": "2003-01-13",
    }  # fmt: skip
    assert summary.notes == (
        "hire_date (Hired): dash dates read month/day, as 2 can only be and none is only "
        "the other way; the ambiguous ones (1, like 03-04-2019) too",
    )
