"""Review tasks follow the clusters, and a decision cannot silently undo an earlier one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.errors import ConflictError
from mdm.golden.partition_apply import apply_partition
from mdm.stewardship import decisions, task_upkeep
from mdm.stewardship.contradictions import ContradictionError
from mdm.unit_of_work import UnitOfWork
from tests.integration.golden.test_stewardship import golden_state, load, task_for

ROWS = "A1,Acme Ltd,GB,London,\nA2,Acme Group,GB,London,\nA3,Acme Holdings,GB,London,\n"


def status(session: Session, task_id: int) -> tuple[str, str | None]:
    row = session.execute(
        text("SELECT status, comment FROM review_task WHERE id = :id"), {"id": task_id}
    ).one()
    return row[0], row[1]


def together(uow: UnitOfWork, *record_ids: int) -> None:
    now = datetime.now(UTC)
    apply_partition(uow, "customer", [list(record_ids)], actor="test", reason="set-up", now=now)


def test_a_merge_closes_the_leftover_task_between_the_same_golden_records(
    session: Session, uow: UnitOfWork
) -> None:
    ids = load(uow, "crm", ROWS)
    together(uow, ids["A2"], ids["A3"])
    first = task_for(session, ids["A1"], ids["A2"], p=0.7)
    leftover = task_for(session, ids["A1"], ids["A3"], p=0.6)
    decisions.merge(uow, first, "jo", 1)
    state, why = status(session, leftover)
    assert state == "superseded"
    assert why == f"both records are now in golden record {golden_state(session, ids['A1'])[0]}"
    with pytest.raises(ConflictError, match="it is now superseded"):
        decisions.not_a_match(uow, leftover, "jo", 1)
    audit = session.execute(
        text("SELECT actor, reason FROM audit_event WHERE action = 'task.superseded'")
    ).all()
    assert audit == [("steward:jo", why)]


def test_one_task_per_pair_of_golden_records(session: Session, uow: UnitOfWork) -> None:
    ids = load(uow, "crm", ROWS)
    together(uow, ids["A2"], ids["A3"])
    weaker = task_for(session, ids["A1"], ids["A2"], p=0.55)
    stronger = task_for(session, ids["A1"], ids["A3"], p=0.8)
    closed = task_upkeep.follow_clusters(uow, "customer", datetime.now(UTC))
    assert closed == [weaker]
    assert status(session, weaker) == (
        "superseded",
        f"task {stronger} asks about the same two golden records",
    )
    assert status(session, stronger)[0] == "open"


def test_near_reads_only_the_tasks_on_the_touched_golden_records(
    session: Session, uow: UnitOfWork
) -> None:
    ids = load(uow, "crm", ROWS + "B1,Beta Ltd,GB,Leeds,\nB2,Beta Group,GB,Leeds,\n")
    together(uow, ids["A2"], ids["A3"])
    together(uow, ids["B1"], ids["B2"])
    weaker = task_for(session, ids["A1"], ids["A2"], p=0.55)
    stronger = task_for(session, ids["A1"], ids["A3"], p=0.8)
    same_golden = task_for(session, ids["B1"], ids["B2"])
    apart = task_for(session, ids["A1"], ids["B1"])
    decisions.not_a_match(uow, task_for(session, ids["A1"], ids["B2"]), "jo", 1, "two firms")
    # the not-a-match touched A1 and B2: the A1-B1 task it answers closes with it, while the
    # task inside B's golden record, which B2 also sits in, closes too
    assert status(session, apart)[0] == "superseded"
    assert status(session, same_golden)[0] == "superseded"
    assert status(session, weaker)[0] == "superseded"  # A1 and A3 ask about the same pair
    # a task on golden records a call near other records did not touch is not read by it
    together(uow, ids["A1"], ids["A2"], ids["A3"])
    now = datetime.now(UTC)
    assert task_upkeep.follow_clusters(uow, "customer", now, near=[ids["B1"]]) == []
    assert status(session, stronger)[0] == "open"
    assert task_upkeep.follow_clusters(uow, "customer", now, near=[ids["A2"]]) == [stronger]


def test_a_not_a_match_closes_the_tasks_it_answers(session: Session, uow: UnitOfWork) -> None:
    ids = load(uow, "crm", ROWS)
    together(uow, ids["A2"], ids["A3"])
    decided = task_for(session, ids["A1"], ids["A2"])
    other = task_for(session, ids["A1"], ids["A3"])
    decisions.not_a_match(uow, decided, "jo", 1, "different firms")
    assert status(session, other) == (
        "superseded",
        "a steward's decision keeps these golden records apart",
    )


def test_not_a_match_that_would_undo_a_merge_is_refused_unless_overridden(
    session: Session,
    uow: UnitOfWork,
) -> None:
    ids = load(uow, "crm", ROWS)
    merged = task_for(session, ids["A1"], ids["A2"])
    decisions.merge(uow, merged, "ann", 1, "same company number")
    # a task opened before the merge, decided from a page that was still open
    session.execute(text("UPDATE review_task SET status = 'open' WHERE id = :id"), {"id": merged})
    stale = merged
    version = session.execute(
        text("SELECT version FROM review_task WHERE id = :id"), {"id": stale}
    ).scalar_one()
    with pytest.raises(ContradictionError) as refused:
        decisions.not_a_match(uow, stale, "jo", version, "different people")
    assert "ann said crm A1 and crm A2 are the same thing (merged)" in str(refused.value)
    assert "same company number" in str(refused.value)
    assert golden_state(session, ids["A1"])[0] == golden_state(session, ids["A2"])[0]
    with pytest.raises(ConflictError, match="reason is required"):
        decisions.not_a_match(uow, stale, "jo", version, None, override=True)
    decisions.not_a_match(uow, stale, "jo", version, "they are not", override=True)
    assert golden_state(session, ids["A1"])[0] != golden_state(session, ids["A2"])[0]
    audit = session.execute(
        text("SELECT actor, reason FROM audit_event WHERE action = 'decision.overridden'")
    ).all()
    assert audit == [("jo", "they are not")]


def test_a_merge_that_would_undo_a_not_a_match_is_refused_unless_overridden(
    session: Session,
    uow: UnitOfWork,
) -> None:
    ids = load(uow, "crm", ROWS)
    apart = task_for(session, ids["A1"], ids["A2"])
    decisions.not_a_match(uow, apart, "ann", 1, "two firms")
    together(uow, ids["A2"], ids["A3"])  # a re-match puts A2 with A3
    task = task_for(session, ids["A1"], ids["A3"])
    with pytest.raises(ContradictionError, match="ann said crm A1 and crm A2 are not a match"):
        decisions.merge(uow, task, "jo", 1)
    survivor = decisions.merge(uow, task, "jo", 1, "one firm after all", override=True)
    assert golden_state(session, ids["A2"])[0] == survivor == golden_state(session, ids["A1"])[0]
