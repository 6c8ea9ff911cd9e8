"""Resources the whole way through the real command line to a real Tryton: HR and PSA
extracts matched and synced as employees of Tryton's company (one per active golden resource,
its party carrying the golden id), a re-sync that writes nothing, and a third extract whose
merges end the merged-away employees' employment."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import yaml

from connectors.tryton.client import decode_date
from tests.e2e.conftest import Cli
from tests.integration.sync.scenario import HR, PEOPLE_FIELDS, PEOPLE_HEADER, PSA, PSA_CORRECTED
from tests.tryton_server import Tryton


def register(cli: Cli, tryton: Tryton) -> None:
    config = {"connector": "tryton", **tryton.connector_settings(), "company": "Northwind Ltd",
              "entities": ["resource"], "fields": {f: f for f in PEOPLE_FIELDS}}  # fmt: skip
    path = cli.cwd / "erp.yaml"
    path.write_text(yaml.safe_dump(config))
    done = cli(
        "source", "register", "erp_tryton", "--kind", "erp", "--config", str(path), check=True
    )
    assert "erp_tryton: subscribed to resource" in done.stdout


def ingest(cli: Cli, system: str, rows: str) -> None:
    path = cli.cwd / f"{system}-{time.monotonic_ns()}.csv"
    path.write_text(PEOPLE_HEADER + rows)
    cli("ingest", str(path), "--source", system, "--entity", "resource", check=True)
    cli("match", "--entity", "resource", check=True)


def employees(tryton: Tryton) -> dict[str, tuple[str, bool, bool]]:
    """golden id -> (name, employed today, party active), each golden id held once."""
    admin = tryton.admin()
    staff = admin.call(
        "model.company.employee.search_read", [], 0, None, None,
        ["party", "active", "end_date"], {"active_test": False},
    )  # fmt: skip
    parties = {p["id"]: p for p in admin.parties("identifiers.active")}
    found: dict[str, tuple[str, bool, bool]] = {}
    for employee in staff:
        party = parties[employee["party"]]
        [code] = [i["code"] for i in party["identifiers."] if i["active"]]
        assert code not in found  # never two employees for one golden id
        found[code] = (party["name"], bool(employee["active"]), bool(party["active"]))
        if not employee["active"]:
            assert decode_date(employee["end_date"]) < datetime.now(UTC).date()
    return found


def test_people_sync_as_employees_resync_nothing_and_merges_end_employment(
    cli: Cli, tryton: Tryton
) -> None:
    tryton.add_company("Northwind Ltd")
    tryton.add_company("Southwind Ltd", currency="EUR")  # two: the configuration names one
    ingest(cli, "hr", HR)
    ingest(cli, "psa", PSA)
    register(cli, tryton)
    first = cli("sync", "run", check=True)
    assert "erp_tryton/resource: 7 created" in first.stdout
    staff = employees(tryton)
    assert len(staff) == 7 and all(employed and party for _, employed, party in staff.values())
    again = cli("sync", "run", check=True)
    assert "nothing due" in again.stdout
    assert employees(tryton) == staff

    ingest(cli, "psa", PSA_CORRECTED)
    third = cli("sync", "run", check=True)
    assert "2 deactivated" in third.stdout
    after = employees(tryton)
    retired = {g for g, (_, employed, party) in after.items() if not employed and not party}
    assert len(retired) == 2 and set(after) == set(staff)
    out = cli("export", "golden", "--entity", "resource", "--format", "jsonl", check=True).stdout
    active = {json.loads(line)["golden_id"] for line in out.splitlines() if line.strip()}
    assert active == set(after) - retired  # every active golden resource employed, no other
