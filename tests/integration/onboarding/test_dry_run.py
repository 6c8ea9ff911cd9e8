"""The dry run: the real ingest and matching, nothing kept, and the counts the real load then
gives."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.reader import ParsedExtract, parse_extract
from mdm.ingest.service import ingest_extract
from mdm.onboarding.dry_run import dry_run
from mdm.onboarding.outcome import LoadOutcome, outcome_of
from mdm.repositories import systems
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork

TABLES = (
    "source_system", "ingest_run", "source_record", "source_record_version", "quarantine_row",
    "xref", "golden_record", "golden_version", "match_link", "review_task", "blocking_key",
    "match_model", "audit_event", "outbox_event", "source_date_order",
)  # fmt: skip


def state(session: Session) -> dict[str, object]:
    """Row counts of every table a load writes, and a digest of the golden records."""
    found: dict[str, object] = {
        t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES
    }
    found["golden digest"] = session.execute(
        text("SELECT md5(string_agg(id::text || version || attributes::text, ',' ORDER BY id)) "
             "FROM golden_record")
    ).scalar_one()  # fmt: skip
    found["xref digest"] = session.execute(
        text("SELECT md5(string_agg(source_record_id || '>' || golden_id, ',' ORDER BY id)) "
             "FROM xref WHERE valid_to IS NULL")
    ).scalar_one()  # fmt: skip
    return found


def _close(dry: int, real: int) -> bool:
    return abs(dry - real) <= max(1, 0.02 * real)


def test_a_dry_run_writes_nothing_and_counts_what_the_load_then_does(
    session: Session, uow: UnitOfWork, acquirer: dict[str, ParsedExtract]
) -> None:
    before = state(session)
    report = dry_run(uow, acquirer["beta_crm"], system="beta_crm", entity="customer")
    assert state(session) == before
    assert report.records == len(acquirer["beta_crm"].rows)
    assert report.existing > 0 and report.new > 0
    assert report.existing + report.new + report.review + report.rejected == report.records
    started = datetime.now(UTC)
    summary = ingest_extract(uow, acquirer["beta_crm"], system="beta_crm", entity="customer")
    resolve_pending(uow, "customer")
    system_id = systems.get_or_register(session, "beta_crm").id
    real = outcome_of(uow, summary, started, system_id)
    for count in ("existing", "new", "review", "rejected"):
        assert _close(getattr(report, count), getattr(real, count)), (count, report, real)
    assert report.golden_changes["golden_records"] == real.golden_changes["golden_records"]


def test_the_report_shows_examples_and_the_golden_values_that_would_change(
    uow: UnitOfWork, acquirer: dict[str, ParsedExtract]
) -> None:
    report: LoadOutcome = dry_run(uow, acquirer["beta_crm"], system="beta_crm", entity="customer")
    body = report.to_dict()
    assert {"records", "existing", "new", "review", "rejected"} <= set(body)
    existing = body["examples"]["existing"]
    assert existing and all(e["golden_id"] for e in existing)
    changes = body["golden_changes"]
    assert changes["golden_records"] > 0 and changes["by_attribute"]
    example = changes["examples"][0]
    assert example["before"] != example["after"] and example["rule"]
    if report.rejected:
        assert body["examples"]["rejected"][0]["reason"]


def test_an_unregistered_source_is_named_in_the_report(session: Session, uow: UnitOfWork) -> None:
    extract = parse_extract("x.csv", b"source_id,name\nX1,Alder Ltd\n")
    report = dry_run(uow, extract, system="gamma_crm", entity="customer")
    assert report.new == 1 and "gamma_crm is not registered" in report.notes[0]
    assert systems.find(session, "gamma_crm") is None


def test_the_report_says_how_the_extracts_dates_would_be_read(uow: UnitOfWork) -> None:
    extract = parse_extract(
        "hr.csv", b"source_id,full_name,hire_date\nP1,Ann Lee,03/04/2024\nP2,Bo Quist,31/1/2020\n"
    )
    report = dry_run(uow, extract, system="gamma_hr", entity="resource")
    assert report.new == 2
    assert report.notes[-1] == (
        "hire_date: slash dates read day/month, as 1 can only be and none is only the other "
        "way; the ambiguous ones (1, like 03/04/2024) too"
    )


def test_the_report_says_the_extract_was_read_as_windows_1252(uow: UnitOfWork) -> None:
    extract = parse_extract("crm.csv", "source_id,name\nX1,Société Générale\n".encode("cp1252"))
    report = dry_run(uow, extract, system="gamma_crm", entity="customer")
    assert report.new == 1
    assert any(n.startswith("the file is read as Windows-1252") for n in report.notes)
