"""An extract Excel on Windows saved as "CSV (Comma delimited)", in Windows-1252, loads with
its accented letters and symbols, and the ingest says how it was read."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.unit_of_work import UnitOfWork

BODY = (
    "source_id;name;address_line1;city;industry\n"
    "W1;Société Générale;29 Boulevard Haussmann;Paris;Banque\n"
    "W2;O’Brien & Søn;Nørregade 1;København;Conseil – stratégie €\n"
)


def test_a_windows_1252_extract_loads_with_its_letters_and_says_how_it_was_read(
    session: Session, uow: UnitOfWork
) -> None:
    extract = parse_extract("acq_crm.csv", BODY.encode("cp1252"))
    summary = ingest_extract(uow, extract, system="acq_crm", entity="customer")
    assert (summary.new, summary.quarantined) == (2, 0)
    (note,) = summary.notes
    assert note.startswith("the file is read as Windows-1252")
    assert "not UTF-8 (line 2, byte 0xe9)" in note
    rows = dict(
        session.execute(
            text(
                "SELECT r.source_id, v.canonical FROM source_record r "
                "JOIN source_record_version v ON v.source_record_id = r.id"
            )
        ).all()
    )
    assert (rows["W1"]["name"], rows["W1"]["city"]) == ("Société Générale", "Paris")
    assert (rows["W2"]["name"], rows["W2"]["city"]) == ("O’Brien & Søn", "København")
    assert rows["W2"]["industry"] == "Conseil – stratégie €"


def test_the_same_extract_in_utf8_loads_the_same_values_with_nothing_to_note(
    session: Session, uow: UnitOfWork
) -> None:
    summary = ingest_extract(
        uow, parse_extract("acq_crm.csv", BODY.encode()), system="acq_crm", entity="customer"
    )
    assert (summary.new, summary.notes) == (2, ())
    again = ingest_extract(
        uow, parse_extract("acq_crm.csv", BODY.encode("cp1252")), system="acq_crm",
        entity="customer",
    )  # fmt: skip
    assert (again.unchanged, again.changed) == (2, 0)  # the same rows, read the same
