"""The golden-record and event-feed API end to end: redirects, history, time travel, search,
cross-references, error shapes, and a replay of the whole feed that must rebuild the hub."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from hub.app import create_app
from mdm.golden import queries
from mdm.golden.partition_apply import apply_partition
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from mdm.unit_of_work import UnitOfWork
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime
from tests.singletons import give_singletons

HEADER = "source_id,name,legal_name,tax_id,website,email,phone,city,country\n"
COMPANIES = [
    ("Acme Consulting Ltd", "GB123456789", "acme-consulting.co.uk", "London", "GB"),
    ("Borealis Analytics GmbH", "DE136695976", "borealis-analytics.de", "Berlin", "DE"),
    ("Cobalt Partners LLP", "GB987654321", "cobaltpartners.co.uk", "Leeds", "GB"),
    ("Dunmore Engineering Inc", "US-11-2233445", "dunmore-eng.com", "Boston", "US"),
    ("Eastwind Logistics SA", "FR40303265045", "eastwind-logistics.fr", "Lyon", "FR"),
    ("Fairhaven Legal LLP", "GB555666777", "fairhavenlegal.co.uk", "Bristol", "GB"),
]
WAIT_SECONDS = 120


def extract_rows(prefix: str, shout: bool) -> str:
    rows = []
    for n, (name, tax, web, city, country) in enumerate(COMPANIES, start=1):
        shown = name.upper() if shout else name
        rows.append(f"{prefix}{n},{shown},{name},{tax},{web},info@{web},,{city},{country}\n")
    return HEADER + "".join(rows)


def load(uow: UnitOfWork, system: str, body: str, *, full: bool = False) -> None:
    extract = parse_extract(f"{system}.csv", body.encode())
    ingest_extract(uow, extract, system=system, entity="customer", full=full)
    give_singletons(uow)


def golden_of(session: Session, source_id: str) -> str:
    sql = (
        "SELECT x.golden_id FROM xref x JOIN source_record r ON r.id = x.source_record_id "
        "WHERE r.source_id = :s AND x.valid_to IS NULL"
    )
    return str(session.execute(text(sql), {"s": source_id}).scalar_one())


def members_of_goldens(session: Session, *source_ids: str) -> list[int]:
    sql = (
        "SELECT DISTINCT x2.source_record_id FROM source_record r "
        "JOIN xref x ON x.source_record_id = r.id AND x.valid_to IS NULL "
        "JOIN xref x2 ON x2.golden_id = x.golden_id AND x2.valid_to IS NULL "
        "WHERE r.source_id = ANY(:s) ORDER BY 1"
    )
    return [int(r[0]) for r in session.execute(text(sql), {"s": list(source_ids)})]


def resolve(runtime: Runtime) -> None:
    """The resolver merges the duplicates; should it ever leave C1 and E1 apart, merge them by
    hand, since what these tests read is the merge, not the matcher's judgement."""
    with runtime.unit_of_work() as uow:
        resolve_pending(uow, "customer")
    with runtime.unit_of_work() as uow:
        if golden_of(uow.session, "C1") != golden_of(uow.session, "E1"):
            cluster = members_of_goldens(uow.session, "C1", "E1")
            now = datetime.now(UTC)
            apply_partition(uow, "customer", [cluster], actor="test", reason="merge", now=now)


@dataclass(frozen=True)
class Seeded:
    client: TestClient
    runtime: Runtime
    crm_golden: str
    erp_golden: str
    before_merge: datetime


@pytest.fixture(scope="module")
def seeded() -> Iterator[Seeded]:
    with committed_runtime("mdm_api_golden") as runtime:
        with runtime.unit_of_work() as uow:
            load(uow, "crm", extract_rows("C", shout=False))
            load(uow, "erp", extract_rows("E", shout=True))
        with runtime.unit_of_work() as uow:
            crm_golden, erp_golden = golden_of(uow.session, "C1"), golden_of(uow.session, "E1")
        before_merge = datetime.now(UTC)
        time.sleep(0.01)
        resolve(runtime)
        headers = bearer(issue_key(runtime, "read"))
        with TestClient(create_app(runtime), headers=headers) as client:
            yield Seeded(client, runtime, crm_golden, erp_golden, before_merge)


def survivor_and_merged_away(seeded: Seeded) -> tuple[str, str]:
    with seeded.runtime.unit_of_work() as uow:
        survivor = golden_of(uow.session, "C1")
    merged_away = seeded.erp_golden if survivor == seeded.crm_golden else seeded.crm_golden
    return survivor, merged_away


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code


