"""`GET /metrics` on a hub that has loaded, matched, answered and queued work: every family
the operators need, with figures that follow what happened."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from hub.app import create_app
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import subscriptions, systems
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime
from tests.integration.resolve.test_resolve import CRM, ERP, HEADER

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_metrics") as rt:
        yield rt


@pytest.fixture(scope="module")
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime)) as test_client:
        yield test_client


def scrape(client: TestClient) -> Samples:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_follow_loads_matches_requests_and_the_feed(
    client: TestClient, runtime: Runtime
) -> None:
    before = scrape(client)
    assert (
        value(before, "mdm_ingest_rows_total", system="crm", entity="customer", outcome="new") == 0
    )
    for system, rows in (("crm", CRM), ("erp", ERP + "E9,,,,,,,,GB\n")):
        with runtime.unit_of_work() as uow:
            extract = parse_extract(f"{system}.csv", (HEADER + rows).encode())
            ingest_extract(uow, extract, system=system, entity="customer")
    with runtime.unit_of_work() as uow:
        resolve_pending(uow, "customer")
        open_tasks = uow.session.execute(
            text("SELECT count(*) FROM review_task WHERE status = 'open'")
        ).scalar_one()
    token = issue_key(runtime, "match", "read")
    probe = {"record": {"name": "Northwind Logistics", "country": "GB"}}
    assert client.post("/v1/customer/match", json=probe, headers=bearer(token)).status_code == 200
    after = scrape(client)
    crm_new = CRM.count("\n")
    assert (
        value(after, "mdm_ingest_rows_total", system="crm", entity="customer", outcome="new")
        == crm_new
    )
    assert (
        value(
            after, "mdm_ingest_rows_total", system="erp", entity="customer", outcome="quarantined"
        )
        == 1
    )
    assert value(after, "mdm_review_queue_tasks", entity="customer", status="open") == open_tasks
    lookups = value(after, "mdm_match_seconds_count", entity="customer", kind="lookup")
    assert lookups >= 1
    assert value(after, "mdm_match_seconds_count", entity="customer", kind="resolve") >= 1
    route = "/v1/{entity}/match"
    assert (
        value(after, "mdm_api_request_seconds_count", method="POST", route=route, status="2xx") >= 1
    )
    # the resolution's events committed and no reader has run the relay: the feed lags
    assert value(after, "mdm_feed_lag_seconds") > 0
    client.get("/v1/events", headers=bearer(token))
    assert value(scrape(client), "mdm_feed_lag_seconds") == 0
    assert "# TYPE mdm_deliveries gauge" in client.get("/metrics").text  # no subscription yet


def test_deliveries_are_counted_by_system_and_status(client: TestClient, runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        tms = systems.get_or_register(uow.session, "tms")
        subscriptions.ensure(uow.session, tms.id, "customer", {})
    assert value(scrape(client), "mdm_deliveries", system="tms", status="pending") == 0
    with runtime.unit_of_work() as uow:
        extract = parse_extract("crm.csv", (HEADER + "C9,Tailspin Toys,,,,,,,GB\n").encode())
        ingest_extract(uow, extract, system="crm", entity="customer")
        resolve_pending(uow, "customer")  # a new golden record: an event for the system
        pending = uow.session.execute(
            text("SELECT count(*) FROM delivery WHERE status = 'pending'")
        ).scalar_one()
    samples = scrape(client)
    assert pending > 0
    assert value(samples, "mdm_deliveries", system="tms", status="pending") == pending
    for status in ("delivered", "dead"):  # given as 0, not left out
        assert ("mdm_deliveries", (("status", status), ("system", "tms"))) in samples
