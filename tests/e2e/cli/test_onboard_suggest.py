"""`mdm onboard suggest` as an M&A analyst runs it: the mapping it writes loads the export."""

from __future__ import annotations

import csv
import io

import yaml

from tests.e2e.conftest import Cli
from tests.unit.onboarding.exports import EXPECTED, FIXTURES, write_workbook


def test_a_suggested_mapping_loads_a_salesforce_export_as_is(cli: Cli) -> None:
    export = FIXTURES / "salesforce_accounts.csv"
    mapping = cli.cwd / "sf.yaml"
    shown = cli(
        "onboard", "suggest", str(export), "--entity", "customer", "--output", str(mapping),
        check=True,
    ).stdout  # fmt: skip
    assert "11 of 14 columns mapped to customer fields" in shown
    assert "Account Owner" in shown and "(ignore)" in shown
    written = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    assert written["columns"]["BillingPostalCode"] == "postal_code"
    assert "AnnualRevenue" in written["ignore"]
    assert 0 < written["confidence"]["BillingCity"]["confidence"] <= 1
    refused = cli("ingest", str(export), "--source", "beta_crm", "--entity", "customer")
    assert refused.returncode == 2 and "Account ID" in refused.stderr
    loaded = cli(
        "ingest", str(export), "--source", "beta_crm", "--entity", "customer",
        "--mapping", str(mapping),
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert "24 new" in loaded.stdout


def test_an_excel_workbook_is_suggested_for_and_ingested(cli: Cli) -> None:
    book = write_workbook(FIXTURES / "workday_workers.csv", cli.cwd / "workers.xlsx")
    mapping = cli.cwd / "workers.yaml"
    cli(
        "onboard",
        "suggest",
        str(book),
        "--entity",
        "resource",
        "--output",
        str(mapping),
        check=True,
    )
    assert yaml.safe_load(mapping.read_text())["columns"] == {
        k: v for k, v in EXPECTED["workday_workers.csv"][1].items() if v
    }
    loaded = cli(
        "ingest", str(book), "--source", "beta_hr", "--entity", "resource",
        "--mapping", str(mapping),
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    cli("match", "--entity", "resource", check=True)
    out = cli("export", "golden", "--entity", "resource", check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) >= 20
    assert any(r.get("hire_date", "").startswith("20") for r in rows), rows[0]


def test_a_day_rate_export_is_suggested_its_unit_and_loads_with_it(cli: Cli) -> None:
    export = cli.cwd / "day_rates.csv"
    export.write_text(
        "ID,Role,Day Rate,Currency,Valid From\n"
        "D1,Consultant,960,EUR,2024-01-01\nD2,Architect,1280,EUR,2024-01-01\n"
        "D3,Developer,880,EUR,2024-01-01\n",
        encoding="utf-8",
    )
    mapping = cli.cwd / "rates.yaml"
    shown = cli(
        "onboard", "suggest", str(export), "--entity", "rate_card", "--output", str(mapping),
        check=True,
    ).stdout  # fmt: skip
    assert "unit = day" in shown and "'Day Rate' says the rate is per day" in shown
    assert yaml.safe_load(mapping.read_text(encoding="utf-8"))["constants"] == {"unit": "day"}
    loaded = cli(
        "ingest", str(export), "--source", "beta_psa", "--entity", "rate_card",
        "--mapping", str(mapping),
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert "3 new" in loaded.stdout and "gives every row unit 'day'" in loaded.stdout
    mapping.write_text(mapping.read_text().replace("unit: day", "unit: fortnight"))
    refused = cli(
        "ingest", str(export), "--source", "beta_psa", "--entity", "rate_card",
        "--mapping", str(mapping),
    )  # fmt: skip
    assert refused.returncode == 2 and "constant unit: unit must be hour or day" in refused.stderr
