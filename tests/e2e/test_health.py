"""The API answers /health and documents itself at /docs; errors have one JSON shape."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from hub.app import create_app
from mdm.runtime import open_runtime
from mdm.settings import Settings
from tests.conftest import drop_database, fresh_database_url


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    url = fresh_database_url("mdm_api")
    runtime = open_runtime(Settings(database_url=url))
    with TestClient(create_app(runtime)) as test_client:
        yield test_client
    runtime.close()
    drop_database(url)


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"


def test_docs_and_openapi(client: TestClient) -> None:
    assert client.get("/openapi.json").json()["info"]["title"] == "MDM hub"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_api_docs_load_nothing_from_another_site(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200 and "/openapi.json" in html.text
    urls = re.findall(r'(?:src|href)="([^"]+)"', html.text)
    assert urls and all(u.startswith("/docs/assets/") for u in urls), urls
    assert "cdn" not in html.text.lower() and "fonts.googleapis" not in html.text
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200 and len(asset.content) > 500, url


def test_unknown_route_gives_the_stable_error_shape(client: TestClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert set(response.json()["error"]) == {"code", "message", "details"}
