"""`POST /v1/customer/match` ranks existing golden records with explanations and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from hub.app import create_app
from mdm.api.match_routes import MatchResponse
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime
from tests.integration.resolve.test_resolve import CRM, ERP, HEADER


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_match_api") as rt:
        yield rt


@pytest.fixture(scope="module")
def client(runtime: Runtime) -> Iterator[TestClient]:
    headers = bearer(issue_key(runtime, "match", "read"))
    with TestClient(create_app(runtime), headers=headers) as test_client:
        yield test_client


def load_crm_and_erp(runtime: Runtime) -> None:
    """The CRM and ERP customers, ingested (not matched)."""
    for system, rows in (("crm", CRM), ("erp", ERP)):
        with runtime.unit_of_work() as uow:
            extract = parse_extract(f"{system}.csv", (HEADER + rows).encode())
            ingest_extract(uow, extract, system=system, entity="customer")


def test_before_any_matching_the_hub_says_so(client: TestClient) -> None:
    response = client.post("/v1/customer/match", json={"record": {"name": "Acme"}})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_matched_yet"


def test_match_finds_the_golden_record_and_explains(client: TestClient, runtime: Runtime) -> None:
    load_crm_and_erp(runtime)
    with runtime.unit_of_work() as uow:
        resolve_pending(uow, "customer")
        events_before = uow.session.execute(text("SELECT count(*) FROM outbox_event")).scalar_one()
    probe = {"name": "Northwind Logistics", "country": "United Kingdom", "phone": "02079460001"}
    response = client.post("/v1/customer/match", json={"record": probe})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    answer = response.json()
    assert MatchResponse.model_validate(answer).model_dump(mode="json") == answer  # as published
    best = answer["candidates"][0]
    assert best["probability"] > 0.5
    assert {c["comparison"] for c in best["explanation"]["comparisons"]}
    with runtime.unit_of_work() as uow:
        holder = uow.session.execute(
            text(
                "SELECT x.golden_id FROM xref x JOIN source_record r ON r.id = x.source_record_id "
                "WHERE r.source_id = 'A1' AND x.valid_to IS NULL"
            )
        ).scalar_one()
        assert (
            uow.session.execute(text("SELECT count(*) FROM outbox_event")).scalar_one()
            == events_before
        )
    assert best["golden_id"] == str(holder)


def test_a_model_trained_for_other_comparisons_is_named_as_such() -> None:
    """After an upgrade that changed the comparisons, the stored model is not used: the answer
    says so and what to run, rather than that nothing was matched."""
    with committed_runtime("mdm_match_api_upgrade") as runtime:
        load_crm_and_erp(runtime)
        with runtime.unit_of_work() as uow:
            resolve_pending(uow, "customer")
            uow.session.execute(
                text(
                    "UPDATE match_model SET parameters = jsonb_set(parameters, "
                    "'{comparisons,0,name}', '\"a_retired_comparison\"') "
                    "WHERE entity = 'customer'"
                )
            )
        headers = bearer(issue_key(runtime, "match"))
        with TestClient(create_app(runtime), headers=headers) as client:
            response = client.post("/v1/customer/match", json={"record": {"name": "Northwind"}})
        assert response.status_code == 409
        error = response.json()["error"]
        assert error["code"] == "not_matched_yet"
        assert "trained for other comparisons" in error["message"]
        assert "mdm match --entity customer" in error["message"]


def test_bad_input_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.post(
        "/v1/customer/match", json={"record": {"name": "A", "colour": "red", "Zip": "1"}}
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"] == [
        {
            "field": "Zip",
            "reason": "not a canonical field; did you mean postal_code? "
            "(GET /v1/customer/fields lists them)",
        },
        {
            "field": "colour",
            "reason": "not a canonical field (GET /v1/customer/fields lists them)",
        },
    ]
    fields = client.get("/v1/customer/fields").json()["fields"]
    assert [f["name"] for f in fields][:3] == ["source_id", "name", "legal_name"]
    by_name = {f["name"]: f for f in fields}
    assert (by_name["country"]["kind"], by_name["name"]["kind"]) == ("country", "text")
    assert by_name["parent_source_id"]["references"] == "customer"
    assert by_name["name"]["references"] is None
    assert client.get("/v1/planet/fields").status_code == 404
    # a value the record cannot do without refuses it (an unreadable currency is only flagged)
    too_long = {"name": "A", "legal_name": "Delta " * 200}
    response = client.post("/v1/customer/match", json={"record": too_long})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "legal_name"
