"""The dry run: the real ingest and matching, nothing kept, and the counts the real load then
gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.reader import ExtractRow, ParsedExtract, parse_extract
from mdm.ingest.service import ingest_extract
from mdm.onboarding.dry_run import dry_run, load_and_match
from mdm.onboarding.outcome import LoadOutcome, outcome_of
from mdm.repositories import systems
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork

TABLES = (
    "source_system", "ingest_run", "source_record", "source_record_version", "quarantine_row",
    "xref", "golden_record", "golden_version", "match_link", "review_task", "blocking_key",
    "match_model", "audit_event", "outbox_event", "source_date_order",
)  # fmt: skip

SISTERS = {"name": "Quillon Haulage", "website": "www.quillon-haulage.com"}  # one group's
LEEDS = {  # its two companies: little else alike
    "source_id": "Q-LEEDS", "name": "Quillon Haulage Ltd", "tax_id": "GB123456789",
    "phone": "+441132345678", "address_line1": "12 Wharf Street", "city": "Leeds",
    "postal_code": "LS1 4AP", "country": "GB",
}  # fmt: skip
HAMBURG = {
    "source_id": "Q-HAMBURG", "name": "Quillon Haulage GmbH", "tax_id": "DE123456789",
    "phone": "+4940300512", "address_line1": "Am Sandtorkai 8", "city": "Hamburg",
    "postal_code": "20457", "country": "DE",
}  # fmt: skip


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
    assert _counts(real) == _counts(report)


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


def _partition(session: Session) -> set[frozenset[tuple[str, str]]]:
    """The golden records' members, each by its system and source id (what a dry run and a
    load name alike, whatever ids the database gave them)."""
    rows = session.execute(
        text("SELECT x.golden_id, s.name, r.source_id FROM xref x "
             "JOIN source_record r ON r.id = x.source_record_id "
             "JOIN source_system s ON s.id = r.system_id WHERE x.valid_to IS NULL")
    ).all()  # fmt: skip
    members: dict[object, set[tuple[str, str]]] = {}
    for golden, system, source_id in rows:
        members.setdefault(golden, set()).add((system, source_id))
    return {frozenset(found) for found in members.values()}


def _next_record_id(session: Session, at: int) -> None:
    """The next source record made gets id ``at`` (a sequence is not rolled back: the
    records of the tests after this one get ids after these)."""
    session.execute(
        text("SELECT setval(pg_get_serial_sequence('source_record', 'id'), :to)"), {"to": at - 1}
    )


def _digits_to_spare(session: Session) -> int:
    """A digit more than the next record id has."""
    sequence = "pg_get_serial_sequence('source_record', 'id')"
    return len(str(session.execute(text(f"SELECT nextval({sequence})")).scalar_one())) + 1


def _counts(report: LoadOutcome) -> tuple[object, ...]:
    changes = report.golden_changes
    return (
        report.records, report.existing, report.new, report.review, report.rejected,
        changes["golden_records"], changes["by_attribute"],
    )  # fmt: skip


def test_a_dry_run_and_the_load_after_it_match_alike_though_the_ids_differ(
    session: Session, uow: UnitOfWork, acquirer: dict[str, ParsedExtract]
) -> None:
    """A record holding only the name and website of two sister companies links to both
    alike: it goes with the one of the smaller id. The dry run's records get ids the
    rolled-back transaction gives up, the load's the next ones: here the dry run's sisters
    are 999..9 and 1000..0, as text the other way round, and the load's both a digit
    longer. Ties go by the ids' numbers, which keep their order: the same golden records
    come out, and the same counts."""
    digits = _digits_to_spare(session)
    _next_record_id(session, 2 * 10 ** (digits - 1))  # as text, between the sisters' ids
    shop = parse_extract("acme_shop.csv", ("source_id,name,website\nS-1,"
                         f"{SISTERS['name']},{SISTERS['website']}\n").encode())  # fmt: skip
    ingest_extract(uow, shop, system="acme_shop", entity="customer")
    resolve_pending(uow, "customer")
    beta = acquirer["beta_crm"]
    blank = dict.fromkeys(beta.header, "") | {"website": SISTERS["website"]}
    rows = [blank | sister for sister in (LEEDS, HAMBURG)]
    rows += [row.values for row in beta.rows]
    extract = replace(beta, rows=[ExtractRow(n + 2, row) for n, row in enumerate(rows)])
    _next_record_id(session, 10**digits - 1)  # the dry run's first two rows cross a digit
    with uow.savepoint():
        predicted = load_and_match(uow, extract, system="beta_crm", entity="customer")
        expected = _partition(session)
    report = load_and_match(uow, extract, system="beta_crm", entity="customer")
    found = _partition(session)
    shop_record = next(members for members in found if ("acme_shop", "S-1") in members)
    assert shop_record == {("acme_shop", "S-1"), ("beta_crm", "Q-LEEDS")}
    assert found == expected
    assert _counts(report) == _counts(predicted)
