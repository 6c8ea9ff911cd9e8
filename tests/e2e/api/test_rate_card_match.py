"""`POST /v1/rate_card/match` compares rates as the hub is configured: ``MDM_HOURS_PER_DAY``
turns a day rate into an hourly one there as it does in resolution, and ``MDM_ROLE_VOCABULARY``
names the firm's own spellings of roles. (It used the default 8
whatever was set: the hours per day were handed down by each caller, and this one did not.)"""

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

HEADER = "source_id,role,level,currency,rate,unit,effective_from\n"
LINES = (
    "R1,Principal Architect,L4,GBP,120.00,hour,2024-01-01\n"
    "R2,Junior Analyst,L1,GBP,45.00,hour,2024-01-01\n"
    "R3,Project Manager,L3,GBP,95.00,hour,2024-01-01\n"
)
# 900 a day is 120 an hour at 7.5 hours a day; at 8 it would be 112.50, another amount
DAY_RATE = {
    "role": "Principal Architect", "level": "L4", "currency": "GBP", "rate": "900",
    "unit": "day", "effective_from": "2024-01-01",
}  # fmt: skip


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    vocabulary = tmp_path_factory.mktemp("roles") / "roles.csv"
    vocabulary.write_text("spelling,role\nHead of Architecture,Principal Architect\n")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MDM_HOURS_PER_DAY", "7.5")
        env.setenv("MDM_ROLE_VOCABULARY", str(vocabulary))
        with committed_runtime("mdm_rate_match") as rt:
            assert rt.settings.hours_per_day == 7.5
            with rt.unit_of_work() as uow:
                extract = parse_extract("erp.csv", (HEADER + LINES).encode())
                ingest_extract(uow, extract, system="erp", entity="rate_card")
            with rt.unit_of_work() as uow:
                resolve_pending(uow, "rate_card")
            yield rt


@pytest.fixture(scope="module")
def client(runtime: Runtime) -> Iterator[TestClient]:
    headers = bearer(issue_key(runtime, "match", "read"))
    with TestClient(create_app(runtime), headers=headers) as test_client:
        yield test_client


def _golden_of(runtime: Runtime, source_id: str) -> str:
    with runtime.unit_of_work() as uow:
        return str(
            uow.session.execute(
                text(
                    "SELECT x.golden_id FROM xref x JOIN source_record r "
                    "ON r.id = x.source_record_id WHERE r.source_id = :s AND x.valid_to IS NULL"
                ),
                {"s": source_id},
            ).scalar_one()
        )


def test_a_day_rate_matches_its_hourly_line_at_the_configured_hours_per_day(
    client: TestClient, runtime: Runtime
) -> None:
    response = client.post("/v1/rate_card/match", json={"record": DAY_RATE})
    assert response.status_code == 200, response.text
    found = response.json()["candidates"]
    assert found, "the hourly line was not found"
    best = found[0]
    assert best["golden_id"] == _golden_of(runtime, "R1")
    levels = {c["comparison"]: c["level"] for c in best["explanation"]["comparisons"]}
    assert levels["rate"] == "same_amount"
    assert not best["explanation"]["review_forced"]


def test_a_day_rate_at_the_default_eight_hours_is_not_the_same_amount(
    client: TestClient,
) -> None:
    """The same line at 8 hours a day (960) is not the same rate here: 128 an hour."""
    response = client.post("/v1/rate_card/match", json={"record": {**DAY_RATE, "rate": "960"}})
    assert response.status_code == 200, response.text
    found = response.json()["candidates"]
    rates = [
        c["level"]
        for candidate in found
        for c in candidate["explanation"]["comparisons"]
        if c["comparison"] == "rate"
    ]
    assert "same_amount" not in rates


def test_a_role_in_the_firms_own_words_finds_its_line(client: TestClient, runtime: Runtime) -> None:
    record = {**DAY_RATE, "role": "Head of Architecture"}
    response = client.post("/v1/rate_card/match", json={"record": record})
    assert response.status_code == 200, response.text
    found = response.json()["candidates"]
    assert found and found[0]["golden_id"] == _golden_of(runtime, "R1")
    levels = {c["comparison"]: c["level"] for c in found[0]["explanation"]["comparisons"]}
    assert levels["role"] == "exact"
