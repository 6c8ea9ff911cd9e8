"""A rate-card extract whose unit is in its header ("Day Rate") loads with the unit its
mapping gives as a constant; the file's own content is kept as it was, the constant with the
run; a changed constant loads the rows again; a bad one refuses the load by name."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.golden import queries
from mdm.golden.trace import trace_golden
from mdm.ingest.errors import HeaderError
from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import IngestSummary, ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork

BODY = "Line,Role,Day Rate,Valid From\nD1,Consultant,800,2024-01-01\nD2,Architect,1200,2024-01-01\n"
COLUMNS = "columns: {Line: source_id, Role: role, Day Rate: rate, Valid From: effective_from}\n"


def mapping(constants: str) -> FieldMapping:
    return FieldMapping.load_text(COLUMNS + f"constants: {constants}\n", "rates.yaml")


def ingest(uow: UnitOfWork, constants: str) -> IngestSummary:
    extract = parse_extract("day_rates.csv", BODY.encode())
    return ingest_extract(
        uow, extract, system="acq_psa", entity="rate_card", mapping=mapping(constants)
    )


def current(session: Session) -> dict[str, tuple[str, str, str, dict[str, str], int]]:
    rows = session.execute(
        text(
            "SELECT r.source_id, v.canonical->>'rate', v.canonical->>'unit', "
            "v.canonical->>'currency', v.raw, v.version_no "
            "FROM source_record r JOIN source_record_version v ON v.source_record_id = r.id "
            "WHERE r.entity = 'rate_card' AND v.version_no = r.version_no"
        )
    ).all()
    return {row[0]: tuple(row[1:]) for row in rows}  # type: ignore[misc]


def test_a_day_rate_extract_loads_with_the_unit_its_mapping_gives(
    session: Session, uow: UnitOfWork
) -> None:
    summary = ingest(uow, "{unit: day, currency: EUR}")
    assert (summary.new, summary.quarantined) == (2, 0)
    loaded = current(session)
    assert {k: v[:3] for k, v in loaded.items()} == {
        "D1": ("800", "day", "EUR"),
        "D2": ("1200", "day", "EUR"),
    }
    # the raw record is the file's row: nothing it did not hold; the run holds the constants
    assert loaded["D1"][3] == {"Line": "D1", "Role": "Consultant", "Day Rate": "800",
                               "Valid From": "2024-01-01"}  # fmt: skip
    run = session.execute(
        text("SELECT constants, header FROM ingest_run WHERE id = :id"), {"id": summary.run_id}
    ).one()
    assert run.constants == {"unit": "day", "currency": "EUR"}
    assert "unit" not in run.header


def test_the_same_constants_leave_the_rows_unchanged_and_a_changed_one_loads_them_again(
    session: Session, uow: UnitOfWork
) -> None:
    ingest(uow, "{unit: hour, currency: EUR}")  # the mistake: a day rate read per hour
    again = ingest(uow, "{unit: hour, currency: EUR}")
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
    fixed = ingest(uow, "{unit: day, currency: EUR}")
    assert (fixed.new, fixed.changed, fixed.unchanged) == (0, 2, 0)
    assert {k: (v[1], v[4]) for k, v in current(session).items()} == {
        "D1": ("day", 2),
        "D2": ("day", 2),
    }


def test_a_bad_constant_refuses_the_load_naming_the_field(
    session: Session, uow: UnitOfWork
) -> None:
    with pytest.raises(HeaderError, match=r"constant unit: .*fortnight"):
        ingest(uow, "{unit: fortnight, currency: EUR}")
    with pytest.raises(HeaderError, match=r"unknown rate_card fields: .*colour"):
        ingest(uow, "{colour: red, currency: EUR}")
    count = session.execute(text("SELECT count(*) FROM source_record")).scalar_one()
    assert count == 0


def test_the_trace_says_which_values_the_mapping_gave(session: Session, uow: UnitOfWork) -> None:
    ingest(uow, "{unit: day, currency: EUR}")
    resolve_pending(uow, "rate_card")
    found = queries.xref(uow, "rate_card", "acq_psa", "D1")
    assert found is not None
    trace = trace_golden(uow, "rate_card", found.golden_id)
    (origin,) = next(m for m in trace.members if m.source_id == "D1").versions
    assert (origin.file, origin.line) == ("day_rates.csv", 2)
    assert origin.constants == {"unit": "day", "currency": "EUR"}
