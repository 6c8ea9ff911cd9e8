"""The Learning page: the model's version, thresholds and the decisions it can learn from;
stewards make it learn (CSRF-checked, viewers may only look), follow the learning while it runs
in the background (htmx polls the job until it ends, then loads the page) and see, per
comparison level, the weight before and after and the decided pairs that showed it."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mdm.runtime import open_runtime
from mdm.settings import Settings
from mdm.stewardship import decisions, queue
from tests.conftest import drop_database, fresh_database_url
from tests.e2e.ui.conftest import Hub, signed_in
from tests.e2e.ui.data import load_review_fixture, open_tasks


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    """The review fixture with no broker: a learning runs in a thread of the app's process."""
    url = fresh_database_url("mdm_ui_learning")
    runtime = open_runtime(Settings(database_url=url, secret_key="test-secret", broker_url=None))
    load_review_fixture(runtime)
    yield Hub(runtime, url)
    runtime.close()
    drop_database(url)


def _followed(client: TestClient, html: str) -> str:
    """The page once the learning it shows has ended, as htmx gets there: polling the job's
    fragment until it answers with where to go."""
    found = re.search(r'hx-get="(/ui/learning/customer/job/[^"]+)"', html)
    if found is None:
        return html
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        polled = client.get(found.group(1), headers={"HX-Request": "true"})
        if polled.status_code == 204:
            return client.get(polled.headers["HX-Redirect"]).text
        assert polled.status_code == 200 and 'id="learning-job"' in polled.text
        time.sleep(0.1)
    raise AssertionError("the learning did not end within a minute")


def _decide_two(hub: Hub) -> None:
    first, second = open_tasks(hub.runtime)[:2]
    with hub.runtime.unit_of_work() as uow:
        version = queue.get_task(uow, first.task_id).version
        decisions.merge(uow, first.task_id, "alice", version)
    with hub.runtime.unit_of_work() as uow:
        task = queue.get_task(uow, second.task_id)
        if task.status == "open":
            decisions.not_a_match(uow, second.task_id, "alice", task.version)


def _version(html: str) -> int:
    found = re.search(r"<dd data-version>(\d+)</dd>", html)
    assert found, "the page shows no model version"
    return int(found.group(1))


def test_stewards_make_the_model_learn_and_see_what_changed(hub: Hub) -> None:
    viewer, _ = signed_in(hub, "vera")
    assert viewer.get("/ui/learning").url.path == "/ui/learning/customer"
    page = viewer.get("/ui/learning/customer")
    assert page.status_code == 200
    assert "0 merges, 0 not a match" in page.text and "Learn from decisions" not in page.text
    before = _version(page.text)
    assert viewer.get("/ui/learning/invoice").status_code == 404

    _decide_two(hub)
    steward, token = signed_in(hub, "alice")
    page = steward.get("/ui/learning/customer")
    counts = re.search(r"<dd data-decisions>(\d+) merges, (\d+) not a match</dd>", page.text)
    assert counts and int(counts.group(1)) >= 1
    decided = int(counts.group(1)) + int(counts.group(2))
    assert "Learn from decisions" in page.text

    assert viewer.post("/ui/learning/customer", data={}).status_code == 403
    assert steward.post("/ui/learning/customer", data={}).status_code == 403  # no CSRF token
    asked = steward.post("/ui/learning/customer", data={"csrf_token": token})
    assert asked.status_code == 200 and "job=" in str(asked.url)
    assert 'id="learning-job"' in asked.text
    done = _followed(steward, asked.text)
    assert _version(done) == before + 1
    assert f"Model version {before + 1} learnt from" in done
    assert "every decision stays as it was" in done
    assert 'data-job-state="done"' in done and "Learn from decisions" in done
    rows = re.findall(
        r'<tr data-level="([\w.]+)">.*?<td class="num">([+-]\d+\.\d\d)</td>'
        r'<td class="num">([+-]\d+\.\d\d)</td>.*?<td class="num">(\d+)</td><td class="num">(\d+)</td>',
        done,
        re.DOTALL,
    )
    assert rows, "no level is shown with its weights and decided pairs"
    names = {row[0] for row in rows}
    assert "name.exact" in names or any(n.startswith("name.") for n in names)
    # each comparison's levels together show every decided pair at most once
    for comparison in {n.split(".")[0] for n in names}:
        shown = sum(int(r[3]) + int(r[4]) for r in rows if r[0].split(".")[0] == comparison)
        assert shown <= decided
