"""What makes golden records trustworthy, in a real browser (Debian's chromium via Playwright)
against a real ``mdm serve``: pins are checked, tasks follow the clusters, a decision cannot
silently undo another, and a split id keeps its meaning."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from mdm.golden import queries
from mdm.stewardship import decisions
from tests.e2e.ui.conftest import Hub
from tests.e2e.ui.data import load_singletons, merge_records, open_task
from tests.e2e.ui.test_browser import browser, golden_of, sign_in

__all__ = ["browser"]  # chromium, shared with the other browser tests

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("ui_browser")]


def test_a_pin_of_an_invalid_value_is_refused_with_the_fields_reason(
    browser: Browser, server: str, hub: Hub
) -> None:
    page = sign_in(browser, server, "alice")
    golden = golden_of(hub, "crm", "A3")
    page.goto(f"{server}/ui/golden/customer/{golden}")
    expect(page.locator("#pin-attribute option[value=parent_source_id]")).to_have_count(0)
    page.get_by_label("Pin attribute").select_option("website")
    page.get_by_label("to value").fill("javascript:alert(1)")
    page.get_by_label("because").fill("from the client's letter")
    page.get_by_role("button", name="Pin value").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Not pinned: website: not a website address")
    expect(page.get_by_label("to value")).to_have_value("javascript:alert(1)")
    with hub.runtime.unit_of_work() as uow:
        view = queries.golden_record(uow, "customer", golden)
    assert view is not None and view.attributes.get("website") == "kestrel.io"

    page.get_by_label("Pin attribute").select_option("country")
    page.get_by_label("to value").fill("United States")
    page.get_by_role("button", name="Pin value").click()
    expect(page.locator(".notice")).to_contain_text("Value of country pinned")
    expect(page.get_by_text("pinned by alice: from the client's letter")).to_be_visible()


LARCH = (
    "L1,Larkspur Studio Ltd,,,,4 Mill Road,Cambridge,CB1 2AD,GB\n"
    "L2,Larkspur Studio,,,,4 Mill Rd,Cambridge,CB1 2AD,GB\n"
    "L3,Larkspur Studios,,,,,Cambridge,,GB\n"
)


def test_a_merge_closes_the_leftover_task_and_the_queue_says_so(
    browser: Browser, server: str, hub: Hub
) -> None:
    load_singletons(hub.runtime, "lark", LARCH)
    merge_records(hub.runtime, ("lark", "L1"), ("lark", "L2"))
    first = open_task(hub.runtime, ("lark", "L3"), ("lark", "L1"), 0.7)
    leftover = open_task(hub.runtime, ("lark", "L3"), ("lark", "L2"), 0.6)
    page = sign_in(browser, server, "alice")
    page.goto(f"{server}/ui/tasks/{first}")
    page.get_by_role("button", name="Merge (m)").click()
    expect(page.locator(".notice")).to_contain_text(f"Task {first} merged")
    page.goto(f"{server}/ui/tasks/{leftover}")
    expect(page.get_by_text("This task is superseded")).to_be_visible()
    golden = golden_of(hub, "lark", "L3")
    expect(page.locator(".score")).to_contain_text(
        f"both records are now in golden record {golden}"
    )
    expect(page.get_by_role("button", name="Not a match (n)")).to_have_count(0)
    page.goto(f"{server}/ui/queue?entity=customer")
    expect(page.locator(f"a.task-link[href='/ui/tasks/{leftover}']")).to_have_count(0)
    expect(page.locator("a.task-link").first).to_be_visible()  # the queue itself is there


def test_a_contradictory_split_is_refused_showing_both_decisions_then_overridden(
    browser: Browser, server: str, hub: Hub
) -> None:
    load_singletons(
        hub.runtime, "reed", "R1,Reedmoor Farms,,,,,Ely,,GB\nR2,Reedmoor Farms Ltd,,,,,Ely,,GB\n"
    )
    task = open_task(hub.runtime, ("reed", "R1"), ("reed", "R2"), 0.7)
    with hub.runtime.unit_of_work() as uow:
        decisions.merge(uow, task, "alice", 1, "same farm")
    merged_with = golden_of(hub, "reed", "R1")
    assert golden_of(hub, "reed", "R2") == merged_with
    page = sign_in(browser, server, "bob")
    page.goto(f"{server}/ui/golden/customer/{merged_with}")
    page.get_by_label("reed R2").check()
    page.get_by_label("Why split").fill("a different farm")
    page.get_by_role("button", name="Split chosen records out").click()
    refusal = page.locator(".contradiction")
    expect(refusal).to_contain_text("Not done: this would undo an earlier decision")
    expect(refusal.locator("tr.earlier")).to_contain_text("are the same thing (merged)")
    expect(refusal.locator("tr.earlier")).to_contain_text("alice")
    expect(refusal.locator("tr.earlier")).to_contain_text("same farm")
    expect(refusal.locator("tr.attempted")).to_contain_text("This split")
    assert golden_of(hub, "reed", "R2") == merged_with  # nothing changed
    page.get_by_label("Why the earlier decision no longer holds").fill(
        "the tax office says two firms"
    )
    page.get_by_role("button", name="Override the earlier decision").click()
    expect(page.locator(".notice")).to_contain_text("Split out")
    assert golden_of(hub, "reed", "R2") != merged_with


def test_after_a_split_the_merged_away_id_redirects_to_the_split_off_record(
    browser: Browser, server: str, hub: Hub
) -> None:
    load_singletons(
        hub.runtime,
        "fern",
        "F1,Fernhill Bakery,,,,,Bath,,GB\nF2,Fernhill Bakery Ltd,,,,,Bath,,GB\n",
    )
    kept, away = golden_of(hub, "fern", "F1"), golden_of(hub, "fern", "F2")
    merge_records(hub.runtime, ("fern", "F1"), ("fern", "F2"))
    survivor = golden_of(hub, "fern", "F1")
    merged_away = away if survivor == kept else kept
    moved = "F2" if survivor == kept else "F1"
    page = sign_in(browser, server, "alice")
    page.goto(f"{server}/ui/golden/customer/{merged_away}")
    expect(page.locator("#redirect-note")).to_contain_text(f"merged into {survivor}")
    page.goto(f"{server}/ui/golden/customer/{survivor}")
    page.get_by_label(f"fern {moved}").check()
    page.get_by_label("Why split").fill("two bakeries")
    page.get_by_role("button", name="Split chosen records out").click()
    expect(page.locator(".notice")).to_contain_text("Split out")
    split_off = page.locator("#golden-id").inner_text()
    page.goto(f"{server}/ui/golden/customer/{merged_away}")
    note = page.locator("#redirect-note")
    expect(note).to_contain_text("the records it held were split out again")
    expect(note).to_contain_text(split_off)
    page.locator("#redirect-note a").click()
    expect(page.locator("#golden-id")).to_have_text(split_off)
