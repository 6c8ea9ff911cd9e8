"""Learning from stewards through the hub: decisions are read as labelled pairs, the model is
re-estimated into a new version with what changed kept, and no re-match undoes a decision."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.errors import ConflictError
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import match_models as models
from mdm.resolve.lookup import NoModelError
from mdm.resolve.service import resolve_pending
from mdm.stewardship import decisions, learning, queue
from mdm.unit_of_work import UnitOfWork
from tests.unit.matching.helpers import names_and_dates

HEADER = ("source_id", "first_name", "last_name", "hire_date")


def _load(uow: UnitOfWork, system: str, rows: list[dict[str, object]]) -> None:
    body = ",".join(HEADER) + "\n" + "".join(
        ",".join(str(row[field]).replace(":", "-") if field == "source_id" else str(row[field])
                 for field in HEADER) + "\n"
        for row in rows
    )  # fmt: skip
    ingest_extract(uow, parse_extract(f"{system}.csv", body.encode()), system=system,
                   entity="resource")  # fmt: skip


@pytest.fixture
def people(session: Session, uow: UnitOfWork) -> Iterator[Session]:
    """People of an HR system known by names and a date; a PSA holds copies of 200 of them,
    each with one slip; matched once. (Of 400 people and 120 copies, the one pair left in
    doubt was two namesakes of the HR system, which the model keeps apart now that two
    records of one system weigh less than two of two systems: no task was left to decide.)"""
    rows = [{**row, "source_id": row["id"]} for row in names_and_dates(600, 200)]
    _load(uow, "hr", [row for row in rows if str(row["id"]).startswith("p")])
    _load(uow, "psa", [row for row in rows if str(row["id"]).startswith("c")])
    resolve_pending(uow, "resource")
    yield session


def _record_ids(session: Session) -> dict[str, int]:
    """Record id per person: 'p12' for the HR record, 'c3-p12' for the PSA copy of p12."""
    return dict(
        session.execute(
            text("SELECT source_id, id FROM source_record WHERE entity = 'resource'")
        ).all()
    )


def _person(source_id: str) -> str:
    return source_id.split("-")[-1]


def _golden(session: Session, record_id: int) -> str:
    return str(
        session.execute(
            text("SELECT golden_id FROM xref WHERE source_record_id = :r AND valid_to IS NULL"),
            {"r": record_id},
        ).scalar_one()
    )


def _decide_open_tasks(uow: UnitOfWork) -> tuple[int, int]:
    """Stewards decide every open task from the truth; (merges, not a match)."""
    names = {v: k for k, v in _record_ids(uow.session).items()}
    merged = apart = 0
    for task in queue.list_tasks(uow, entity="resource", status="open", limit=1000):
        current = queue.get_task(uow, task.id)
        if current.status != "open":
            continue  # an earlier decision answered it
        left, right = names[current.left.record_id], names[current.right.record_id]
        if _person(left) == _person(right):
            decisions.merge(uow, task.id, "sam", current.version)
            merged += 1
        else:
            decisions.not_a_match(uow, task.id, "sam", current.version)
            apart += 1
    return merged, apart


def test_decisions_teach_a_new_model_version_and_what_changed_is_kept(
    uow: UnitOfWork, people: Session
) -> None:
    session = people
    before = models.version(session, "resource")
    assert before is not None
    merged, apart = _decide_open_tasks(uow)
    assert merged + apart > 0
    report = learning.learn(uow, "resource", "sam")
    assert report.model_version == before + 1 == models.version(session, "resource")
    assert (report.matches, report.non_matches) == (merged, apart)
    hire_date = [c for c in report.changes if c.comparison == "hire_date"]
    # every decided pair counted at the one level of each comparison it shows
    assert sum(c.matches for c in hire_date) + sum(c.non_matches for c in hire_date) <= (
        merged + apart
    )
    assert {(c.comparison, c.level) for c in report.changes} >= {
        ("first_name", "exact"), ("hire_date", "one_edit"), ("last_name", "else"),
    }  # fmt: skip
    kept = learning.learnings(uow, "resource")
    assert kept[0] == report
    audited = session.execute(
        text("SELECT actor, after FROM audit_event WHERE action = 'model.learned'")
    ).one()
    assert audited.actor == "sam" and audited.after["version"] == report.model_version
    state = learning.teaching(uow, "resource")
    assert (state.model_version, state.merges, state.not_a_match) == (
        report.model_version, merged, apart,
    )  # fmt: skip
    assert state.thresholds == report.new_thresholds


def test_no_re_match_after_learning_undoes_a_decision(uow: UnitOfWork, people: Session) -> None:
    """A pair the model links split apart by a steward, and two different people merged by a
    steward, stay as decided after learning and a bulk re-match of every record, although
    the learnt model still scores the first pair above the auto-link threshold."""
    session = people
    ids = _record_ids(session)
    twins = session.execute(
        text(
            "SELECT left_record_id, right_record_id FROM match_link WHERE decision = 'auto' "
            "ORDER BY probability DESC, id LIMIT 1"
        )
    ).one()
    assert _golden(session, twins[0]) == _golden(session, twins[1])
    decisions.split(uow, _golden(session, twins[0]), [twins[0]], "sam", "two people")
    strangers = (ids["p1"], ids["p2"])
    assert _golden(session, strangers[0]) != _golden(session, strangers[1])
    task = _task(session, *strangers)
    decisions.merge(uow, task, "sam", queue.get_task(uow, task).version)
    learning.learn(uow, "resource", "sam")
    resolve_pending(uow, "resource", force_bulk=True)
    assert _golden(session, twins[0]) != _golden(session, twins[1])
    assert _golden(session, strangers[0]) == _golden(session, strangers[1])
    scored = session.execute(
        text(
            "SELECT probability, decision FROM match_link WHERE left_record_id = :a "
            "AND right_record_id = :b"
        ),
        {"a": min(twins), "b": max(twins)},
    ).one()
    assert scored.decision == "auto" and scored.probability >= 0.99  # the model alone would link


def _task(session: Session, left: int, right: int) -> int:
    """A review task on two records the model kept apart (a steward found them by search)."""
    low, high = sorted((left, right))
    link = session.execute(
        text(
            "INSERT INTO match_link (entity, left_record_id, right_record_id, probability, "
            "match_weight, explanation, decision, decided_by, created_at, updated_at) VALUES "
            "('resource', :l, :r, 0.6, 0.5, '{\"comparisons\": []}', 'review', 'model', now(), "
            "now()) RETURNING id"
        ),
        {"l": low, "r": high},
    ).scalar_one()
    return int(
        session.execute(
            text(
                "INSERT INTO review_task (entity, link_id, priority, status, version, created_at) "
                "VALUES ('resource', :l, 50, 'open', 1, now()) RETURNING id"
            ),
            {"l": link},
        ).scalar_one()
    )


def test_a_model_trained_afresh_learns_the_decisions_again(
    uow: UnitOfWork, people: Session
) -> None:
    """When a bulk run retrains (the records outgrew the model), the new model learns from
    the decisions at once, and says so."""
    session = people
    merged, apart = _decide_open_tasks(uow)
    session.execute(text("DELETE FROM match_model WHERE entity = 'resource'"))
    resolve_pending(uow, "resource", force_bulk=True)
    kept = learning.learnings(uow, "resource")
    assert kept and kept[0].learned_by == "matcher"
    assert (kept[0].matches, kept[0].non_matches) == (merged, apart)
    assert kept[0].model_version == models.version(session, "resource")


def test_learning_without_a_model_or_decisions_is_refused(uow: UnitOfWork) -> None:
    with pytest.raises(NoModelError):
        learning.learn(uow, "resource", "sam")
    _load(uow, "hr", [{"source_id": "p1", "first_name": "Ann", "last_name": "Lee",
                           "hire_date": "2020-01-01"}])  # fmt: skip
    resolve_pending(uow, "resource")
    with pytest.raises(ConflictError, match="no steward has decided"):
        learning.learn(uow, "resource", "sam")
