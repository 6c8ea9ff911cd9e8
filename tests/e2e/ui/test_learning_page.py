"""The Learning page: the model's version, thresholds and the decisions it can learn from;
stewards make it learn (CSRF-checked, viewers may only look) and see, per comparison level,
the weight before and after and the decided pairs that showed it."""

from __future__ import annotations

import re

from mdm.stewardship import decisions, queue
from tests.e2e.ui.conftest import Hub, signed_in
from tests.e2e.ui.data import open_tasks


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
    done = steward.post("/ui/learning/customer", data={"csrf_token": token})
    assert done.status_code == 200
    assert _version(done.text) == before + 1
    assert f"Model version {before + 1} learnt from" in done.text
    assert "every decision stays as it was" in done.text
    rows = re.findall(
        r'<tr data-level="([\w.]+)">.*?<td class="num">([+-]\d+\.\d\d)</td>'
        r'<td class="num">([+-]\d+\.\d\d)</td>.*?<td class="num">(\d+)</td><td class="num">(\d+)</td>',
        done.text,
        re.DOTALL,
    )
    assert rows, "no level is shown with its weights and decided pairs"
    names = {row[0] for row in rows}
    assert "name.exact" in names or any(n.startswith("name.") for n in names)
    # each comparison's levels together show every decided pair at most once
    for comparison in {n.split(".")[0] for n in names}:
        shown = sum(int(r[3]) + int(r[4]) for r in rows if r[0].split(".")[0] == comparison)
        assert shown <= decided
