"""The whole way through the real command line to a real Tryton: two extracts matched and
synced (one party per active golden customer, carrying its golden id), a re-sync that writes
nothing, Tryton's export of those parties loaded with ``mdm ingest`` changing nothing, a third extract whose merges deactivate the merged-away parties, a sync killed with
``kill -9`` mid-batch and run again (no party duplicated or missing), and a clerk's edit coming
back through ``mdm pull`` while the hub's own writes do not."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import yaml
from sqlalchemy import create_engine, text

from connectors.tryton.parties import READ_FIELDS, canonical_of
from tests.e2e.conftest import MDM, Cli
from tests.integration.sync.scenario import CRM, ERP, ERP_CORRECTED, FIELDS, HEADER
from tests.tryton_server import CLERK_PASSWORD, CLERK_USER, Tryton


def register(cli: Cli, tryton: Tryton, batch_size: int = 200) -> None:
    config = {"connector": "tryton", **tryton.connector_settings(), "batch_size": batch_size,
              "entities": ["customer"], "fields": {f: f for f in FIELDS}}  # fmt: skip
    path = cli.cwd / "erp.yaml"
    path.write_text(yaml.safe_dump(config))
    done = cli(
        "source", "register", "erp_tryton", "--kind", "erp", "--config", str(path), check=True
    )
    assert "erp_tryton: subscribed to customer" in done.stdout


def ingest(cli: Cli, system: str, rows: str, header: str = HEADER) -> None:
    path = cli.cwd / f"{system}-{time.monotonic_ns()}.csv"
    path.write_text(header + rows)
    cli("ingest", str(path), "--source", system, "--entity", "customer", check=True)
    cli("match", "--entity", "customer", check=True)


def golden(cli: Cli) -> dict[str, str]:
    """Active golden customers (the export holds only those): id -> name."""
    out = cli("export", "golden", "--entity", "customer", "--format", "jsonl", check=True).stdout
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {r["golden_id"]: r["attributes"]["name"] for r in records}


def parties(tryton: Tryton) -> dict[str, list[tuple[str, bool]]]:
    found: dict[str, list[tuple[str, bool]]] = {}
    for party in tryton.admin().parties("identifiers.active"):
        for ident in party["identifiers."]:  # a replaced party's identifiers are retired
            if len(ident["code"]) == 36 and ident["active"]:
                found.setdefault(ident["code"], []).append((party["name"], bool(party["active"])))
    return found


def export_parties(cli: Cli, tryton: Tryton) -> Path:
    """The parties as a CSV export from Tryton: its party id and the customer's fields."""
    rows = [
        {"source_id": p["id"], **canonical_of(p)[1]}
        for p in tryton.admin().call(
            "model.party.party.search_read", [], 0, None, [["id", "ASC"]], READ_FIELDS, {}
        )
    ]
    path = cli.cwd / "tryton-export.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["source_id", *FIELDS])
        writer.writeheader()
        writer.writerows(rows)
    return path


def assert_one_party_per_active_golden(cli: Cli, tryton: Tryton) -> None:
    active = golden(cli)
    found = parties(tryton)
    assert {g for g, ps in found.items() if any(a for _, a in ps)} == set(active)
    for golden_id, name in active.items():
        assert found[golden_id] == [(name, True)]
    assert all(len(ps) == 1 for ps in found.values())  # never two parties for one golden id


def test_two_extracts_sync_resync_merge_and_pull(cli: Cli, tryton: Tryton) -> None:
    ingest(cli, "crm", CRM)
    ingest(cli, "erp", ERP)
    register(cli, tryton)
    first = cli("sync", "run", check=True)
    assert "erp_tryton/customer: 7 created" in first.stdout
    assert_one_party_per_active_golden(cli, tryton)
    before = [(p["id"], p["write_date"]) for p in tryton.admin().parties("write_date")]
    again = cli("sync", "run", check=True)
    assert "nothing due" in again.stdout
    assert [(p["id"], p["write_date"]) for p in tryton.admin().parties("write_date")] == before
    # Tryton's export of the parties the hub wrote, loaded with mdm ingest: echoes, no change
    echoed = cli("ingest", str(export_parties(cli, tryton)), "--source", "erp_tryton",
                 "--entity", "customer", check=True).stdout  # fmt: skip
    assert "7 rows: 0 new" in echoed and "7 rows say back what the hub last wrote" in echoed
    assert "nothing due" in cli("sync", "run", check=True).stdout

    ingest(cli, "erp", ERP_CORRECTED)
    third = cli("sync", "run", check=True)
    assert "2 merged" in third.stdout  # Tryton's party replacement: merged-away parties retired
    replaced = [p for p in tryton.admin().parties("replaced_by") if p["replaced_by"]]
    assert len(replaced) == 2 and not any(p["active"] for p in replaced)
    assert_one_party_per_active_golden(cli, tryton)
    status = cli("sync", "status", check=True).stdout
    assert "erp_tryton" in status

    assert "0 read" in cli("pull", "erp_tryton", "--entity", "customer", check=True).stdout
    clerk = tryton.login(CLERK_USER, CLERK_PASSWORD)
    party = next(p for p in tryton.admin().parties() if p["name"].startswith("Quillfeather"))
    clerk.call("model.party.party.write", [party["id"]], {"name": "Quillfeather Media"}, {})
    pulled = cli("pull", "erp_tryton", "--entity", "customer", check=True).stdout
    assert "1 read" in pulled and "1 new" in pulled


def many_customers(n: int) -> str:
    rng = random.Random(14)
    words = ["Amber", "Birch", "Cobalt", "Delta", "Ember", "Fjord", "Garnet", "Harbor", "Indigo",
             "Juniper", "Kestrel", "Linden", "Meridian", "Nimbus", "Onyx", "Pioneer", "Quartz",
             "Raven", "Summit", "Tundra", "Umber", "Vertex", "Willow", "Zephyr"]  # fmt: skip
    rows = []
    for i in range(n):
        name = f"{rng.choice(words)} {rng.choice(words)} {rng.choice(words)} Partners {i}"
        rows.append(f"M{i},{name},,,,{i} Market Street,Leeds,LS{i % 30} 1AA,GB\n")
    return "".join(rows)


def test_a_sync_killed_mid_batch_and_run_again_duplicates_and_loses_nothing(
    cli: Cli, tryton: Tryton
) -> None:
    ingest(cli, "crm", many_customers(600))
    register(cli, tryton, batch_size=20)
    total = len(golden(cli))
    sync = subprocess.Popen(
        [*MDM, "sync", "run"], env=cli.env, cwd=cli.cwd, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    admin = tryton.admin()
    deadline = time.monotonic() + 120
    landed = 0
    while landed == 0 and time.monotonic() < deadline:
        landed = admin.call("model.party.party.search_count", [], {"active_test": False})
        time.sleep(0.02)
    os.killpg(sync.pid, signal.SIGKILL)
    sync.wait(30)
    assert sync.returncode == -signal.SIGKILL
    landed = admin.call("model.party.party.search_count", [], {"active_test": False})
    assert 0 < landed < total  # killed part-way

    again = cli("sync", "run", check=True)
    assert "created" in again.stdout
    assert_one_party_per_active_golden(cli, tryton)
    counts = Counter(g for g, ps in parties(tryton).items() for _ in ps)
    assert set(counts.values()) == {1} and len(counts) == total
    url = cli.env["MDM_DATABASE_URL"]
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        states = dict(conn.execute(text("SELECT status, count(*) FROM delivery GROUP BY 1")).all())
    engine.dispose()
    assert states == {"delivered": total}
