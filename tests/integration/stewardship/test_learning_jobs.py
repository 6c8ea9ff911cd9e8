"""Learnings asked for through the API or the UI run as jobs: one waits or runs per entity, a
job delivered twice (or to two runners at once) learns once, a job left running by a process
that stopped is marked failed when someone asks again, and a learning that fails says why."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from mdm.runtime import Runtime
from mdm.stewardship import decisions, learning_jobs, queue
from mdm.stewardship.learning_jobs import ABANDONED, LearningJob
from tests.conftest import committed_runtime
from tests.e2e.ui.data import load_review_fixture, open_tasks


@pytest.fixture
def hub() -> Iterator[Runtime]:
    with committed_runtime("mdm_learning_jobs", broker_url=None) as runtime:
        load_review_fixture(runtime)
        task = open_tasks(runtime)[0].task_id
        with runtime.unit_of_work() as uow:
            decisions.merge(uow, task, "alice", queue.get_task(uow, task).version)
        yield runtime


def ask(hub: Runtime, user: str = "key:test") -> tuple[LearningJob, bool]:
    with hub.unit_of_work() as uow:
        return learning_jobs.ask(uow, "customer", user)


def learnt_versions(hub: Runtime) -> list[int]:
    with hub.unit_of_work() as uow:
        return [r["model_version"] for r in uow.models.learnings("customer", 100)]


def test_a_job_delivered_twice_learns_once(hub: Runtime) -> None:
    job, start = ask(hub)
    assert start and job.state == "queued"
    assert ask(hub) == (job, True)  # still waiting: the same job, handed out again
    ended = learning_jobs.run(hub, job.id)
    assert ended is not None and ended.state == "done" and ended.model_version is not None
    assert learning_jobs.run(hub, job.id) is None
    assert learnt_versions(hub) == [ended.model_version]


def test_two_runners_at_once_learn_once(hub: Runtime) -> None:
    job, _ = ask(hub)
    ran: list[LearningJob | None] = []
    runners = [
        threading.Thread(target=lambda: ran.append(learning_jobs.run(hub, job.id)))
        for _ in range(2)
    ]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join(timeout=60)
    assert sorted(r is None for r in ran) == [False, True]
    assert len(learnt_versions(hub)) == 1


def _started_long_ago(hub: Runtime, job_id: uuid.UUID) -> None:
    with hub.unit_of_work() as uow:
        assert uow.models.start_learning(job_id, datetime.now(UTC) - timedelta(minutes=5))


def test_a_job_left_running_by_a_stopped_process_is_failed_when_asked_again(
    hub: Runtime,
) -> None:
    job, _ = ask(hub)
    _started_long_ago(hub, job.id)  # marked running, then its process stopped
    again, start = ask(hub)
    assert start and again.id != job.id and again.state == "queued"
    with hub.unit_of_work() as uow:
        old = uow.models.learning_job(job.id)
    assert old is not None and (old.state, old.error) == ("failed", ABANDONED)
    ended = learning_jobs.run(hub, again.id)
    assert ended is not None and ended.state == "done"


def test_a_running_job_its_runner_holds_is_not_taken_for_abandoned(hub: Runtime) -> None:
    job, _ = ask(hub)
    _started_long_ago(hub, job.id)
    with hub.unit_of_work() as holder:
        assert holder.models.hold_learning(job.id)  # a runner is at work
        running, start = ask(hub)
        assert (running.id, running.state, start) == (job.id, "running", False)


def test_a_learning_that_fails_says_why_and_the_next_ask_starts_afresh(
    hub: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    job, _ = ask(hub)

    def broken(*args: object) -> None:
        raise RuntimeError("the model could not be stored")

    monkeypatch.setattr(learning_jobs, "learn", broken)
    ended = learning_jobs.run(hub, job.id)
    monkeypatch.undo()
    assert ended is not None and ended.state == "failed"
    assert ended.error == "RuntimeError: the model could not be stored"
    assert learnt_versions(hub) == []
    again, start = ask(hub)
    assert start and again.id != job.id


def test_no_model_or_no_decision_is_refused_before_any_job(hub: Runtime) -> None:
    from mdm.resolve.lookup import NoModelError

    with pytest.raises(NoModelError), hub.unit_of_work() as uow:
        learning_jobs.ask(uow, "resource", "key:test")
    with hub.unit_of_work() as uow:
        uow.session.execute(text("UPDATE match_constraint SET active = false"))
    with pytest.raises(learning_jobs.NothingToLearnError), hub.unit_of_work() as uow:
        learning_jobs.ask(uow, "customer", "key:test")
    with hub.unit_of_work() as uow:
        assert uow.models.latest_learning_job("customer") is None
