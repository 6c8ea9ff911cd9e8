"""A learning asked for through the API runs on a real `mdm worker` when a broker is
configured: the request answers at once with the job, the worker learns, the job says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid

import pytest
from fastapi.testclient import TestClient

from hub.app import create_app
from tests.api_keys import bearer, issue_key
from tests.conftest import ROOT, committed_runtime
from tests.e2e.api.test_model_api import followed, merge_one
from tests.e2e.ui.data import load_review_fixture

# the tests that start a worker share the broker: never at the same time
pytestmark = pytest.mark.xdist_group("celery_worker")
BROKER = os.environ.get("MDM_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


def test_a_worker_runs_the_learning_the_api_was_asked_for() -> None:
    queue = f"mdm-learning-test-{uuid.uuid4().hex[:8]}"
    with committed_runtime("mdm_learning_worker", broker_url=BROKER, task_queue=queue) as hub:
        load_review_fixture(hub)
        merge_one(hub)
        env = {
            **os.environ, "MDM_DATABASE_URL": str(hub.settings.database_url),
            "MDM_BROKER_URL": BROKER, "MDM_TASK_QUEUE": queue, "PYTHONPATH": str(ROOT),
        }  # fmt: skip
        worker = subprocess.Popen(
            [sys.executable, "-m", "hub.cli", "worker"], env=env, cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )  # fmt: skip
        try:
            with TestClient(create_app(hub)) as client:
                admin = bearer(issue_key(hub, "admin"))
                asked = client.post("/v1/customer/model/learn", headers=admin)
                assert asked.status_code == 202, asked.text
                ended = followed(client, asked.json()["status_url"], admin)
                assert worker.poll() is None
                assert ended["state"] == "done", ended
                assert ended["learning"]["matches"] == 1
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            out, _ = worker.communicate(timeout=30)
        assert "Task mdm.learn_from_stewards[" in out  # the worker, not the API process, ran it
