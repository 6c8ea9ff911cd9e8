"""`GET /v1/systems` and `GET /v1/systems/{name}/deliveries`: syndication per system, paged
deliveries filtered by status, 404 for an unknown system, 422 for an unknown status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from connectors.config import parse_config
from hub.app import create_app
from mdm.runtime import Runtime
from mdm.sync import service
from mdm.sync.connections import connect
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime
from tests.integration.sync.scenario import CRM, ingest


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Runtime]:
    with committed_runtime("mdm_systems_api") as runtime:
        ingest(runtime, "crm", CRM)
        raw = {"connector": "csv", "folder": str(tmp_path), "entities": ["customer"]}
        with runtime.unit_of_work() as uow:
            connect(uow, "files", parse_config("files", raw), service.utc_now())
        yield runtime


def test_systems_and_their_deliveries(hub: Runtime) -> None:
    # as a served app: its shutdown writes the calls still waiting to be audited before the
    # database is dropped
    with TestClient(create_app(hub)) as client:
        auth = bearer(issue_key(hub, "read"))
        before = client.get("/v1/systems", headers=auth).json()["systems"]
        assert [(s["name"], s["pending"], s["delivered"]) for s in before] == [("files", 4, 0)]
        assert before[0]["lag_seconds"] is not None
        service.run(hub)
        after = client.get("/v1/systems", headers=auth).json()["systems"]
        assert (after[0]["pending"], after[0]["delivered"], after[0]["lag_seconds"]) == (0, 4, None)

        page = client.get(
            "/v1/systems/files/deliveries?status=delivered&limit=3", headers=auth
        ).json()
        assert len(page["deliveries"]) == 3 and page["next"]
        rest = client.get(
            f"/v1/systems/files/deliveries?limit=3&after={page['next']}", headers=auth
        )
        assert len(rest.json()["deliveries"]) == 1 and rest.json()["next"] is None
        assert all(d["status"] == "delivered" and d["target_id"] for d in page["deliveries"])
        assert (
            client.get("/v1/systems/files/deliveries?status=dead", headers=auth).json()[
                "deliveries"
            ]
            == []
        )

        unknown = client.get("/v1/systems/nope/deliveries", headers=auth)
        assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
        bad = client.get("/v1/systems/files/deliveries?status=lost", headers=auth)
        assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"].endswith(
            "status"
        )
        assert client.get("/v1/systems").status_code == 401
