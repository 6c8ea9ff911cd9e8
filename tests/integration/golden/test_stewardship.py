"""Stewards' decisions against real PostgreSQL: merge, unmerge, not a match, defer, pin."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.errors import ConflictError
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.stewardship import decisions, pins, queue
from mdm.stewardship.contradictions import ContradictionError
from mdm.unit_of_work import UnitOfWork
from tests.singletons import give_singletons

HEADER = "source_id,name,country,city,phone\n"


def load(uow: UnitOfWork, system: str, rows: str) -> dict[str, int]:
    ingest_extract(
        uow,
        parse_extract(f"{system}.csv", (HEADER + rows).encode()),
        system=system,
        entity="customer",
    )
    give_singletons(uow)
    return dict(uow.session.execute(text("SELECT source_id, id FROM source_record")).all())


def task_for(
    session: Session, left: int, right: int, p: float = 0.6, entity: str = "customer"
) -> int:
    low, high = sorted((left, right))
    link = session.execute(
        text(
            "INSERT INTO match_link (entity, left_record_id, right_record_id, probability, match_weight, "
            "explanation, decision, decided_by, created_at, updated_at) VALUES (:e, :l, :r, :p, 0.5, "
            "'{\"comparisons\": []}', 'review', 'model', now(), now()) RETURNING id"
        ),
        {"l": low, "r": high, "p": p, "e": entity},
    ).scalar_one()
    return int(
        session.execute(
            text(
                "INSERT INTO review_task (entity, link_id, priority, status, version, created_at) VALUES (:e, :l, 50, 'open', 1, now()) RETURNING id"
            ),
            {"l": link, "e": entity},
        ).scalar_one()
    )


def golden_state(session: Session, record_id: int) -> tuple[str, dict, dict, list[int]]:  # type: ignore[type-arg]
    gid, attrs, lineage = session.execute(
        text(
            "SELECT g.id, g.attributes, g.lineage FROM golden_record g JOIN xref x ON x.golden_id = g.id "
            "WHERE x.source_record_id = :r AND x.valid_to IS NULL"
        ),
        {"r": record_id},
    ).one()
    members = (
        session.execute(
            text(
                "SELECT source_record_id FROM xref WHERE golden_id = :g AND valid_to IS NULL ORDER BY 1"
            ),
            {"g": gid},
        )
        .scalars()
        .all()
    )
    return str(gid), attrs, lineage, list(members)


def test_merge_then_unmerge_restores_the_exact_prior_state(
    session: Session, uow: UnitOfWork
) -> None:
    ids = load(uow, "crm", "A1,Acme Ltd,GB,London,020 7946 0001\n")
    ids = load(uow, "erp", "E1,ACME LIMITED,GB,Leeds,\n")
    a1, e1 = ids["A1"], ids["E1"]
    before_a1, before_e1 = golden_state(session, a1), golden_state(session, e1)
    task = task_for(session, a1, e1)
    preview = decisions.preview_merge(uow, task)
    survivor = decisions.merge(uow, task, "jo", expected_version=1)
    merged = golden_state(session, a1)
    assert merged[0] == survivor and merged[3] == sorted([a1, e1])
    assert merged[1] == preview.attributes
    with pytest.raises(ContradictionError, match="jo said crm A1 and erp E1 are the same"):
        decisions.split(uow, survivor, [e1], "jo", "wrong merge")
    new_id = decisions.split(uow, survivor, [e1], "jo", "wrong merge", override=True)
    overridden = session.execute(
        text("SELECT actor, reason FROM audit_event WHERE action = 'decision.overridden'")
    ).all()
    assert overridden == [("jo", "wrong merge")]
    after_a1, after_e1 = golden_state(session, a1), golden_state(session, e1)
    assert (
        after_a1[0] == survivor
        and new_id == after_e1[0]
        and new_id not in (before_a1[0], before_e1[0])
    )
    kept, split_off = (after_a1, after_e1) if survivor == before_a1[0] else (after_e1, after_a1)
    original_kept, original_other = (
        (before_a1, before_e1) if survivor == before_a1[0] else (before_e1, before_a1)
    )
    assert kept[1:] == original_kept[1:]
    assert split_off[1:] == original_other[1:]
    constraints = session.execute(
        text("SELECT kind, count(*) FROM match_constraint WHERE active GROUP BY kind")
    ).all()
    assert constraints == [("cannot_link", 1)]  # the steward's must-link gave way to the split
    resolve_pending(uow, "customer", force_bulk=True)
    assert golden_state(session, a1)[0] != golden_state(session, e1)[0]
    kinds = session.execute(text("SELECT type FROM outbox_event ORDER BY position")).scalars().all()
    assert "mdm.customer.merged.v1" in kinds and "mdm.customer.split.v1" in kinds


def test_a_stale_decision_is_refused_and_says_who_decided(
    session: Session, uow: UnitOfWork
) -> None:
    ids = load(uow, "crm", "A1,Acme Ltd,GB,London,\nA2,Acme Group,GB,London,\n")
    task = task_for(session, ids["A1"], ids["A2"])
    decisions.not_a_match(uow, task, "jo", expected_version=1)
    with pytest.raises(ConflictError, match="jo"):
        decisions.merge(uow, task, "sam", expected_version=1)


def test_not_a_match_holds_through_a_full_rematch(session: Session, uow: UnitOfWork) -> None:
    ids = load(uow, "crm", "A1,Kestrel Analytics Inc,US,New York,+1 212 555 0100\n")
    ids = load(uow, "erp", "E1,KESTREL ANALYTICS INC,US,New York,+1 212 555 0100\n")
    task = task_for(session, ids["A1"], ids["E1"])
    decisions.not_a_match(uow, task, "jo", expected_version=1)
    resolve_pending(uow, "customer", force_bulk=True)
    assert golden_state(session, ids["A1"])[0] != golden_state(session, ids["E1"])[0]
    assert queue.get_task(uow, task).status == "not_a_match"


def test_defer_keeps_the_task_with_its_comment(session: Session, uow: UnitOfWork) -> None:
    ids = load(uow, "crm", "A1,Acme Ltd,GB,London,\nA2,Acme Group,GB,London,\n")
    task = task_for(session, ids["A1"], ids["A2"])
    decisions.defer(uow, task, "jo", 1, "ask the account owner")
    view = queue.get_task(uow, task)
    assert (view.status, view.comment, view.version) == ("deferred", "ask the account owner", 2)
    audit = session.execute(
        text("SELECT actor, action FROM audit_event WHERE subject_type = 'review_task'")
    ).all()
    assert ("jo", "task.deferred") in audit


def test_a_pinned_value_wins_until_unpinned(session: Session, uow: UnitOfWork) -> None:
    ids = load(uow, "crm", "A1,Acme Ltd,GB,London,\n")
    golden = golden_state(session, ids["A1"])[0]
    pins.pin(uow, golden, "name", "Acme Holdings Ltd", "jo", "the registered name")
    assert golden_state(session, ids["A1"])[1]["name"] == "Acme Holdings Ltd"
    load(uow, "crm", "A1,Acme Ltd.,GB,London,\n")
    assert golden_state(session, ids["A1"])[1]["name"] == "Acme Holdings Ltd"
    pins.unpin(uow, golden, "name", "jo")
    assert golden_state(session, ids["A1"])[1]["name"] == "Acme Ltd."


def test_queue_lists_open_tasks_with_labels(session: Session, uow: UnitOfWork) -> None:
    ids = load(uow, "crm", "A1,Acme Ltd,GB,London,\nA2,Acme Group,GB,London,\n")
    task = task_for(session, ids["A1"], ids["A2"])
    tasks = queue.list_tasks(uow, entity="customer")
    assert [t.id for t in tasks] == [task]
    assert {tasks[0].left_label, tasks[0].right_label} == {"Acme Ltd", "Acme Group"}
    assert queue.queue_counts(uow) == {"customer": 1}
    queue.claim(uow, task, "jo", 1)
    assert queue.list_tasks(uow, assignee="jo")[0].version == 2


def test_the_queue_names_each_record_by_its_entitys_search_name(
    session: Session, uow: UnitOfWork
) -> None:
    """A rate line by its role (its label was empty: the first and last name of no person
    came first), a person by first and last name when no full name is given."""
    lines = "source_id,role,currency,rate,effective_from\nR1,Senior Consultant,EUR,100,2024-01-01\n"
    lines += "R2,Senior Consultant,EUR,110,2024-01-01\n"
    people = "source_id,first_name,last_name,full_name\nP1,Ann,Lee,\nP2,,,Ann Lee\n"
    for name, entity, rows in (("erp", "rate_card", lines), ("hr", "resource", people)):
        ingest_extract(uow, parse_extract(f"{name}.csv", rows.encode()), system=name, entity=entity)
    give_singletons(uow)
    ids = dict(session.execute(text("SELECT source_id, id FROM source_record")).all())
    task_for(session, ids["R1"], ids["R2"], entity="rate_card")
    task_for(session, ids["P1"], ids["P2"], entity="resource")
    (line,) = queue.list_tasks(uow, entity="rate_card")
    assert (line.left_label, line.right_label) == ("Senior Consultant", "Senior Consultant")
    (person,) = queue.list_tasks(uow, entity="resource")
    assert {person.left_label, person.right_label} == {"Ann Lee"}


def test_a_record_waiting_for_matching_has_no_golden_id(session: Session, uow: UnitOfWork) -> None:
    ingest_extract(
        uow,
        parse_extract("crm.csv", (HEADER + "W1,Waiting Ltd,GB,London,\n").encode()),
        system="crm",
        entity="customer",
    )
    record = session.execute(text("SELECT id FROM source_record WHERE source_id = 'W1'")).scalar()
    assert queue.record_view(uow, record).golden_id is None
    give_singletons(uow)
    assert queue.record_view(uow, record).golden_id is not None
