"""Trailing words of a customer's name through the hub: "Harlow Dynamics" written with its
office ("- London Office", "London Office") or its group ("Group") at one street is one
customer, linked or put to a steward, never left apart; a holding company of another VAT
number of the same scheme is never linked unattended."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import golden_of, load, load_generated, record_id

STREET = "14 Kingsway,London,WC2B 6UN,GB"
CRM = (
    f"H1,Harlow Dynamics,,harlowdynamics.co.uk,,{STREET}\n"
    f"Q1,Quenby Instruments,GB123456789,quenby.co.uk,,{STREET}\n"
)
ERP = (
    f"H2,Harlow Dynamics Group,,,,{STREET}\n"
    f"H3,Harlow Dynamics Ltd - London Office,,,,{STREET}\n"
    f"Q2,Quenby Instruments Holdings,GB987654312,quenby.co.uk,,{STREET}\n"
)
BILLING = f"H4,Harlow Dynamics London Office,,,,{STREET}\n"


def _resolved(uow: UnitOfWork, *extracts: tuple[str, str]) -> None:
    """The generated customers and ``extracts`` (system, rows) loaded, then resolved."""
    load_generated(uow)
    for system, rows in extracts:
        load(uow, system, rows)
    resolve_pending(uow, "customer")


def _linked_or_reviewed(session: Session, a: tuple[str, str], b: tuple[str, str]) -> bool:
    """The two records share a golden record, or a review task asks a steward whether they
    should."""
    if golden_of(session, *a) == golden_of(session, *b):
        return True
    left, right = sorted((record_id(session, *a), record_id(session, *b)))
    tasks = session.execute(
        text(
            "SELECT count(*) FROM review_task t JOIN match_link l ON l.id = t.link_id "
            "WHERE l.left_record_id = :l AND l.right_record_id = :r"
        ),
        {"l": left, "r": right},
    ).scalar_one()
    return bool(tasks)


def test_a_name_with_its_office_or_group_at_one_street_is_not_left_apart(
    session: Session, uow: UnitOfWork
) -> None:
    _resolved(uow, ("crm", CRM), ("erp", ERP), ("billing", BILLING))
    harlow = ("crm", "H1")
    assert golden_of(session, "erp", "H3") == golden_of(session, *harlow)
    assert _linked_or_reviewed(session, harlow, ("erp", "H2"))
    assert _linked_or_reviewed(session, harlow, ("billing", "H4"))


def test_a_holding_company_of_another_vat_number_is_not_linked_unattended(
    session: Session, uow: UnitOfWork
) -> None:
    _resolved(uow, ("crm", CRM), ("erp", ERP))
    assert golden_of(session, "crm", "Q1") != golden_of(session, "erp", "Q2")
