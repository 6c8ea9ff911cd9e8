"""`mdm onboard profile` and `mdm onboard dry-run` as an M&A analyst runs them."""

from __future__ import annotations

import json

from tests.e2e.conftest import Cli
from tests.unit.onboarding.exports import FIXTURES


def test_a_profile_is_written_as_json_for_scripts_and_html_for_people(cli: Cli) -> None:
    export = str(FIXTURES / "netsuite_customers.csv")
    as_json, as_html = cli.cwd / "profile.json", cli.cwd / "profile.html"
    shown = cli(
        "onboard", "profile", export, "--entity", "customer", "--report", str(as_json), check=True
    )  # fmt: skip
    assert "using the suggested mapping" in shown.stderr
    assert "24 rows: 24 would load, 0 would be rejected" in shown.stdout
    body = json.loads(as_json.read_text(encoding="utf-8"))
    fields = {f["field"]: f for f in body["fields"]}
    assert fields["country"]["completeness"] == 1.0 and fields["country"]["distinct"] == 6
    assert body["unmapped_columns"] == ["Sales Rep", "Credit Limit"]
    cli("onboard", "profile", export, "--entity", "customer", "--report", str(as_html), check=True)
    page = as_html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<td>postal_code</td>" in page


def test_a_dry_run_reports_the_overlap_and_keeps_nothing(cli: Cli) -> None:
    acquirer, acquired = FIXTURES / "salesforce_accounts.csv", FIXTURES / "hubspot_companies.csv"
    for export, source in ((acquirer, "acme_crm"), (acquired, "beta_crm")):
        cli("onboard", "suggest", str(export), "--entity", "customer",
            "--output", str(cli.cwd / f"{source}.yaml"), check=True)  # fmt: skip
    cli("ingest", str(acquirer), "--source", "acme_crm", "--entity", "customer",
        "--mapping", str(cli.cwd / "acme_crm.yaml"), check=True)  # fmt: skip
    cli("match", "--entity", "customer", check=True)
    xref = cli("export", "xref", "--entity", "customer", check=True).stdout
    report = cli.cwd / "dry.json"
    shown = cli(
        "onboard", "dry-run", str(acquired), "--source", "beta_crm", "--entity", "customer",
        "--mapping", str(cli.cwd / "beta_crm.yaml"), "--report", str(report), check=True,
    )  # fmt: skip
    assert "nothing was loaded" in shown.stdout and "beta_crm is not registered" in shown.stderr
    assert cli("export", "xref", "--entity", "customer", check=True).stdout == xref
    body = json.loads(report.read_text(encoding="utf-8"))
    assert body["records"] == 24 and body["rejected"] == 0
    assert body["existing"] + body["new"] + body["review"] == 24
    assert body["existing"] >= 12  # the same firms, written the HubSpot way
    cli("ingest", str(acquired), "--source", "beta_crm", "--entity", "customer",
        "--mapping", str(cli.cwd / "beta_crm.yaml"), check=True)  # fmt: skip
    cli("match", "--entity", "customer", check=True)
    real = cli.cwd / "real.json"
    shown = cli("onboard", "outcome", "--source", "beta_crm", "--entity", "customer",
                "--report", str(real), check=True)  # fmt: skip
    assert f"{body['existing']} join existing golden records" in shown.stdout
    done = json.loads(real.read_text(encoding="utf-8"))
    assert [done[k] for k in ("records", "existing", "new", "review", "rejected")] == [
        body[k] for k in ("records", "existing", "new", "review", "rejected")
    ]


def test_rekey_writes_golden_ids_beside_the_keys_and_says_which_are_unknown(cli: Cli) -> None:
    accounts = FIXTURES / "salesforce_accounts.csv"
    mapping = cli.cwd / "sf.yaml"
    cli("onboard", "suggest", str(accounts), "--entity", "customer", "--output", str(mapping),
        check=True)  # fmt: skip
    cli("ingest", str(accounts), "--source", "beta_crm", "--entity", "customer",
        "--mapping", str(mapping), check=True)  # fmt: skip
    cli("match", "--entity", "customer", check=True)
    invoices = cli.cwd / "invoices.csv"
    invoices.write_text(
        "invoice,account,total\nI1,0015g00000000003AAA,120.00\nI2,0015g00000009999AAA,80.00\n",
        encoding="utf-8",
    )
    out = cli.cwd / "invoices_keyed.csv"
    done = cli("rekey", str(invoices), "--source", "beta_crm", "--column", "account=customer",
               "--output", str(out))  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "line 3: account '0015g00000009999AAA': unknown key" in done.stdout
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "invoice,account,total,account_golden_id"
    golden = lines[1].split(",")[3]
    assert len(golden) == 36 and lines[2].endswith(",")
    api = cli("export", "xref", "--entity", "customer", check=True).stdout
    assert f"beta_crm,0015g00000000003AAA,{golden}" in api
    # a file separated by semicolons is written again with semicolons
    invoices.write_text("invoice;account;total\nI1;0015g00000000003AAA;120,00\n", "utf-8")
    cli("rekey", str(invoices), "--source", "beta_crm", "--column", "account=customer",
        "--output", str(out), check=True)  # fmt: skip
    assert out.read_text(encoding="utf-8").splitlines() == [
        "invoice;account;total;account_golden_id",
        f"I1;0015g00000000003AAA;120,00;{golden}",
    ]


def test_a_profile_given_its_source_reads_dates_as_the_systems_earlier_extracts(cli: Cli) -> None:
    header = "source_id,full_name,hire_date\n"
    first, delta = cli.cwd / "first.csv", cli.cwd / "delta.csv"
    first.write_text(header + "E1,Ann Lee,31/01/2024\nE2,Bo Quist,15/12/1998\n", "utf-8")
    delta.write_text(header + "E3,Cy Dahl,03/04/2024\n", "utf-8")
    cli("ingest", str(first), "--source", "uk_hr", "--entity", "resource", check=True)
    shown = cli("onboard", "profile", str(delta), "--entity", "resource", "--source", "uk_hr",
                check=True)  # fmt: skip
    assert "(1, like 03/04/2024) read day/month, as this system's earlier extracts" in shown.stdout
    alone = cli("onboard", "profile", str(delta), "--entity", "resource", check=True)
    assert "read month/day, the default: check them" in alone.stdout
