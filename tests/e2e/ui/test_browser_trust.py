"""What makes golden records trustworthy, in a real browser (Debian's chromium via Playwright)
against a real ``mdm serve``: pins are checked, tasks follow the clusters, a decision cannot
silently undo another, and a split id keeps its meaning."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from mdm.golden import queries
from tests.e2e.ui.conftest import Hub
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
    with hub.runtime.unit_of_work() as session:
        view = queries.golden_record(session, "customer", golden)
    assert view is not None and view.attributes.get("website") == "kestrel.io"

    page.get_by_label("Pin attribute").select_option("country")
    page.get_by_label("to value").fill("United States")
    page.get_by_role("button", name="Pin value").click()
    expect(page.locator(".notice")).to_contain_text("Value of country pinned")
    expect(page.get_by_text("pinned by alice: from the client's letter")).to_be_visible()
