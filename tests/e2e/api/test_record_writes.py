"""Real-time writes: PUT/DELETE one record and batches, validated as ingest validates,
versioned, resolved to a golden id at once (or queued, 202); Idempotency-Key replays byte for
byte and refuses another body; If-Match refuses a stale version."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hub.app import create_app
from matching import settings_for
from mdm.ingest.reader import ExtractRow, ParsedExtract, parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import matching_records as records
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from mdm.synthetic import generate_extract
from tests.api_keys import bearer, in_process, issue_key
from tests.conftest import committed_runtime
from tests.integration.resolve.test_resolve import CRM, ERP, HEADER

NORTHWIND = {"name": "Northwind Logistics Ltd", "tax_id": "GB123456789", "country": "GB",
             "website": "northwind.co.uk", "city": "London", "postal_code": "EC1A 1BB",
             "phone": "020 7946 0001", "address_line1": "1 High Street"}  # fmt: skip
NEW = {"name": "Zephyr Holdings PLC", "tax_id": "GB999888777", "country": "GB", "city": "York"}


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    """A hub whose customers have been matched (a trained model), 300 generated ones besides
    the Northwind family, so a few new records are resolved at once, incrementally."""
    with committed_runtime("mdm_api_writes") as rt:
        generated = generate_extract("customer", 300, seed=13, system="gen_crm")
        rows = [ExtractRow(n, row) for n, row in enumerate(generated.rows, start=2)]
        with rt.unit_of_work() as uow:
            extract = ParsedExtract("gen_crm.csv", generated.header, rows)
            ingest_extract(uow, extract, system="gen_crm", entity="customer")
        for system, lines in (("crm", CRM), ("erp", ERP)):
            with rt.unit_of_work() as uow:
                extract = parse_extract(f"{system}.csv", (HEADER + lines).encode())
                ingest_extract(uow, extract, system=system, entity="customer")
        with rt.unit_of_work() as uow:
            resolve_pending(uow, "customer")
        yield in_process(rt)


@pytest.fixture(scope="module")
def client(runtime: Runtime) -> Iterator[TestClient]:
    headers = bearer(issue_key(runtime, "read", "write", system="api_crm"))
    with TestClient(create_app(runtime), headers=headers) as test_client:
        yield test_client


def put(client: TestClient, source_id: str, body: dict[str, str], **headers: str) -> Any:
    return client.put(f"/v1/customer/records/api_crm/{source_id}", json=body, headers=headers)


def test_a_new_record_gets_its_golden_id_in_the_answer(client: TestClient) -> None:
    created = put(client, "A1", NORTHWIND)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["outcome"] == "created" and body["version"] == 1 and body["status"] == "resolved"
    assert created.headers["ETag"] == '"1"'
    assert created.headers["Location"] == body["status_url"] == "/v1/customer/records/api_crm/A1"
    golden = client.get(f"/v1/customer/golden/{body['golden_id']}").json()
    assert ("api_crm", "A1") in {(r["source"], r["source_id"]) for r in golden["source_records"]}
    members = {(r["source"], r["source_id"]) for r in golden["source_records"]}
    assert ("crm", "A1") in members  # joined the existing Northwind
    state = client.get("/v1/customer/records/api_crm/A1").json()
    assert state["golden_id"] == body["golden_id"] and state["status"] == "resolved"


def test_the_same_record_again_is_unchanged_and_a_change_is_a_new_version(
    client: TestClient,
) -> None:
    first = put(client, "A2", NEW).json()
    again = put(client, "A2", NEW)
    assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
    assert again.json()["version"] == 1 and again.json()["golden_id"] == first["golden_id"]
    changed = put(client, "A2", {**NEW, "city": "Leeds"})
    assert changed.status_code == 200 and changed.json()["outcome"] == "updated"
    assert changed.json()["version"] == 2
    golden = client.get(f"/v1/customer/golden/{changed.json()['golden_id']}").json()
    assert golden["attributes"]["city"] == "Leeds"


def test_a_stale_if_match_is_412_and_a_current_one_writes(client: TestClient) -> None:
    put(client, "A3", NEW)
    put(client, "A3", {**NEW, "city": "Hull"})  # version 2 now
    stale = put(client, "A3", {**NEW, "city": "Bath"}, **{"If-Match": '"1"'})
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "stale_version"
    assert client.get("/v1/customer/records/api_crm/A3").json()["version"] == 2
    current = put(client, "A3", {**NEW, "city": "Bath"}, **{"If-Match": '"2"'})
    assert current.status_code == 200 and current.json()["version"] == 3


def test_an_idempotency_key_replays_byte_for_byte_and_refuses_another_body(
    client: TestClient,
) -> None:
    key = {"Idempotency-Key": "order-4711"}
    first = put(client, "A4", NEW, **key)
    replay = put(client, "A4", NEW, **key)
    assert first.status_code == replay.status_code == 201
    assert replay.content == first.content and replay.headers["ETag"] == first.headers["ETag"]
    assert replay.headers["Idempotent-Replayed"] == "true"
    put(client, "A4", {**NEW, "city": "Ely"})  # the record moves on: the replay does not
    assert put(client, "A4", NEW, **key).content == first.content
    other = put(client, "A4", {**NEW, "city": "Wells"}, **key)
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"
    assert other.json()["error"]["details"][0]["field"] == "Idempotency-Key"
    assert client.get("/v1/customer/records/api_crm/A4").json()["version"] == 2


def test_every_write_answer_carries_the_keys_rate_limit_headers(client: TestClient) -> None:
    """Writes build their own response (and replays a stored one): the key's allowance must
    reach the caller on those too, not only on answers FastAPI renders from a model."""
    key = {"Idempotency-Key": "rate-4712"}
    answers = {
        "put": put(client, "R1", NEW, **key),
        "replay": put(client, "R1", NEW, **key),
        "batch": client.post("/v1/customer/records/api_crm", json={"records": [
            {**NEW, "source_id": "R2"}]}),
        "delete": client.delete("/v1/customer/records/api_crm/R1"),
        "refused": put(client, "R3", {"city": "York"}),
        "read": client.get("/v1/customer/records/api_crm/R2"),
    }  # fmt: skip
    assert answers["replay"].headers["Idempotent-Replayed"] == "true"
    for what, answer in answers.items():
        assert answer.headers["RateLimit-Limit"] == "10000", what
        assert answer.headers["RateLimit-Policy"] == "10000;w=1", what
        assert int(answer.headers["RateLimit-Remaining"]) < 10_000, what
        assert answer.headers.get_list("RateLimit-Limit") == ["10000"], what  # sent once


def test_invalid_records_are_422_naming_the_field_and_nothing_is_written(
    client: TestClient,
) -> None:
    bad = put(client, "A5", {**NEW, "email": "not an e-mail", "colour": "red"})
    assert bad.status_code == 422
    fields = {d["field"] for d in bad.json()["error"]["details"]}
    assert "colour" in fields
    nameless = put(client, "A5", {"city": "York"})
    assert nameless.status_code == 422 and nameless.json()["error"]["details"]
    assert client.get("/v1/customer/records/api_crm/A5").status_code == 404
    mismatch = put(client, "A5", {**NEW, "source_id": "OTHER"})
    assert mismatch.status_code == 422


def test_a_value_that_cannot_be_read_is_flagged_in_the_answer_and_the_records_state(
    client: TestClient,
) -> None:
    """An optional value the hub cannot read (a currency) does not refuse the record: it is
    written, and the answer and the record's state name the field and why; a corrected
    version carries no flag."""
    written = put(client, "F1", {**NEW, "name": "Quillon Partners", "currency": "EURO$"})
    assert written.status_code == 201, written.text
    flags = [("currency", "unknown currency: 'EURO$'")]
    assert [(f["field"], f["reason"]) for f in written.json()["flagged"]] == flags
    state = client.get("/v1/customer/records/api_crm/F1").json()
    assert [(f["field"], f["reason"]) for f in state["flagged"]] == flags
    golden = client.get(f"/v1/customer/golden/{written.json()['golden_id']}").json()
    assert golden["attributes"].get("currency") in (None, "")  # never won survivorship
    fixed = put(client, "F1", {**NEW, "name": "Quillon Partners", "currency": "EUR"})
    assert fixed.json()["outcome"] == "updated" and fixed.json()["flagged"] == []
    assert client.get("/v1/customer/records/api_crm/F1").json()["flagged"] == []


def test_delete_tombstones_the_record(client: TestClient) -> None:
    golden = put(client, "A6", NEW).json()["golden_id"]
    gone = client.delete("/v1/customer/records/api_crm/A6")
    assert gone.status_code == 200 and gone.json()["outcome"] == "deleted"
    assert gone.json()["version"] == 2 and gone.json()["status"] == "deleted"
    state = client.get("/v1/customer/records/api_crm/A6").json()
    assert state["deleted"] and state["golden_id"] is None
    members = client.get(f"/v1/customer/golden/{golden}").json()["source_records"]
    assert all(not (m["source_id"] == "A6" and not m["deleted"]) for m in members)
    assert client.delete("/v1/customer/records/api_crm/A6").json()["outcome"] == "unchanged"
    assert client.delete("/v1/customer/records/api_crm/NOPE").status_code == 404


def test_a_batch_writes_all_or_nothing(client: TestClient) -> None:
    records = [{**NEW, "source_id": f"B{n}", "name": f"Batch Firm {n} Ltd"} for n in range(5)]
    done = client.post("/v1/customer/records/api_crm", json={"records": records})
    assert done.status_code == 200, done.text
    results = done.json()["results"]
    assert [r["outcome"] for r in results] == ["created"] * 5
    assert all(r["status"] == "resolved" and r["golden_id"] for r in results)
    broken = [*records[:2], {"source_id": "B9", "city": "York"}]  # no name: refused
    refused = client.post("/v1/customer/records/api_crm", json={"records": broken})
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"].startswith("records[2].")
    assert client.get("/v1/customer/records/api_crm/B9").status_code == 404
    too_many = [{"source_id": f"X{n}", "name": "X"} for n in range(1001)]
    assert (
        client.post("/v1/customer/records/api_crm", json={"records": too_many}).status_code == 422
    )


def test_writing_another_systems_records_is_403(client: TestClient, runtime: Runtime) -> None:
    other = put(client, "A7", NEW).status_code
    assert other == 201
    refused = client.put("/v1/customer/records/crm/C1", json=NEW)
    assert refused.status_code == 403 and "may write records of 'api_crm' only" in refused.text
    reader = bearer(issue_key(runtime, "read", system="api_crm"))
    assert (
        client.put("/v1/customer/records/api_crm/A8", json=NEW, headers=reader).status_code == 403
    )


def test_the_population_the_model_scores_among_follows_new_changed_and_deleted_records(
    client: TestClient, runtime: Runtime
) -> None:
    """The write path keeps the number of active records without counting the table: a
    change adds no record, a deletion takes one away, a new record adds one."""
    put(client, "P1", NEW)
    put(client, "P2", {**NEW, "name": "Aurora Trading Ltd", "tax_id": "GB555444333"})
    put(client, "P1", {**NEW, "city": "Derby"})  # pending again, but no new record
    assert client.delete("/v1/customer/records/api_crm/P2").json()["outcome"] == "deleted"
    created = put(client, "P3", {**NEW, "name": "Borealis Freight Ltd", "tax_id": "GB111222333"})
    assert created.json()["status"] == "resolved"  # resolved incrementally, so counted afresh
    with runtime.unit_of_work() as uow:
        stored = uow.models.load("customer", settings_for("customer").comparisons)
        assert stored is not None
        assert stored.population == records.count_active(uow.session, "customer")


def test_a_backlog_too_big_for_an_incremental_run_is_queued_then_resolved(
    client: TestClient,
) -> None:
    records = [{**NEW, "source_id": f"Q{n}", "name": f"Queued Firm {n}"} for n in range(120)]
    done = client.post("/v1/customer/records/api_crm", json={"records": records})
    # 120 new records are over a fifth of this hub (about 400 records when the module's
    # earlier tests have written theirs): a bulk run's work, so it is queued
    assert done.status_code == 202, done.text
    results = done.json()["results"]
    assert {r["status"] for r in results} == {"queued"}
    states = [client.get(r["status_url"]).json() for r in results[:3]]  # resolved after it
    assert all(st["status"] == "resolved" and st["golden_id"] for st in states)


def test_without_a_model_the_write_is_queued_then_resolved(runtime: Runtime) -> None:
    headers = bearer(issue_key(runtime, "write", "read", system="hr"))
    with TestClient(create_app(runtime), headers=headers) as client:
        body = {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"}
        queued = client.put("/v1/resource/records/hr/R1", json=body)
        assert queued.status_code == 202, queued.text
        assert queued.json()["status"] == "queued" and queued.json()["golden_id"] is None
        # the queued resolution ran in this process after the answer
        state = client.get(queued.json()["status_url"]).json()
        assert state["status"] == "resolved" and state["golden_id"]
