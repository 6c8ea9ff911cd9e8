"""`mdm ingest`, `mdm quarantine` and `mdm export` as a person runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.e2e.conftest import Cli

GOOD = "source_id,name,country,currency\nA1,Acme Ltd,GB,GBP\nA2,Beta GmbH,DE,EUR\n"
LONG = "Delta " * 200  # a name over 1000 characters: the row is refused


def write(tmp: Path, name: str, body: str | bytes) -> str:
    path = tmp / name
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    return str(path)


def xref(cli: Cli) -> list[dict[str, str]]:
    out = cli("export", "xref", "--entity", "customer", check=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def test_ingest_then_export_lists_each_record_once(cli: Cli) -> None:
    result = cli(
        "ingest", write(cli.cwd, "crm.csv", GOOD), "--source", "crm", "--entity", "customer"
    )
    assert result.returncode == 0, result.stderr
    assert "2 new" in result.stdout
    cli(
        "ingest",
        write(cli.cwd, "erp.csv", GOOD),
        "--source",
        "erp",
        "--entity",
        "customer",
        check=True,
    )
    listed = [("crm", "A1"), ("crm", "A2"), ("erp", "A1"), ("erp", "A2")]
    waiting = cli("export", "xref", "--entity", "customer", check=True)
    rows = list(csv.DictReader(io.StringIO(waiting.stdout)))
    assert sorted((r["source"], r["source_id"]) for r in rows) == listed
    assert {r["golden_id"] for r in rows} == {""}
    assert "4 customer record(s) wait for matching" in waiting.stderr
    cli("match", "--entity", "customer", check=True)
    rows = xref(cli)
    assert sorted((r["source"], r["source_id"]) for r in rows) == listed
    assert "" not in {r["golden_id"] for r in rows}
    golden = cli("export", "golden", "--entity", "customer", "--format", "jsonl", check=True).stdout
    records = [json.loads(line) for line in golden.splitlines()]
    assert {r["attributes"]["name"] for r in records} == {"Acme Ltd", "Beta GmbH"}
    assert {r["golden_id"] for r in records} == {r["golden_id"] for r in rows}
    assert all(r["lineage"]["name"]["system"] in ("crm", "erp") for r in records)


def test_quarantined_rows_make_a_nonzero_exit_and_are_listed(cli: Cli) -> None:
    body = GOOD + f"A3,,GB,GBP\nA4,{LONG},GB,DUCATS\n"  # DUCATS: flagged, not refused
    result = cli(
        "ingest", write(cli.cwd, "crm.csv", body), "--source", "crm", "--entity", "customer"
    )
    assert result.returncode == 1
    assert "line 4: name: name is required" in result.stdout
    assert "2 quarantined" in result.stdout
    listed = cli("quarantine", "list", check=True).stdout
    assert "line 4" in listed and "line 5" in listed and "longer than 1000" in listed
    assert "DUCATS" not in listed
    fixme = cli.cwd / "fixme.csv"
    cli(
        "quarantine",
        "export",
        "--source",
        "crm",
        "--entity",
        "customer",
        "--output",
        str(fixme),
        check=True,
    )
    fixed = fixme.read_text().replace("A3,,GB", "A3,Gamma Ltd,GB").replace(LONG, "Delta Ltd")
    again = cli(
        "ingest", write(cli.cwd, "fixed.csv", fixed), "--source", "crm", "--entity", "customer"
    )
    assert again.returncode == 0, again.stdout
    assert "quarantine" in cli("quarantine", "list", check=True).stdout
    assert "0 quarantined row(s)" in cli("quarantine", "list", check=True).stdout
    assert len(xref(cli)) == 4


def test_unknown_column_is_refused_before_anything_loads(cli: Cli) -> None:
    body = "source_id,name,Account Owner\nA1,Acme,jo\n"
    result = cli("ingest", write(cli.cwd, "x.csv", body), "--source", "crm", "--entity", "customer")
    assert result.returncode == 2
    assert "Account Owner" in result.stderr
    assert "Traceback" not in result.stderr
    assert xref(cli) == []


def test_mapping_file_lets_a_foreign_header_in(cli: Cli) -> None:
    body = "Id,Account Name,Owner\nA1,Acme,jo\n"
    mapping = write(
        cli.cwd, "m.yaml", "columns:\n  Id: source_id\n  Account Name: name\nignore: [Owner]\n"
    )
    args = ("--source", "crm", "--entity", "customer", "--mapping", mapping)
    cli("ingest", write(cli.cwd, "x.csv", body), *args, check=True)
    assert [r["source_id"] for r in xref(cli)] == ["A1"]


def test_malformed_files_load_nothing_and_say_why(cli: Cli) -> None:
    many = GOOD + "".join(f"B{i},Company {i},GB,GBP\n" for i in range(500))
    cases = {
        "ragged.csv": many + "B999,Broken,GB\n",
        # neither UTF-8 nor Windows-1252: 0x81 is a byte Windows-1252 leaves undefined
        "neither.csv": (GOOD + "C1,Café Ltd,FR,EUR\n").encode("latin-1") + b"C2,Caf\x81,FR,EUR\n",
        "empty.csv": b"",
        "image.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00",
    }
    for name, body in cases.items():
        result = cli(
            "ingest", write(cli.cwd, name, body), "--source", "crm", "--entity", "customer"
        )
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert result.stderr.startswith("error: "), result.stderr
        assert "Traceback" not in result.stderr
    assert xref(cli) == []


def test_a_windows_1252_file_loads_and_the_command_says_how_it_was_read(cli: Cli) -> None:
    body = (GOOD + "C1,Café Ltd,FR,EUR\n").encode("cp1252")
    result = cli("ingest", write(cli.cwd, "excel.csv", body), "--source", "crm",
                 "--entity", "customer", check=True)  # fmt: skip
    assert "Windows-1252" in result.stdout
    assert sorted(r["source_id"] for r in xref(cli)) == ["A1", "A2", "C1"]


def test_exports_neutralise_cells_a_spreadsheet_would_run(cli: Cli) -> None:
    body = (
        "source_id,name,legal_name,phone,country,currency\n"
        'F1,"=HYPERLINK(""http://evil.example"",""x"")",@SUM(A1:A9),+44 20 7946 0001,GB,GBP\n'
        f"F2,{LONG},+1+cmd|' /C calc'!A0,,GB,GBP\n"
    )
    cli("ingest", write(cli.cwd, "f.csv", body), "--source", "crm", "--entity", "customer")
    cli("match", "--entity", "customer", check=True)
    golden = cli("export", "golden", "--entity", "customer", check=True).stdout
    (row,) = list(csv.DictReader(io.StringIO(golden)))
    assert row["name"].startswith("'=HYPERLINK(") and row["legal_name"] == "'@SUM(A1:A9)"
    assert row["phone"] != "" and not row["phone"].startswith("'")  # a phone number stays
    fixme = cli.cwd / "fixme.csv"
    cli("quarantine", "export", "--source", "crm", "--entity", "customer",
        "--output", str(fixme), check=True)  # fmt: skip
    (rejected,) = list(csv.DictReader(io.StringIO(fixme.read_text())))
    assert rejected["legal_name"] == "'+1+cmd|' /C calc'!A0"
