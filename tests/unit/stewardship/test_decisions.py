"""Stewards' decisions on an in-memory unit of work: the test says which tasks and golden
records exist and reads back what the decision did (the task's status and version, the audit
entry, the lock), with no database to load and match first."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mdm.domain.errors import ConflictError, NotFoundError
from mdm.domain.members import MemberVersion
from mdm.settings import Settings
from mdm.stewardship import decisions, queue
from tests.fakes.unit_of_work import InMemoryUnitOfWork, Task


def _with_task(**given: object) -> InMemoryUnitOfWork:
    uow = InMemoryUnitOfWork()
    task = Task(id=7, entity="customer", left=1, right=2)
    for name, value in given.items():
        setattr(task, name, value)
    uow.matches.tasks[7] = task
    return uow


def test_deferring_settles_the_task_at_the_version_seen_and_audits_who_and_why() -> None:
    uow = _with_task()
    decisions.defer(uow, 7, "jo", 1, "ask the account owner")
    task = uow.matches.tasks[7]
    assert (task.status, task.version, task.decided_by) == ("deferred", 2, "jo")
    assert task.comment == "ask the account owner" and task.link_decision is None
    assert uow.golden.locked == ["customer"]  # decided under the entity's lock
    assert uow.events.audited == [
        {
            "actor": "jo", "action": "task.deferred", "subject_type": "review_task",
            "subject_id": "7", "before": {"status": "open", "version": 1},
            "after": {"status": "deferred"}, "reason": "ask the account owner",
        }
    ]  # fmt: skip


def test_a_decision_on_a_task_changed_since_is_refused_naming_who_and_changes_nothing() -> None:
    uow = _with_task(status="deferred", version=2, decided_by="sam")
    with pytest.raises(ConflictError, match="it is now deferred by sam"):
        decisions.defer(uow, 7, "jo", 1, "me too")
    task = uow.matches.tasks[7]
    assert (task.status, task.version, task.decided_by, task.comment) == (
        "deferred", 2, "sam", None,
    )  # fmt: skip
    assert uow.events.audited == []


def test_claiming_assigns_the_task_once() -> None:
    uow = _with_task()
    queue.claim(uow, 7, "jo", 1)
    assert (uow.matches.tasks[7].assignee, uow.matches.tasks[7].version) == ("jo", 2)
    with pytest.raises(ConflictError):
        queue.claim(uow, 7, "sam", 1)  # sam saw version 1: jo's claim came first
    assert uow.matches.tasks[7].assignee == "jo"
    assert [e["after"] for e in uow.events.audited] == [{"assignee": "jo"}]


def test_a_task_nobody_has_is_not_found() -> None:
    uow = InMemoryUnitOfWork()
    with pytest.raises(NotFoundError, match="no review task 9"):
        decisions.defer(uow, 9, "jo", 1, "gone")
    with pytest.raises(NotFoundError):
        decisions.preview_merge(uow, 9)
    assert uow.golden.locked == []


def _member(record_id: int, system: str, name: str) -> MemberVersion:
    at = datetime(2026, 1, record_id, tzinfo=UTC)
    return MemberVersion(record_id, record_id, system, f"{system}-{record_id}", at,
                         {"name": name}, {}, kind=system)  # fmt: skip


@pytest.mark.parametrize(("first", "name"), [("crm", "Acme Inc"), ("erp", "Acme Incorporated")])
def test_the_merge_preview_survives_by_the_rules_the_unit_of_work_carries(
    tmp_path: Path, first: str, name: str
) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "entities:\n  customer:\n    attributes:\n"
        f"      name: {{rule: source_priority, priority: [{first}]}}\n"
    )
    uow = InMemoryUnitOfWork(
        Settings(database_url="postgresql://in-memory/", survivorship_rules=rules)
    )
    uow.matches.tasks[7] = Task(id=7, entity="customer", left=1, right=2)
    uow.golden.members[uuid.uuid4()] = [_member(1, "crm", "Acme Inc")]
    uow.golden.members[uuid.uuid4()] = [_member(2, "erp", "Acme Incorporated")]
    preview = decisions.preview_merge(uow, 7)
    assert preview.attributes["name"] == name
