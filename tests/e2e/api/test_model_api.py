"""`POST /v1/{entity}/model/learn` (admin) asks for the model to be re-estimated from stewards'
decisions and answers with a job at once (202); `GET /v1/{entity}/model/learn/{job_id}` (read)
follows it to what changed; `GET /v1/{entity}/model/learnings` (read) lists the learnings.
Refused at once without a model or decisions. The job runs in a thread of the serving process
here (no broker); tests/e2e/cli/test_learning_worker.py runs it on a real worker."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

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
    with committed_runtime("mdm_model_api", broker_url=None) as runtime:
        load_review_fixture(runtime)
        yield runtime


def merge_one(hub: Runtime) -> None:
    task = open_tasks(hub)[0].task_id
    with hub.unit_of_work() as uow:
        decisions.merge(uow, task, "alice", queue.get_task(uow, task).version)


def followed(client: TestClient, url: str, headers: dict[str, str]) -> dict[str, Any]:
    """The job at ``url`` once it has ended."""
    deadline = time.monotonic() + 60
    while True:
        answer = client.get(url, headers=headers)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        if body["state"] in ("done", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.1)


def test_learning_from_decisions_through_the_api(hub: Runtime) -> None:
    with TestClient(create_app(hub)) as client:
        admin, reader = bearer(issue_key(hub, "admin")), bearer(issue_key(hub, "read"))
        nothing = client.post("/v1/customer/model/learn", headers=admin)
        assert (
            nothing.status_code == 409
            and "no steward has decided" in nothing.json()["error"]["message"]
        )
        unmatched = client.post("/v1/resource/model/learn", headers=admin)
        assert unmatched.json()["error"]["code"] == "not_matched_yet"

        merge_one(hub)
        assert client.post("/v1/customer/model/learn", headers=reader).status_code == 403
        asked = client.post("/v1/customer/model/learn", headers=admin)
        assert asked.status_code == 202, asked.text
        job = asked.json()
        assert job["state"] in ("queued", "running", "done") and job["learning"] is None
        assert job["requested_by"].startswith("key:")
        assert (
            asked.headers["Location"]
            == job["status_url"]
            == f"/v1/customer/model/learn/{job['id']}"
        )

        ended = followed(client, job["status_url"], reader)
        assert ended["state"] == "done", ended
        assert ended["finished_at"] >= ended["started_at"] >= ended["requested_at"]
        body = ended["learning"]
        assert (body["matches"], body["non_matches"]) == (1, 0)
        assert body["learned_by"] == job["requested_by"]
        assert body["thresholds_before"] == {"upper": 0.99, "lower": 0.5}
        levels = {(c["comparison"], c["level"]) for c in body["changes"]}
        assert ("name", "exact") in levels and all("old_weight" in c for c in body["changes"])
        assert sum(c["matches"] for c in body["changes"] if c["comparison"] == "name") == 1

        listed = client.get("/v1/customer/model/learnings", headers=reader)
        assert listed.status_code == 200
        assert [item["model_version"] for item in listed.json()["learnings"]] == [
            body["model_version"]
        ]
        assert (
            client.get("/v1/resource" + job["status_url"][12:], headers=reader).status_code == 404
        )
        missing = client.get("/v1/customer/model/learn/not-a-job", headers=reader)
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_asking_while_a_learning_waits_answers_that_one(hub: Runtime) -> None:
    merge_one(hub)
    with hub.unit_of_work() as uow:
        from mdm.stewardship import learning_jobs

        first, start = learning_jobs.ask(uow, "customer", "key:one")
    assert start
    with TestClient(create_app(hub)) as client:
        admin = bearer(issue_key(hub, "admin"))
        again = client.post("/v1/customer/model/learn", headers=admin)
        assert again.status_code == 202 and again.json()["id"] == str(first.id)
        assert followed(client, again.json()["status_url"], admin)["state"] == "done"


def test_a_learning_whose_commit_fails_is_answered_with_an_error_not_a_success(
    hub: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A route that writes in the request's unit of work commits it before the answer is
    sent: the caller never holds a success for what the database did not keep."""
    with TestClient(create_app(hub)) as client:
        admin = bearer(issue_key(hub, "admin"))
        merge_one(hub)
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
        with hub.unit_of_work() as uow:
            assert uow.models.latest_learning_job("customer") is None  # nothing was kept
        asked = client.post("/v1/customer/model/learn", headers=admin)
        assert asked.status_code == 202
        assert followed(client, asked.json()["status_url"], admin)["state"] == "done"
