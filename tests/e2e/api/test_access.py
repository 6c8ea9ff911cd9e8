"""Who may call what: every ``/v1`` route with no key, a bad or revoked key, each scope, and
another system's key; ``/health`` stays open; every call is audited."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from hub.app import create_app
from mdm.repositories import api_keys
from mdm.runtime import Runtime
from tests.api_keys import bearer, in_process, issue_key
from tests.conftest import committed_runtime

SCOPES = ("read", "match", "write", "admin")
# (method, path) of every /v1 route -> the scope it needs; a new route must be added here
NEEDS = {
    ("GET", "/v1/{entity}/golden/{golden_id}"): "read",
    ("GET", "/v1/{entity}/golden/{golden_id}/history"): "read",
    ("GET", "/v1/{entity}/golden"): "read",
    ("GET", "/v1/{entity}/xref/{source}/{source_id}"): "read",
    ("GET", "/v1/{entity}/golden/{golden_id}/trace"): "read",
    ("GET", "/v1/events"): "read",
    ("GET", "/v1/{entity}/fields"): "read",
    ("GET", "/v1/{entity}/records/{source}/{source_id}"): "read",
    ("PUT", "/v1/{entity}/records/{source}/{source_id}"): "write",
    ("DELETE", "/v1/{entity}/records/{source}/{source_id}"): "write",
    ("POST", "/v1/{entity}/records/{source}"): "write",
    ("GET", "/v1/systems"): "read",
    ("GET", "/v1/systems/{name}/deliveries"): "read",
    ("POST", "/v1/{entity}/match"): "match",
    ("POST", "/v1/{entity}/model/learn"): "admin",
    ("GET", "/v1/{entity}/model/learnings"): "read",
    ("GET", "/v1/{entity}/model/learn/{job_id}"): "read",
}
FILL = {
    "entity": "customer", "golden_id": str(uuid.uuid4()), "source": "crm", "source_id": "C1",
    "name": "erp", "job_id": str(uuid.uuid4()),
}  # fmt: skip
BODIES = {"POST": {"record": {"name": "Acme"}}, "PUT": {"name": "Acme"}}


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_api_access") as rt:
        yield rt


@pytest.fixture(scope="module")
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(in_process(runtime))) as test_client:
        yield test_client


def v1_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every operation the OpenAPI document publishes under ``/v1``."""
    paths = client.get("/openapi.json").json()["paths"]
    return [(m.upper(), p) for p, ops in paths.items() if p.startswith("/v1") for m in ops]


def call(client: TestClient, method: str, path: str, token: str | None) -> int:
    url = path.format(**FILL)
    headers = bearer(token) if token else {}
    response = client.request(method, url, headers=headers, json=BODIES.get(method))
    body = response.json()
    assert set(body) != {"error"} or set(body["error"]) == {"code", "message", "details"}
    return response.status_code


def test_every_v1_route_is_in_the_table(client: TestClient) -> None:
    assert sorted(v1_routes(client)) == sorted(NEEDS)


def test_without_a_key_every_v1_route_is_401_and_health_is_open(client: TestClient) -> None:
    for method, path in NEEDS:
        response = client.request(method, path.format(**FILL), json=BODIES.get(method))
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "unauthenticated"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/health").status_code == 200


@pytest.mark.parametrize("token", ["", "mdm_x", "mdm_abcdefghijkl_" + "A" * 43, "Basic abc"])
def test_a_malformed_or_unknown_key_is_401(client: TestClient, token: str) -> None:
    for method, path in NEEDS:
        assert call(client, method, path, token or "nothing") == 401


@pytest.mark.parametrize("scope", SCOPES)
def test_each_scope_opens_its_routes_and_no_other(
    client: TestClient, runtime: Runtime, scope: str
) -> None:
    token = issue_key(runtime, scope)
    for (method, path), needed in NEEDS.items():
        status = call(client, method, path, token)
        if scope in (needed, "admin"):
            assert status not in (401, 403), (scope, method, path, status)
        else:
            assert status == 403, (scope, method, path, status)


