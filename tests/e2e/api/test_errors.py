"""Every error is JSON of one shape with the request id on the response, unexpected ones
included; and the inputs that used to raise unhandled errors (NUL bytes, forged cursors,
over-large numbers, broken and deeply nested bodies) are told apart as the caller's mistake."""

from __future__ import annotations

import base64
import logging
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from hub.app import create_app
from mdm.runtime import Runtime
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime
from tests.e2e.api.test_golden_api import extract_rows, load, resolve


def cursor_of(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_api_errors") as rt:
        with rt.unit_of_work() as uow:
            load(uow, "crm", extract_rows("C", shout=False))
            load(uow, "erp", extract_rows("E", shout=True))
        resolve(rt)
        yield rt


@pytest.fixture(scope="module")
def app(runtime: Runtime) -> FastAPI:
    app = create_app(runtime)

    @app.get("/v1/test-only/boom")
    def boom() -> None:
        raise RuntimeError("a bug nobody mapped")

    return app


@pytest.fixture(scope="module")
def client(app: FastAPI, runtime: Runtime) -> Iterator[TestClient]:
    headers = bearer(issue_key(runtime, "read", "match"))
    with TestClient(app, headers=headers, raise_server_exceptions=False) as test_client:
        yield test_client


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code, body
    assert len(response.headers["X-Request-ID"]) >= 8
    return dict(body["error"])


def test_an_unexpected_error_is_json_logged_with_the_request_id(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="mdm.api"):
        response = client.get("/v1/test-only/boom")
    error = assert_error(response, 500, "internal_error")
    request_id = response.headers["X-Request-ID"]
    assert request_id in error["message"] and "nobody mapped" not in response.text
    (record,) = [r for r in caplog.records if r.name == "mdm.api"]
    assert request_id in record.getMessage() and record.exc_info is not None


def test_a_sane_caller_request_id_is_kept_and_a_bad_one_replaced(client: TestClient) -> None:
    kept = client.get("/health", headers={"X-Request-ID": "trace-1234-abcd"})
    assert kept.headers["X-Request-ID"] == "trace-1234-abcd"
    replaced = client.get("/health", headers={"X-Request-ID": "bad id\twith tab"})
    assert replaced.headers["X-Request-ID"] != "bad id\twith tab"
    assert len(replaced.headers["X-Request-ID"]) == 32


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/v1/customer/golden?q=ac%00me", "query"),
        ("/v1/customer/xref/crm/C%001", "path"),
        ("/v1/customer/golden/x%00y", "path"),
        ("/v1/events?after=%00", "query"),
        ("/ui/queue?source=crm%00", "query"),
        ("/ui/golden/customer?q=%00", "query"),
    ],
)
def test_a_nul_byte_in_the_url_is_a_422_naming_where(
    client: TestClient, path: str, field: str
) -> None:
    error = assert_error(client.get(path), 422, "invalid_request")
    assert error["details"][0]["field"] == field and "NUL" in error["details"][0]["reason"]


def test_a_nul_byte_in_a_json_or_form_body_is_a_422(client: TestClient) -> None:
    record = client.post("/v1/customer/match", json={"record": {"name": "Ac\x00me"}})
    assert assert_error(record, 422, "invalid_request")["details"][0]["field"] == "body"
    form = client.post("/ui/login", data={"name": "a\x00b", "password": "x", "csrf_token": "t"})
    assert_error(form, 422, "invalid_request")


@pytest.mark.parametrize(
    "decoded",
    ["[1,2]", "[" * 5000 + "]" * 5000, '"x"', "{}", '["k"]', '["k", "not-a-uuid"]', "[1", "\x00"],
)
def test_a_forged_search_cursor_is_a_422(client: TestClient, decoded: str) -> None:
    response = client.get("/v1/customer/golden", params={"cursor": cursor_of(decoded)})
    assert_error(response, 422, "invalid_cursor")


@pytest.mark.parametrize("decoded", ["99999999999999999999.1", "1.-1", "1", "a.b", "1.2.3"])
def test_a_forged_feed_cursor_is_a_422(client: TestClient, decoded: str) -> None:
    assert_error(
        client.get("/v1/events", params={"after": cursor_of(decoded)}), 422, "invalid_cursor"
    )


def test_unknown_query_parameters_are_named(client: TestClient) -> None:
    error = assert_error(client.get("/v1/events", params={"limt": "5"}), 422, "invalid_request")
    assert error["details"][0]["field"] == "limt"
    assert "limit" in error["details"][0]["reason"]


def test_broken_and_deeply_nested_bodies_are_client_errors(client: TestClient) -> None:
    headers = {"Content-Type": "application/json"}
    broken = client.post("/v1/customer/match", content=b'{"record": ', headers=headers)
    assert broken.status_code in (400, 422) and "error" in broken.json()
    nested = client.post(
        "/v1/customer/match", content=b"[" * 50_000 + b"]" * 50_000, headers=headers
    )
    assert nested.status_code in (400, 422) and "error" in nested.json()


def test_time_travel_to_the_edges_of_time_is_not_found(client: TestClient) -> None:
    for at in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"):
        response = client.get(f"/v1/customer/golden/{uuid.uuid4()}", params={"at": at})
        assert_error(response, 404, "not_found")


def test_a_body_over_the_limit_is_413_before_it_is_read(client: TestClient) -> None:
    big = b'{"record": {"name": "' + b"a" * (1024 * 1024) + b'"}}'
    response = client.post(
        "/v1/customer/match", content=big, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 413, "body_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"record": {"name": "'
        for _ in range(20):
            yield b"a" * 65536
        yield b'"}}'

    streamed = client.post(
        "/v1/customer/match", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_error(streamed, 413, "body_too_large")
    small = client.post("/v1/customer/match", json={"record": {"name": "Acme Consulting"}})
    assert small.status_code in (200, 409)  # read and answered (409: no model trained here)
