"""Sources are registered on purpose; the canonical fields can be found from the command line."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import Cli

ROWS = "source_id,name,tax_id,country\nX1,Acme Ltd,{tax},GB\n"


def _extract(cli: Cli, name: str, tax: str) -> str:
    path = Path(cli.cwd) / f"{name}.csv"
    path.write_text(ROWS.format(tax=tax), encoding="utf-8")
    return str(path)


def test_an_unregistered_source_loads_at_the_lowest_trust_with_a_warning(cli: Cli) -> None:
    loaded = cli(
        "ingest", _extract(cli, "new", "GB111111111"), "--source", "newco", "--entity", "customer"
    )
    assert loaded.returncode == 0, loaded.stderr
    assert "'newco' is not registered" in loaded.stderr
    assert "mdm source register newco --kind crm|erp|hr|psa|other [--acquired]" in loaded.stderr
    listed = cli("source", "list", check=True).stdout
    assert "newco" in listed and "trust 0.00  unregistered" in listed

    cli("source", "register", "acme_erp", "--kind", "erp", check=True)
    again = cli(
        "ingest",
        _extract(cli, "acme", "GB222222222"),
        "--source",
        "acme_erp",
        "--entity",
        "customer",
    )
    assert again.returncode == 0 and "not registered" not in again.stderr
    cli("source", "register", "newco", "--kind", "erp", "--acquired", check=True)
    listed = cli("source", "list", check=True).stdout.splitlines()
    assert any(line.startswith("newco") and "trust 0.70  acquired" in line for line in listed)
    refused = cli("source", "register", "x", "--kind", "crm", "--trust", "3")
    assert refused.returncode == 2 and "--trust must be between 0 and 1" in refused.stderr


def test_mdm_fields_and_the_unknown_column_error_name_the_canonical_fields(cli: Cli) -> None:
    shown = cli("fields", "customer", check=True).stdout
    assert "postal_code" in shown and "e.g. EC1A 1BB" in shown
    path = Path(cli.cwd) / "odd.csv"
    path.write_text("source_id,name,Postcode\nX1,Acme,EC1A 1BB\n", encoding="utf-8")
    refused = cli("ingest", str(path), "--source", "crm", "--entity", "customer")
    assert refused.returncode == 2
    assert "'Postcode' (did you mean postal_code?)" in refused.stderr
    assert "address_line1, address_line2, city, region, postal_code, country" in refused.stderr
    assert "mdm fields customer" in refused.stderr
    assert "mdm fields ENTITY" in cli("ingest", "--help", check=True).stdout
