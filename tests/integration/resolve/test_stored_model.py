"""The stored model scores as the model the bulk run trained: later runs (incremental, the
workers' blocks of a distributed run) load it, and must weigh a pair to the bit as the run
that trained it did."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching.term_frequency import words_key
from mdm.resolve.matcher_settings import matcher_settings
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import CRM, ERP, load

ACQUIRED = (
    "B1,Northwind Logistics,,,+44 20 7946 0001,,London,,GB\n"
    "B2,Brightwater Capital AG,,,,,Berlin,,DE\n"
    "B3,Kestrel Analytics,,,+1 212 555 0199,,New York,,US\n"
)


def stored_links(session: Session) -> dict[tuple[int, int], tuple[Any, ...]]:
    rows = session.execute(
        text(
            "SELECT left_record_id, right_record_id, probability, match_weight, explanation, "
            "decision FROM match_link"
        )
    )
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


def test_a_pair_scores_the_same_with_the_stored_model(session: Session, uow: UnitOfWork) -> None:
    for system, rows in (("crm", CRM), ("erp", ERP), ("acquired", ACQUIRED)):
        load(uow, system, rows)
    resolve_pending(uow, "customer")  # trains, stores the model, scores with the trained one
    trained = stored_links(session)
    stored = uow.models.load("customer", matcher_settings(uow, "customer").comparisons)
    assert stored is not None and words_key("name") in stored.parameters.term_frequencies
    resolve_pending(uow, "customer", force_bulk=True)  # scores again with the stored model
    rescored = stored_links(session)
    assert any(why["comparisons"] for *_, why, _ in trained.values())
    assert rescored == trained  # probability, weight and every explanation's m, u and weight
