"""The published OpenAPI document against the committed release: no breaking change; and the
checker itself tells removals and new requirements from additions."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient

from mdm.api.lifecycle import deprecated
from mdm.api.openapi_compat import breaking_changes, current_document
from tests.conftest import ROOT

RELEASE = ROOT / "openapi" / "release.json"


def test_the_api_keeps_every_promise_of_the_last_release() -> None:
    assert breaking_changes(json.loads(RELEASE.read_text()), current_document()) == []


def test_removals_and_new_requirements_are_breaking_additions_are_not() -> None:
    old = current_document()
    new = copy.deepcopy(old)
    new["paths"]["/v1/events"]["get"]["parameters"].append(
        {"in": "query", "name": "tenant", "required": True, "schema": {"type": "string"}}
    )
    del new["paths"]["/v1/{entity}/fields"]
    new["components"]["schemas"]["XrefOut"]["properties"].pop("golden_id")
    new["paths"]["/v1/new-thing"] = {"get": {"responses": {}}}
    found = breaking_changes(old, new)
    assert "GET /v1/events: new required query parameter 'tenant'" in found
    assert "GET /v1/{entity}/fields: removed" in found
    assert any("response property 200.golden_id removed" in f for f in found)
    assert not any("new-thing" in f for f in found)


def test_a_deprecated_route_says_so_and_when_it_goes() -> None:
    app = FastAPI()
    since, sunset = datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 6, 30, tzinfo=UTC)

    @app.get("/v1/old", **deprecated(since, sunset, successor="/v1/new"))
    def old() -> dict[str, str]:
        return {"still": "works"}

    answer = TestClient(app).get("/v1/old")
    assert answer.status_code == 200 and answer.json() == {"still": "works"}
    assert answer.headers["Deprecation"] == f"@{int(since.timestamp())}"
    assert answer.headers["Sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert answer.headers["Link"] == '</v1/new>; rel="successor-version"'
    assert app.openapi()["paths"]["/v1/old"]["get"]["deprecated"] is True
