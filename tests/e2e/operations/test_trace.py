"""`GET /v1/{entity}/golden/{id}/trace` for a golden record matched from two systems: each
member's extract file and line and ingest run, the match decision, versions and events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from hub.app import create_app
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime
from tests.integration.resolve.test_resolve import CRM, ERP, HEADER


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_trace") as rt:
        yield rt


@pytest.fixture(scope="module")
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime), headers=bearer(issue_key(runtime, "read"))) as tc:
        yield tc


def test_trace_follows_a_golden_record_from_extract_lines_to_events(
    client: TestClient, runtime: Runtime
) -> None:
    runs = {}
    for system, rows in (("crm", CRM), ("erp", ERP)):
        with runtime.unit_of_work() as uow:
            extract = parse_extract(f"{system}.csv", (HEADER + rows).encode())
            runs[system] = ingest_extract(uow, extract, system=system, entity="customer").run_id
    with runtime.unit_of_work() as uow:
        resolve_pending(uow, "customer")
        golden_id = uow.session.execute(
            text(
                "SELECT x.golden_id FROM xref x JOIN source_record r ON r.id = x.source_record_id "
                "WHERE r.source_id = 'A1' AND x.valid_to IS NULL"
            )
        ).scalar_one()
    response = client.get(f"/v1/customer/golden/{golden_id}/trace")
    assert response.status_code == 200, response.text
    body = response.json()
    members = {(m["system"], m["source_id"]): m for m in body["members"]}
    assert len(members) >= 2 and {s for s, _ in members} == {"crm", "erp"}
    crm = members[("crm", "A1")]
    origin = crm["versions"][0]
    assert origin["file"] == "crm.csv" and origin["ingest_run"] == runs["crm"]
    assert origin["line"] == 2  # the first row after the header
    decision = next(d for d in body["decisions"] if d["decision"] != "distinct")
    assert decision["probability"] > 0.5 and decision["decided_by"]
    assert body["versions"][0]["version"] == 1
    assert body["events"] and body["events"][0]["type"] == "mdm.customer.created.v1"
    assert body["deliveries"] == []  # no system subscribes yet
    unknown = client.get("/v1/customer/golden/00000000-0000-0000-0000-000000000000/trace")
    assert unknown.status_code == 404
    elsewhere = client.get(f"/v1/resource/golden/{golden_id}/trace")  # not a resource's id
    assert elsewhere.status_code == 404
