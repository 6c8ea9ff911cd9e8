"""Pins are checked as ingest checks values, against the golden record's own entity."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.errors import NotFoundError
from mdm.stewardship import decisions, pins
from mdm.unit_of_work import UnitOfWork
from tests.integration.golden.test_stewardship import golden_state, load


@pytest.mark.parametrize(
    ("attribute", "value", "reason"),
    [
        ("website", "javascript:alert(1)", "not a website address"),
        ("email", "not-an-email", "not a valid e-mail address"),
        ("country", "XXX", "unknown country"),
        ("name", "x" * 100_000, "longer than 1000 characters"),
        ("cost_rate", "9999", "not a pinnable attribute of a customer"),
        ("parent_source_id", "A9", "not a pinnable attribute of a customer"),
        ("currency", "ZZZ", "unknown currency"),
        ("name", "   ", "cannot be empty"),
    ],
)
def test_a_value_ingest_would_refuse_or_flag_cannot_be_pinned(
    session: Session, uow: UnitOfWork, attribute: str, value: str, reason: str
) -> None:
    ids = load(uow, "crm", "A1,Acme Ltd,GB,London,\n")
    golden, before = golden_state(session, ids["A1"])[:2]
    with pytest.raises(pins.InvalidPinError, match=reason) as caught:
        pins.pin(uow, golden, attribute, value, "jo", "a reason")
    assert caught.value.issue.field == attribute
    assert golden_state(session, ids["A1"])[1] == before
    assert session.execute(text("SELECT count(*) FROM golden_pin")).scalar_one() == 0


def test_a_pin_is_stored_canonical_with_its_reason_and_needs_one(
    session: Session, uow: UnitOfWork
) -> None:
    ids = load(uow, "crm", "A1,Acme Ltd,GB,London,\n")
    golden = golden_state(session, ids["A1"])[0]
    with pytest.raises(pins.InvalidPinError, match="say why"):
        pins.pin(uow, golden, "country", "France", "jo", "  ")
    done = pins.pin(uow, golden, "country", "France", "jo", "moved its seat")
    assert done.value == "FR" and done.redirected_from is None
    _, attributes, lineage, _ = golden_state(session, ids["A1"])
    assert attributes["country"] == "FR"
    assert lineage["country"]["rule"] == "steward_pin"
    assert lineage["country"]["reason"] == "moved its seat"


def test_pinning_a_merged_away_id_pins_the_survivor(session: Session, uow: UnitOfWork) -> None:
    ids = load(uow, "crm", "A1,Acme Ltd,GB,London,\nA2,Acme Limited,GB,London,\n")
    first, second = golden_state(session, ids["A1"])[0], golden_state(session, ids["A2"])[0]
    from tests.integration.golden.test_stewardship import task_for

    task = task_for(session, ids["A1"], ids["A2"])
    survivor = decisions.merge(uow, task, "jo", 1)
    merged_away = second if survivor == first else first
    done = pins.pin(uow, merged_away, "industry", "Retail", "jo", "confirmed by phone")
    assert (done.golden_id, done.redirected_from) == (survivor, merged_away)
    assert golden_state(session, ids["A1"])[1]["industry"] == "Retail"
    with pytest.raises(NotFoundError):
        pins.pin(uow, "00000000-0000-0000-0000-000000000000", "name", "x", "jo", "r")
