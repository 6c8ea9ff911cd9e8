"""The onboarding pages refuse what they cannot take, with the reason, and let viewers look but
not load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hub.app import create_app
from mdm.runtime import open_runtime
from mdm.settings import Settings
from tests.e2e.ui.conftest import Hub, csrf_of
from tests.e2e.ui.data import PASSWORDS

CSV = b"Account ID,Account Name\n001A,Northwind Logistics Ltd\n"


@pytest.fixture
def client_for(hub: Hub, tmp_path: Path) -> Iterator[object]:
    runtime = open_runtime(Settings(database_url=hub.url, secret_key="test-secret", home=tmp_path))

    def signed_in(name: str) -> tuple[TestClient, str]:
        client = TestClient(create_app(runtime))
        token = csrf_of(client.get("/ui/login").text)
        answer = client.post(
            "/ui/login", data={"csrf_token": token, "name": name, "password": PASSWORDS[name]}
        )
        return client, csrf_of(answer.text)

    yield signed_in
    runtime.close()


def _upload(client: TestClient, token: str, name: str, body: bytes, **form: str):  # type: ignore[no-untyped-def]
    data = {"csrf_token": token, "source": "beta_crm", "entity": "customer", **form}
    return client.post("/ui/onboarding", data=data, files={"file": (name, body)},
                       follow_redirects=False)  # fmt: skip


def test_an_upload_leads_to_its_suggested_mapping(client_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client, token = client_for("alice")
    answer = _upload(client, token, "accounts.csv", CSV)
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    assert page.status_code == 200 and "Confirm the mapping" in page.text
    assert '<option value="source_id" selected>' in page.text
    kept = list((tmp_path / "onboarding").glob("*/extract.csv"))
    assert len(kept) == 1 and kept[0].read_bytes() == CSV
    # the suggestion made when the file came is kept: the page does not read the extract again
    kept[0].write_bytes(b"\x00 no longer an extract")
    again = client.get(answer.headers["location"])
    assert again.status_code == 200 and '<option value="source_id" selected>' in again.text


def test_what_cannot_be_onboarded_is_refused_with_the_reason(client_for) -> None:  # type: ignore[no-untyped-def]
    client, token = client_for("alice")
    refused = _upload(client, token, "accounts.pdf", b"%PDF")
    assert refused.status_code == 422 and "upload a CSV or an Excel" in refused.text
    refused = _upload(client, token, "accounts.csv", CSV, source="../etc")
    assert refused.status_code == 422 and "source system" in refused.text
    refused = _upload(client, token, "accounts.csv", b"\x00\x01binary")
    assert refused.status_code == 422 and "binary" in refused.text
    missing = client.get("/ui/onboarding/AAAAAAAAAAAAAAAA/profile")
    assert missing.status_code == 404


def test_a_viewer_looks_but_cannot_upload(client_for) -> None:  # type: ignore[no-untyped-def]
    client, token = client_for("vera")
    assert client.get("/ui/onboarding").status_code == 200
    assert client.get("/ui/scoreboard").status_code == 200
    assert _upload(client, token, "accounts.csv", CSV).status_code == 403


def test_the_profile_page_says_how_the_dates_are_read(client_for) -> None:  # type: ignore[no-untyped-def]
    client, token = client_for("alice")
    body = b"Employee ID,Full Name,Hire Date\nE1,Ann Lee,03/04/2024\n"
    answer = _upload(client, token, "staff.csv", body, source="page_hr", entity="resource")
    upload_id = answer.headers["location"].split("/")[3]
    page = client.get(f"/ui/onboarding/{upload_id}/profile")
    assert page.status_code == 200
    assert "like 03/04/2024) read month/day, the default: check them" in page.text
