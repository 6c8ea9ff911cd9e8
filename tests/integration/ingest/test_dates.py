"""An extract from another tool, its dates written day/month with slashes, loads every row
with the right dates (its column's order decided once, from all of its values); a later
extract of the same system whose dates decide nothing reads them as the earlier one decided."""

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


DELTA = (  # every date a date either way round: the delta alone decides nothing
    "E7,Gus Hale,03/04/2024\n"
    "E8,Hal Ives,05/06/2023\n"
    "E9,Ida Jun,07/08/2022\n"
    "E10,Jo Kerr,09/10/2021\n"
    "E11,Kai Lund,11/12/2020\n"
)
DAY_FIRST = {
    "E7": "2024-04-03", "E8": "2023-06-05", "E9": "2022-08-07", "E10": "2021-10-09",
    "E11": "2020-12-11",
}  # fmt: skip
MONTH_FIRST = {
    "E7": "2024-03-04", "E8": "2023-05-06", "E9": "2022-07-08", "E10": "2021-09-10",
    "E11": "2020-11-12",
}  # fmt: skip


def _load(uow: UnitOfWork, system: str, body: str) -> IngestSummary:
    extract = parse_extract("hr_export.csv", body.encode())
    return ingest_extract(uow, extract, system=system, entity="resource", mapping=MAPPING)


def _run_day(session: Session, run_id: int) -> str:
    started = session.execute(
        text("SELECT started_at FROM ingest_run WHERE id = :r"), {"r": run_id}
    ).scalar_one()
    return f"{started:%Y-%m-%d}"


def test_a_delta_of_ambiguous_dates_reads_them_as_the_systems_first_extract_decided(
    session: Session, uow: UnitOfWork
) -> None:
    first = _ingest(uow, HEADER + ROWS)
    delta = _ingest(uow, HEADER + DELTA)
    assert delta.new == 5
    hired = _hired(session)
    assert {k: hired[k][0] for k in DAY_FIRST} == DAY_FIRST
    assert delta.notes == (
        "hire_date (Hired): the ambiguous ones (5, like 03/04/2024) read day/month, as this "
        f"system's earlier extracts (run of {_run_day(session, first.run_id)}) showed",
    )


def test_another_system_is_not_read_by_the_first_systems_order(
    session: Session, uow: UnitOfWork
) -> None:
    _load(uow, "acq_hr", HEADER + ROWS)
    other = _load(uow, "us_hr", HEADER + DELTA)
    hired = _hired(session)
    assert {k: hired[k][0] for k in MONTH_FIRST} == MONTH_FIRST
    (note,) = other.notes
    assert "read month/day, the default: check them" in note


def test_an_extract_deciding_the_other_order_is_read_so_says_so_and_is_remembered(
    session: Session, uow: UnitOfWork
) -> None:
    first = _ingest(uow, HEADER + ROWS)
    turned = _ingest(uow, HEADER + "E20,Lu Moe,01/31/2025\nE21,Mo Ng,02/03/2025\n")
    assert _hired(session)["E21"][0] == "2025-02-03"
    (note,) = turned.notes
    assert note.startswith("hire_date (Hired): slash dates read month/day, as 1 can only be")
    assert note.endswith(
        f"this system's order changed: its earlier extracts (run of "
        f"{_run_day(session, first.run_id)}) showed day/month"
    )
    _ingest(uow, HEADER + DELTA)  # the latest decision wins
    hired = _hired(session)
    assert {k: hired[k][0] for k in MONTH_FIRST} == MONTH_FIRST
