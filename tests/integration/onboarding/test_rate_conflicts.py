"""A dry run of an acquired system's rate lines names the ones that disagree with the
acquirer's: same customer (golden record), role, currency and period, another rate."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.reader import ParsedExtract, parse_extract
from mdm.ingest.service import ingest_extract
from mdm.onboarding.dry_run import dry_run
from mdm.repositories import onboarding as onboarding_repo
from mdm.repositories import systems
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork

HEADER = "source_id,role,level,currency,rate,unit,effective_from,effective_to,customer_source_id\n"


def _shared_customer(session: Session) -> tuple[str, str]:
    """Keys of one customer that acme_erp and beta_crm both hold (one golden record)."""
    erp, beta = session.execute(
        text(
            """
            SELECT min(r.source_id) FILTER (WHERE s.name = 'acme_erp'),
                   min(r.source_id) FILTER (WHERE s.name = 'beta_crm')
            FROM xref x JOIN source_record r ON r.id = x.source_record_id
            JOIN source_system s ON s.id = r.system_id
            WHERE x.valid_to IS NULL AND r.entity = 'customer'
            GROUP BY x.golden_id
            HAVING count(*) FILTER (WHERE s.name = 'acme_erp') = 1
               AND count(*) FILTER (WHERE s.name = 'beta_crm') = 1
            LIMIT 1
            """
        )
    ).one()
    return erp, beta


def _lines(body: str) -> ParsedExtract:
    return parse_extract("rates.csv", (HEADER + body).encode())


def test_conflicting_rate_lines_are_reported_and_the_others_are_not(
    session: Session, uow: UnitOfWork, acquirer: dict[str, ParsedExtract]
) -> None:
    ingest_extract(uow, acquirer["beta_crm"], system="beta_crm", entity="customer")
    resolve_pending(uow, "customer")
    erp, beta = _shared_customer(session)
    acme = _lines(
        f"R1,Senior Consultant,L2,EUR,150.00,hour,2024-01-01,2024-12-31,{erp}\n"
        "R2,Partner,,GBP,2000,day,2024-01-01,,\n"
    )
    ingest_extract(uow, acme, system="acme_erp", entity="rate_card")
    resolve_pending(uow, "rate_card")
    acquired = _lines(
        f"Q1,senior consultant,L2,EUR,170,hour,2024-06-01,,{beta}\n"  # conflicts with R1
        f"Q2,Senior Consultant,L2,EUR,150,hour,2024-06-01,,{beta}\n"  # the same rate
        f"Q3,Senior Consultant,L2,USD,170,hour,2024-06-01,,{beta}\n"  # another currency
        f"Q4,Senior Consultant,L2,EUR,170,hour,2025-01-01,,{beta}\n"  # after R1 ends
        f"Q5,Senior Consultant,L3,EUR,170,hour,2024-06-01,,{beta}\n"  # another level
        "Q6,Partner,,GBP,2200,day,2023-06-01,2024-02-01,\n"  # firm-wide, overlaps R2
    )
    report = dry_run(uow, acquired, system="beta_crm", entity="rate_card")
    found = {(c["line"], c["other"], c["rate"], c["other_rate"]) for c in report.rate_conflicts}
    assert found == {("Q1", "acme_erp/R1", "170", "150.00"), ("Q6", "acme_erp/R2", "2200", "2000")}
    system_id = systems.get_or_register(session, "beta_crm").id
    assert onboarding_repo.rate_conflicts(session, system_id) == []  # nothing was kept
