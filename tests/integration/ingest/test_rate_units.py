"""A rate-card extract from another tool, its units written its own way and its amounts with
their currency and unit, loads every line with the hub's unit, amount and currency."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.unit_of_work import UnitOfWork

HEADER = "source_id,role,level,currency,rate,unit,effective_from\n"
LINES = (
    'P1,Consultant,L1,,"€1.200,00/day",Daily,2024-01-01\n'
    "P2,Consultant,L2,EUR,1450,Daily,2024-01-01\n"
    "P3,Developer,L1,,95 GBP/h,per hour,2024-01-01\n"
    'P4,Developer,L2,USD,"$1,100/day",,2024-01-01\n'
    "P5,Architect,L3,,$150/hr,,2024-01-01\n"
    'P6,Analyst,L1,EUR,"1 200,00 €",Tagessatz,2024-01-01\n'
    "P7,Analyst,L2,CHF,SFr. 160.00,Std.,2024-01-01\n"
)
EXPECTED = {
    "P1": ("1200.00", "EUR", "day"),
    "P2": ("1450", "EUR", "day"),
    "P3": ("95", "GBP", "hour"),
    "P4": ("1100", "USD", "day"),
    "P5": ("150", "USD", "hour"),
    "P6": ("1200.00", "EUR", "day"),
    "P7": ("160.00", "CHF", "hour"),
}


def ingest(uow: UnitOfWork, body: str):  # type: ignore[no-untyped-def]
    extract = parse_extract("psa_rates.csv", body.encode())
    return ingest_extract(uow, extract, system="acquired_psa", entity="rate_card")


def canonical_prices(session: Session) -> dict[str, tuple[str, str, str]]:
    rows = session.execute(
        text(
            "SELECT r.source_id, v.canonical->>'rate', v.canonical->>'currency', "
            "v.canonical->>'unit' FROM source_record_version v "
            "JOIN source_record r ON r.id = v.source_record_id WHERE r.entity = 'rate_card'"
        )
    ).all()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def test_every_line_loads_with_its_unit_amount_and_currency(
    session: Session, uow: UnitOfWork
) -> None:
    summary = ingest(uow, HEADER + LINES)
    assert (summary.new, summary.quarantined) == (len(EXPECTED), 0)
    prices = canonical_prices(session)
    assert prices == EXPECTED
    assert all(Decimal(rate) == Decimal(EXPECTED[key][0]) for key, (rate, _, _) in prices.items())


def test_a_line_whose_columns_the_amount_contradicts_waits_in_quarantine_naming_both(
    session: Session, uow: UnitOfWork
) -> None:
    contradicting = (
        "Q1,Consultant,L1,EUR,1200/day,hour,2024-01-01\n"
        "Q2,Consultant,L2,EUR,$150,day,2024-01-01\n"
        "Q3,Consultant,L3,EUR,4000,weekly,2024-01-01\n"
    )
    summary = ingest(uow, HEADER + contradicting)
    assert (summary.new, summary.quarantined) == (0, 3)
    reasons = {r.line_no: [(e.field, e.reason) for e in r.errors] for r in summary.rejected}
    assert reasons[2] == [
        ("unit", "disagrees with the rate: the unit column says 'hour' (hour), the rate "
         "'1200/day' says '/day' (day)"),
    ]  # fmt: skip
    assert reasons[3] == [
        ("currency", "disagrees with the rate: the currency column says 'EUR' (EUR), the rate "
         "'$150' says '$' (USD)"),
    ]  # fmt: skip
    assert reasons[4] == [
        ("unit", "unit must be hour or day: 'weekly' is read as week; the hub holds hour or "
         "day rates only"),
    ]  # fmt: skip
    assert canonical_prices(session) == {}
