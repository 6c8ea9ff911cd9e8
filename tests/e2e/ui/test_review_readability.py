"""The queue, the review screen and search speak a steward's language: levels in words, the
Impact column explained, search by several words or a tax id with the place shown, and a
confirmation when the last task is done."""

from __future__ import annotations

import re

from tests.e2e.ui.conftest import Hub, signed_in
from tests.e2e.ui.data import open_tasks


def test_the_queue_explains_impact_and_search_shows_the_place(hub: Hub) -> None:
    client, _ = signed_in(hub, "alice")
    queue = client.get("/ui/queue").text
    assert "<strong>Impact</strong> counts what a decision touches" in queue
    found = client.get("/ui/golden", params={"entity": "customer", "q": "northwind logistics"})
    assert "London, GB" in found.text and "GB123456789" in found.text
    by_tax_id = client.get("/ui/golden", params={"entity": "customer", "q": "de 136 695 976"})
    assert "Brightwater" in by_tax_id.text and "Berlin, DE" in by_tax_id.text


def test_the_review_screen_shows_levels_in_words(hub: Hub) -> None:
    client, _ = signed_in(hub, "alice")
    page = client.get(f"/ui/tasks/{open_tasks(hub.runtime)[0].task_id}").text
    levels = re.findall(r'<span class="level level-[^"]+">([^<]+)</span>', page)
    assert levels and not {"null", "else", "exact"} & set(levels)
    assert "—</td>\n        <td>—" not in page


def test_after_the_last_task_the_queue_says_nothing_is_left(hub: Hub) -> None:
    client, token = signed_in(hub, "alice")
    tasks = open_tasks(hub.runtime)
    assert tasks
    for pair in tasks:
        answer = client.post(
            f"/ui/tasks/{pair.task_id}/defer",
            data={"csrf_token": token, "version": 1, "comment": "ask the account owner"},
        )
        assert answer.status_code == 200
    assert "That was the last open task here: nothing is left to review." in answer.text
    assert "Merge queue" in answer.text and "Nothing to review here" in answer.text