def test_a_golden_record_shows_attributes_lineage_and_source_records(seeded: Seeded) -> None:
    survivor, _ = survivor_and_merged_away(seeded)
    response = seeded.client.get(f"/v1/customer/golden/{survivor}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == survivor and body["status"] == "active" and body["redirected_from"] is None
    assert "Content-Location" not in response.headers
    refs = {(r["source"], r["source_id"]) for r in body["source_records"]}
    assert {("crm", "C1"), ("erp", "E1")} <= refs
    assert all("record_id" not in r and "id" not in r for r in body["source_records"])
    assert body["lineage"]["tax_id"]["source"] in ("crm", "erp")
    assert "version_id" not in response.text and "record_id" not in response.text


def test_a_merged_away_id_answers_with_the_survivor(seeded: Seeded) -> None:
    survivor, merged_away = survivor_and_merged_away(seeded)
    response = seeded.client.get(f"/v1/customer/golden/{merged_away}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == survivor and body["redirected_from"] == merged_away
    assert response.headers["Content-Location"] == f"/v1/customer/golden/{survivor}"


def test_history_lists_versions_in_order_with_members(seeded: Seeded) -> None:
    survivor, merged_away = survivor_and_merged_away(seeded)
    versions = seeded.client.get(f"/v1/customer/golden/{survivor}/history").json()["versions"]
    assert [v["version"] for v in versions] == list(range(1, len(versions) + 1))
    assert [v["valid_from"] for v in versions] == sorted(v["valid_from"] for v in versions)
    assert len(versions[0]["members"]) == 1 and len(versions[-1]["members"]) >= 2
    assert versions[0]["changed_by"] == "test"  # tests.singletons made the first version
    gone = seeded.client.get(f"/v1/customer/golden/{merged_away}/history").json()["versions"]
    assert gone[-1]["status"] == "merged" and gone[-1]["merged_into"] == survivor


def test_at_a_time_before_the_merge_gives_the_old_values_and_members(seeded: Seeded) -> None:
    survivor, merged_away = survivor_and_merged_away(seeded)
    at = seeded.before_merge.isoformat()
    then = seeded.client.get(f"/v1/customer/golden/{survivor}", params={"at": at}).json()
    assert then["version"] == 1 and len(then["source_records"]) == 1
    assert then["as_of"] is not None and then["redirected_from"] is None
    assert then["references"] == {"parent": None}  # a past read answers its references too
    away = seeded.client.get(f"/v1/customer/golden/{merged_away}", params={"at": at}).json()
    assert away["id"] == merged_away and away["status"] == "active"
    own = {"C1": "Acme Consulting Ltd", "E1": "ACME CONSULTING LTD"}  # as each source wrote it
    for record in (then, away):
        (member,) = record["source_records"]
        # the golden value reads in a readable casing; lineage keeps what the source wrote
        assert record["attributes"]["name"] == "Acme Consulting Ltd"
        lineage = record["lineage"]["name"]
        assert lineage.get("source_value", own[member["source_id"]]) == own[member["source_id"]]
    now = seeded.client.get(
        f"/v1/customer/golden/{merged_away}", params={"at": "2999-01-01T00:00:00Z"}
    )
    assert now.json()["id"] == survivor and now.json()["redirected_from"] == merged_away
    early = seeded.client.get(f"/v1/customer/golden/{survivor}", params={"at": "2001-01-01"})
    assert_error(early, 404, "not_found")


def test_xref_names_the_golden_record_that_holds_a_source_record(seeded: Seeded) -> None:
    survivor, _ = survivor_and_merged_away(seeded)
    body = seeded.client.get("/v1/customer/xref/erp/E1").json()
    assert body["golden_id"] == survivor and body["golden_status"] == "active"
    assert_error(seeded.client.get("/v1/customer/xref/erp/NOPE"), 404, "not_found")
    assert_error(seeded.client.get("/v1/resource/xref/erp/E1"), 404, "not_found")


def test_search_pages_never_repeat_or_skip(seeded: Seeded) -> None:
    with seeded.runtime.unit_of_work() as uow:
        expected = {
            g for g, a in queries.active_attributes(uow, "customer").items()
            if any(w in (a.get("name", "") + a.get("legal_name", "")).lower() for w in ("l",))
        }  # fmt: skip
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"q": "L", "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = seeded.client.get("/v1/customer/golden", params=params).json()
        seen.extend(r["id"] for r in body["results"])
        cursor = body["next"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) and set(seen) == expected and len(seen) > 2


def test_search_matches_any_case(seeded: Seeded) -> None:
    body = seeded.client.get("/v1/customer/golden", params={"q": "bOREALIS"}).json()
    assert body["results"] and body["next"] is None
    assert all("borealis" in r["attributes"]["legal_name"].lower() for r in body["results"])


@pytest.mark.parametrize(
    "path",
    [
        "/v1/customer/golden/not-a-uuid",
        "/v1/customer/golden/00000000-0000-0000-0000-000000000000",
        "/v1/customer/golden/not-a-uuid/history",
        "/v1/planet/golden/00000000-0000-0000-0000-000000000000",
    ],
)
def test_unknown_ids_and_entities_are_404_json(seeded: Seeded, path: str) -> None:
    response = seeded.client.get(path)
    assert response.status_code == 404
    assert set(response.json()["error"]) == {"code", "message", "details"}


def test_a_record_read_under_the_wrong_entity_is_not_found(seeded: Seeded) -> None:
    survivor, _ = survivor_and_merged_away(seeded)
    assert_error(seeded.client.get(f"/v1/resource/golden/{survivor}"), 404, "not_found")


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        (
            "/v1/customer/golden/00000000-0000-0000-0000-000000000000",
            {"at": "yesterday"},
            "invalid_request",
        ),
        ("/v1/customer/golden", {"limit": 0}, "invalid_request"),
        ("/v1/customer/golden", {"cursor": "garbage"}, "invalid_cursor"),
        ("/v1/events", {"limit": 1001}, "invalid_request"),
        ("/v1/events", {"after": "garbage"}, "invalid_cursor"),
    ],
)
def test_bad_input_is_422_json(
    seeded: Seeded, path: str, params: dict[str, Any], code: str
) -> None:
    assert_error(seeded.client.get(path, params=params), 422, code)


