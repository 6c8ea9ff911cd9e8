"""`POST /v1/{entity}/model/learn` (admin) and `GET /v1/{entity}/model/learnings` (read): the
model re-estimated from stewards' decisions, as JSON; refused without a model or decisions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from hub.app import create_app
from mdm.runtime import Runtime
from mdm.stewardship import decisions, queue
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime
from tests.e2e.ui.data import load_review_fixture, open_tasks


@pytest.fixture
def hub() -> Iterator[Runtime]:
    with committed_runtime("mdm_model_api") as runtime:
        load_review_fixture(runtime)
        yield runtime


def test_learning_from_decisions_through_the_api(hub: Runtime) -> None:
    client = TestClient(create_app(hub))
    admin, reader = bearer(issue_key(hub, "admin")), bearer(issue_key(hub, "read"))
    nothing = client.post("/v1/customer/model/learn", headers=admin)
    assert (
        nothing.status_code == 409
        and "no steward has decided" in nothing.json()["error"]["message"]
    )
    unmatched = client.post("/v1/resource/model/learn", headers=admin)
    assert unmatched.json()["error"]["code"] == "not_matched_yet"

    task = open_tasks(hub)[0].task_id
    with hub.unit_of_work() as uow:
        decisions.merge(uow, task, "alice", queue.get_task(uow, task).version)
    assert client.post("/v1/customer/model/learn", headers=reader).status_code == 403
    learnt = client.post("/v1/customer/model/learn", headers=admin)
    assert learnt.status_code == 200, learnt.text
    body = learnt.json()
    assert (body["matches"], body["non_matches"]) == (1, 0)
    assert body["learned_by"].startswith("key:")
    assert body["thresholds_before"] == {"upper": 0.99, "lower": 0.5}
    levels = {(c["comparison"], c["level"]) for c in body["changes"]}
    assert ("name", "exact") in levels and all("old_weight" in c for c in body["changes"])
    assert sum(c["matches"] for c in body["changes"] if c["comparison"] == "name") == 1

    listed = client.get("/v1/customer/model/learnings", headers=reader)
    assert listed.status_code == 200
    assert [item["model_version"] for item in listed.json()["learnings"]] == [body["model_version"]]


def test_a_learning_whose_commit_fails_is_answered_with_an_error_not_a_success(
    hub: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A route that writes in the request's unit of work commits it before the answer is
    sent: the caller never holds a success for what the database did not keep."""
    client = TestClient(create_app(hub))
    admin = bearer(issue_key(hub, "admin"))
    task = open_tasks(hub)[0].task_id
    with hub.unit_of_work() as uow:
        decisions.merge(uow, task, "alice", queue.get_task(uow, task).version)
    commit, failed = Session.commit, []

    def failing_once(session: Session) -> None:
        if not failed:
            failed.append(True)
            raise OperationalError("COMMIT", {}, Exception("the server closed the connection"))
        commit(session)

    monkeypatch.setattr(Session, "commit", failing_once)
    answer = client.post("/v1/customer/model/learn", headers=admin)
    monkeypatch.undo()
    assert failed and answer.status_code == 500, answer.text
    assert answer.json()["error"]["code"] == "internal_error"
    listed = client.get("/v1/customer/model/learnings", headers=admin).json()["learnings"]
    assert listed == []  # nothing was kept, and the answer did not say otherwise
    assert client.post("/v1/customer/model/learn", headers=admin).status_code == 200