def test_another_systems_key_reads_everything_but_writes_nothing(
    client: TestClient, runtime: Runtime
) -> None:
    token = issue_key(runtime, "read", "write", system="erp")
    for (method, path), needed in NEEDS.items():
        status = call(client, method, path, token)
        if needed == "read":
            assert status not in (401, 403), (method, path)
        else:
            assert status == 403, (method, path, status)


def _trusting_keys_for(runtime: Runtime, seconds: float) -> TestClient:
    settings = runtime.settings.model_copy(update={"api_key_cache_seconds": seconds})
    return TestClient(create_app(in_process(runtime.with_settings(settings))))


def test_a_revoked_key_is_refused_at_once_when_keys_are_read_on_every_call(
    runtime: Runtime,
) -> None:
    token = issue_key(runtime, "read", name="soon-revoked")
    with _trusting_keys_for(runtime, 0) as client:
        assert call(client, "GET", "/v1/events", token) == 200
        with runtime.unit_of_work() as uow:
            api_keys.revoke(uow.session, "soon-revoked")
        assert call(client, "GET", "/v1/events", token) == 401


def test_a_revoked_key_is_refused_once_the_process_stops_trusting_it(runtime: Runtime) -> None:
    trust = 0.5
    token = issue_key(runtime, "read", name="revoked-while-trusted")
    with _trusting_keys_for(runtime, trust) as client:
        assert call(client, "GET", "/v1/events", token) == 200
        with runtime.unit_of_work() as uow:
            api_keys.revoke(uow.session, "revoked-while-trusted")
        revoked_at = time.monotonic()
        time.sleep(trust)  # every read that saw the key live began before revoked_at
        assert time.monotonic() >= revoked_at + trust
        assert call(client, "GET", "/v1/events", token) == 401


def test_a_trusted_key_still_proves_its_secret_on_every_call(
    client: TestClient, runtime: Runtime
) -> None:
    token = issue_key(runtime, "read", name="trusted")
    assert call(client, "GET", "/v1/events", token) == 200
    forged = token[: -len("secret")] + ("public" if not token.endswith("public") else "secret")
    assert call(client, "GET", "/v1/events", forged) == 401
    assert call(client, "GET", "/v1/events", token) == 200


def _audited(runtime: Runtime, key_id: int, count: int) -> list[api_keys.Call]:
    """The key's audited calls once ``count`` are written (within a few seconds)."""
    deadline = time.monotonic() + 5
    while True:
        with runtime.unit_of_work() as uow:
            mine = api_keys.calls(uow.session, key_id=key_id)
        if len(mine) >= count or time.monotonic() > deadline:
            return mine
        time.sleep(0.05)


def test_every_call_is_audited_with_key_route_status_and_request_id(
    client: TestClient, runtime: Runtime
) -> None:
    token = issue_key(runtime, "read", name="audited")
    with runtime.unit_of_work() as uow:
        (key,) = [k.key for k in api_keys.listing(uow.session) if k.key.name == "audited"]
    ok = client.get("/v1/events", headers=bearer(token))
    missing = client.get(f"/v1/customer/golden/{uuid.uuid4()}", headers=bearer(token))
    anonymous = client.get("/v1/events", headers={"X-Request-ID": "caller-chosen-id-1"})
    mine = _audited(runtime, key.id, 2)
    with runtime.unit_of_work() as uow:
        latest = api_keys.calls(uow.session, limit=1)
    assert [(c.method, c.route, c.status) for c in mine] == [
        ("GET", "/v1/{entity}/golden/{golden_id}", 404),
        ("GET", "/v1/events", 200),
    ]
    assert {c.request_id for c in mine} == {
        missing.headers["X-Request-ID"],
        ok.headers["X-Request-ID"],
    }
    assert latest[0].key_id is None and latest[0].status == 401
    assert latest[0].request_id == anonymous.headers["X-Request-ID"] == "caller-chosen-id-1"
    assert all(c.at.tzinfo is not None and c.duration_ms >= 0 for c in mine)


def test_openapi_declares_the_bearer_scheme(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    scheme = document["components"]["securitySchemes"]["ApiKey"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}
    operation = document["paths"]["/v1/events"]["get"]
    assert operation["security"] == [{"ApiKey": []}]
    assert "security" not in document["paths"]["/health"]["get"]