# --- replay: the feed alone rebuilds the hub ------------------------------------------------


def apply_event(state: dict[str, dict[str, Any]], event: dict[str, Any]) -> None:
    kind = event["type"].split(".")[2]
    subject, data = event["subject"], event["data"]
    if kind in ("created", "updated", "split"):
        state[subject] = data["attributes"]
    elif kind == "merged":
        if subject == data["survivor"]:
            state[subject] = data["attributes"]
        for gone in data["merged_away"]:
            state.pop(gone, None)
    elif kind == "deleted":
        state.pop(subject, None)
    else:
        raise AssertionError(f"unexpected event type {event['type']}")


def replay(client: TestClient, total: int) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Read the feed from the start in small pages; each event id arrives exactly once."""
    state: dict[str, dict[str, Any]] = {}
    kinds: list[str] = []
    ids: set[str] = set()
    after: str | None = None
    deadline = time.monotonic() + WAIT_SECONDS
    while len(kinds) < total and time.monotonic() < deadline:
        params: dict[str, Any] = {"limit": 4, **({"after": after} if after else {})}
        body = client.get("/v1/events", params=params).json()
        for event in body["events"]:
            assert event["id"] not in ids
            ids.add(event["id"])
            kinds.append(event["type"].split(".")[2])
            apply_event(state, event)
        if not body["events"]:
            assert after is None or body["next"] == after
            time.sleep(0.2)  # the relay has not placed the last committed events yet
        after = body["next"]
    return state, kinds


def change_everything(runtime: Runtime) -> None:
    """Creations, merges, an update, a deletion and a split, each committed."""
    lonely = "C9,Zephyr Holdings,,,zephyr.example,,,Oslo,NO\n"
    with runtime.unit_of_work() as uow:
        load(uow, "crm", extract_rows("C", shout=False) + lonely)
        load(uow, "erp", extract_rows("E", shout=True))
    resolve(runtime)
    with runtime.unit_of_work() as uow:
        renamed = extract_rows("C", shout=False).replace("Cobalt Partners LLP,", "Cobalt & Co,", 1)
        load(uow, "crm", renamed, full=True)
    with runtime.unit_of_work() as uow:
        cluster = members_of_goldens(uow.session, "C1")
        sql = text("SELECT id FROM source_record WHERE source_id = 'C1'")
        c1 = int(uow.session.execute(sql).scalar_one())
        rest = [r for r in cluster if r != c1]
        now = datetime.now(UTC)
        apply_partition(uow, "customer", [[c1], rest], actor="steward", reason="split", now=now)


@pytest.fixture
def replay_runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_api_replay") as runtime:
        yield runtime


def test_replaying_the_feed_rebuilds_every_active_golden_record(replay_runtime: Runtime) -> None:
    change_everything(replay_runtime)
    with replay_runtime.unit_of_work() as uow:
        hub = queries.active_attributes(uow)
        total = int(uow.session.execute(text("SELECT count(*) FROM outbox_event")).scalar_one())
    headers = bearer(issue_key(replay_runtime, "read"))
    with TestClient(create_app(replay_runtime), headers=headers) as client:
        state, kinds = replay(client, total)
        assert len(kinds) == total
        assert {"created", "merged", "updated", "deleted", "split"} <= set(kinds)
        assert state == hub
        last = client.get("/v1/events", params={"after": "", "limit": 1000}).json()["next"]
        assert client.get("/v1/events", params={"after": last}).json() == {
            "events": [],
            "next": last,
        }
