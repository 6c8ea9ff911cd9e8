"""An M&A analyst onboards an acquired CRM's export in a real browser (Debian's chromium driven
by Playwright) against a real ``mdm serve``: upload, confirm the mapping, profile, dry run,
load with its progress, then the scoreboard and the acquisition's review queue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from mdm.golden import queries
from mdm.repositories import systems
from tests.e2e.ui.conftest import Hub
from tests.e2e.ui.test_browser import ARGS, CHROMIUM, SCREENSHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("ui_browser")]

# the acquired firm's Salesforce-style export: two firms the hub knows (same VAT numbers as
# the CRM's A1 and A2), two it does not, one row without a name, and columns to ignore
EXPORT = (
    "Account ID,Account Name,Account Owner,VAT Number,Website,BillingCity,BillingCountry,Type\n"
    "001A,Northwind Logistics Ltd,Dana,GB123456789,northwind.co.uk,London,United Kingdom,Customer\n"
    "001B,Brightwater Capital GmbH,Dana,DE136695976,brightwater.de,Berlin,Germany,Customer\n"
    "001C,Wrenfield Analytics Ltd,Tom,GB987654312,wrenfield.co.uk,York,United Kingdom,Prospect\n"
    "001D,Larchmont Advisory SAS,Tom,FR40303265045,larchmont.fr,Lyon,France,Customer\n"
    "001E,,Tom,,,,,Prospect\n"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def test_an_analyst_onboards_an_acquired_crm_export(
    browser: Browser, server: str, hub: Hub, tmp_path: Path
) -> None:
    with hub.runtime.unit_of_work() as uow:
        systems.register(uow.session, "beta_sf", kind="crm", acquired=True, trust=None)
    export = tmp_path / "beta_accounts.csv"
    export.write_text(EXPORT, encoding="utf-8")
    page = sign_in(browser, server, "alice")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.get_by_role("link", name="Onboarding").click()
    expect(page.get_by_role("heading", name="Onboard an acquired system")).to_be_visible()
    page.get_by_label("Extract (CSV or .xlsx)").set_input_files(str(export))
    page.get_by_label("Source system").fill("beta_sf")
    page.get_by_label("Entity").select_option("customer")
    page.get_by_role("button", name="Upload and suggest a mapping").click()

    expect(page.get_by_role("heading", name="Confirm the mapping")).to_be_visible()
    expect(page.get_by_label("VAT Number")).to_have_value("tax_id")
    expect(page.get_by_label("BillingCity")).to_have_value("city")
    expect(page.get_by_label("Account Owner")).to_have_value("")
    page.get_by_label("Type").select_option("")
    page.screenshot(path=str(SCREENSHOTS / "onboarding_mapping.png"), full_page=True)
    page.get_by_role("button", name="Confirm and profile").click()

    expect(page.locator("#profile-summary")).to_contain_text("5 rows: 4 would load, 1 would")
    page.get_by_role("button", name="Dry run against the golden records").click()
    expect(page.get_by_role("heading", name="Dry run", exact=True)).to_be_visible()
    expect(page.locator("#count-records")).to_have_text("5")
    expect(page.locator("#count-rejected")).to_have_text("1")
    existing = int(page.locator("#count-existing").inner_text())
    review = int(page.locator("#count-review").inner_text())
    # the two firms the hub knows (same VAT numbers) join them or wait for a steward
    assert existing + review >= 2
    page.screenshot(path=str(SCREENSHOTS / "onboarding_dry_run.png"), full_page=True)
    with hub.runtime.unit_of_work() as uow:
        assert queries.xref(uow, "customer", "beta_sf", "001A") is None  # nothing kept

    page.get_by_role("button", name="Load and match").click()
    expect(page.locator("#load-outcome")).to_contain_text(
        f"{existing} joined existing golden records, {4 - existing - review} new, {review} wait",
        timeout=60_000,
    )
    with hub.runtime.unit_of_work() as uow:
        assert queries.xref(uow, "customer", "beta_sf", "001A") is not None

    page.get_by_role("link", name="Scoreboard").click()
    card = page.locator("section.card", has=page.get_by_role("heading", name="beta_sf"))
    expect(card.locator(".overlap")).to_have_text(f"{existing} of 4")
    expect(card.locator(".rejected")).to_have_text("1")
    page.screenshot(path=str(SCREENSHOTS / "onboarding_scoreboard.png"), full_page=True)
    # a record in review may wait on several pairs (the CRM's and the ERP's copy of a firm)
    assert int(card.locator(".pending").inner_text()) >= review
    card.locator("a", has=page.locator(".pending")).click()
    expect(page.get_by_role("heading", name="Merge queue")).to_be_visible()
    assert "system=beta_sf" in page.url


DAY_RATES = (
    "ID,Role,Day Rate,Valid From\nD1,Consultant,960,2024-01-01\nD2,Architect,1280,2024-01-01\n"
)


def test_an_analyst_sees_and_edits_the_mappings_constants(
    browser: Browser, server: str, tmp_path: Path
) -> None:
    """A "Day Rate" extract: the mapping step shows the unit the header names as a constant;
    the analyst adds the currency the file leaves implicit, and both are kept and used."""
    export = tmp_path / "day_rates.csv"
    export.write_text(DAY_RATES, encoding="utf-8")
    page = sign_in(browser, server, "alice")
    page.goto(f"{server}/ui/onboarding")
    page.get_by_label("Extract (CSV or .xlsx)").set_input_files(str(export))
    page.get_by_label("Source system").fill("beta_psa")
    page.get_by_label("Entity").select_option("rate_card")
    page.get_by_role("button", name="Upload and suggest a mapping").click()

    expect(page.get_by_label("Day Rate")).to_have_value("rate")
    expect(page.get_by_label("Constant field 1")).to_have_value("unit")
    expect(page.get_by_label("Constant unit")).to_have_value("day")
    expect(page.get_by_role("table", name="Constants")).to_contain_text("says the rate is per day")
    page.get_by_label("New constant field").select_option("currency")
    page.get_by_label("New constant value").fill("EUR")
    page.screenshot(path=str(SCREENSHOTS / "onboarding_constants.png"), full_page=True)
    page.get_by_role("button", name="Confirm and profile").click()

    expect(page.locator("#profile-summary")).to_contain_text("2 rows: 2 would load, 0 would")
    page.go_back()
    page.reload()
    expect(page.get_by_label("Constant unit")).to_have_value("day")
    expect(page.get_by_label("Constant currency")).to_have_value("EUR")
    page.get_by_label("Constant unit").fill("fortnight")
    page.get_by_role("button", name="Confirm and profile").click()
    expect(page.locator("body")).to_contain_text("constant unit: unit must be hour or day")
