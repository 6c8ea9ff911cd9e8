"""A steward settles the queue in a real browser (Debian's chromium driven by Playwright)
against a real ``mdm serve``; a viewer looks but cannot decide."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from mdm.golden import queries
from mdm.resolve.service import resolve_pending
from tests.e2e.ui.conftest import Hub
from tests.e2e.ui.data import PASSWORDS, merge_records, open_tasks, task_between

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("ui_browser")]

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
ARGS = [
    "--no-sandbox", "--headless=new", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), (
        "Debian's chromium is missing: apt-get install -y chromium (.ci/run does)"
    )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def sign_in(browser: Browser, server: str, name: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{server}/ui/queue")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Merge queue")).to_be_visible()
    return page


def golden_of(hub: Hub, system: str, source_id: str) -> uuid.UUID:
    with hub.runtime.unit_of_work() as uow:
        found = queries.xref(uow, "customer", system, source_id)
    assert found is not None
    return found.golden_id


def test_a_steward_settles_the_queue(browser: Browser, server: str, hub: Hub) -> None:
    page = sign_in(browser, server, "alice")
    SCREENSHOTS.mkdir(exist_ok=True)
    expect(page.locator("table.queue tbody tr").first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "queue.png"), full_page=True)

    merge = task_between(hub.runtime, "E5", "B2")
    page.goto(f"{server}/ui/tasks/{merge.task_id}")
    expect(page.get_by_role("heading", name="If merged")).to_be_visible()
    expect(page.locator("tr .level-exact").first).to_be_visible()
    expect(page.locator("tr.differs .level-exact")).to_have_count(0)  # no badge beside "same"
    page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)
    page.get_by_role("button", name="Merge (m)").click()
    expect(page.locator(".notice")).to_contain_text(f"Task {merge.task_id} merged")
    assert golden_of(hub, "erp", "E5") == golden_of(hub, "acquired", "B2")

    apart = task_between(hub.runtime, "A4", "B1")
    page.goto(f"{server}/ui/tasks/{apart.task_id}")
    page.keyboard.press("n")
    expect(page.locator(".notice")).to_contain_text("not a match")
    with hub.runtime.unit_of_work() as uow:
        resolve_pending(uow, "customer", force_bulk=True)
    assert golden_of(hub, "crm", "A4") != golden_of(hub, "acquired", "B1")
    assert all({p.left[1], p.right[1]} != {"A4", "B1"} for p in open_tasks(hub.runtime))


def test_a_steward_splits_a_record_out(browser: Browser, server: str, hub: Hub) -> None:
    page = sign_in(browser, server, "alice")
    SCREENSHOTS.mkdir(exist_ok=True)
    merge_records(hub.runtime, ("crm", "A7"), ("erp", "E7"), ("acquired", "B5"))
    before = golden_of(hub, "crm", "A7")
    page.goto(f"{server}/ui/golden/customer/{before}")
    expect(page.get_by_role("heading", name="Source records (3)")).to_be_visible()
    page.get_by_label("acquired B5").check()
    page.get_by_label("Why split").fill("a different firm")
    page.get_by_role("button", name="Split chosen records out").click()
    expect(page.locator(".notice")).to_contain_text("Split out")
    page.screenshot(path=str(SCREENSHOTS / "golden.png"), full_page=True)
    new_id = page.locator("#golden-id").inner_text()
    assert new_id != str(before)
    assert golden_of(hub, "acquired", "B5") == uuid.UUID(new_id)
    assert golden_of(hub, "crm", "A7") == before


def test_keyboard_moves_through_the_queue(browser: Browser, server: str, hub: Hub) -> None:
    page = sign_in(browser, server, "bob")
    page.keyboard.press("j")
    first = page.locator("table.queue tbody tr.selected .task-link").inner_text()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Task {first}")).to_be_visible()
    if page.locator("#next-task").count():
        page.keyboard.press("j")
        expect(page.get_by_role("heading", name=f"Task {first}")).to_have_count(0)
        page.keyboard.press("k")
        expect(page.get_by_role("heading", name=f"Task {first}")).to_be_visible()


def test_a_viewer_cannot_decide(browser: Browser, server: str, hub: Hub) -> None:
    page = sign_in(browser, server, "vera")
    page.set_viewport_size({"width": 1024, "height": 700})
    page.goto(f"{server}/ui/dashboard")
    expect(page.get_by_role("heading", name="Duplicates found per source system")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
    task = open_tasks(hub.runtime)[0]
    page.goto(f"{server}/ui/tasks/{task.task_id}")
    expect(page.get_by_text("you can look, but only stewards and admins decide")).to_be_visible()
    expect(page.get_by_role("button", name="Merge (m)")).to_have_count(0)
    page.keyboard.press("m")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    answer = page.request.post(
        f"{server}/ui/tasks/{task.task_id}/merge",
        form={"csrf_token": str(token), "version": "1"},
        max_redirects=0,
    )
    assert answer.status == 403
    assert task in open_tasks(hub.runtime)


def test_the_second_steward_sees_that_someone_else_decided_first(
    browser: Browser, server: str, hub: Hub
) -> None:
    alice, bob = sign_in(browser, server, "alice"), sign_in(browser, server, "bob")
    assert alice.evaluate("typeof htmx") == "object", "htmx 2 is served from node_modules"
    pair = open_tasks(hub.runtime)[0]
    for page in (alice, bob):
        page.goto(f"{server}/ui/tasks/{pair.task_id}")
    bob.get_by_label("Comment (required to defer)").fill("same firm, new office")
    bob.get_by_role("button", name="Merge (m)").click()
    expect(bob.locator(".notice")).to_contain_text("merged")
    alice.get_by_role("button", name="Not a match (n)").click()
    expect(alice.locator(".conflict")).to_contain_text("Someone else decided first")
    expect(alice.locator(".conflict")).to_contain_text("by bob")
    expect(alice.get_by_role("button", name="Merge (m)")).to_have_count(0)
