"""The Dataverse connector's reads and faults against the fake environment served over HTTP:
changes since a cursor across pages, an environment down for a while, a 429 storm."""

from __future__ import annotations

import uuid

import pytest

from connectors.dynamics.connector import DynamicsConnector, Settings
from connectors.protocol import Deactivation, OutboundRecord, Outcome, TargetUnavailable
from tests.fakes.dataverse import CLIENT_ID, CLIENT_SECRET, Environment
from tests.fakes.http_server import FakeServer
from tests.integration.connectors.outage import later_while_down


def connector(url: str) -> DynamicsConnector:
    settings = Settings(
        environment_url=url, token_url=f"{url}/tenant/oauth2/v2.0/token", client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET, page_size=2,
    )  # fmt: skip
    return DynamicsConnector(settings, ["name", "address1_city"])


def test_changes_are_read_past_the_cursor_across_pages_without_the_hubs_own_writes(
    env: tuple[Environment, FakeServer],
) -> None:
    fake, server = env
    target = connector(server.url)
    golden = [str(uuid.uuid4()) for _ in range(5)]
    target.write("customer", [OutboundRecord(g, {"name": f"N{i}"}) for i, g in enumerate(golden)])
    first = target.read("customer", {})
    assert first.records == [] and first.state["since"]
    for i in (0, 3, 4):
        fake.user_edit(golden[i], address1_city=f"City {i}")
    then = target.read("customer", first.state)  # 3 records in pages of 2
    assert [(r.golden_id, r.values, r.active) for r in then.records] == [
        (golden[i], {"name": f"N{i}", "address1_city": f"City {i}"}, True) for i in (0, 3, 4)
    ]
    assert then.records[0].target_version == f'W/"{fake.accounts[golden[0]]["versionnumber"]}"'
    assert target.read("customer", then.state).records == []
    fake.user_edit(golden[1], statecode=1, statuscode=2)
    (deactivated,) = target.read("customer", then.state).records
    assert deactivated.golden_id == golden[1] and deactivated.active is False


def test_an_environment_down_for_a_while_is_later_and_then_takes_the_batch(
    env: tuple[Environment, FakeServer],
) -> None:
    fake, server = env
    target = connector(server.url)
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    target.write("customer", [OutboundRecord(a, {"name": "Before"})])
    batch = [OutboundRecord(a, {"name": "After"}), OutboundRecord(b, {"name": "New"})]
    later_while_down(server, lambda: target.write("customer", batch))
    results = target.write("customer", batch)
    assert [r.outcome for r in results] == [Outcome.UPDATED, Outcome.CREATED]
    assert sorted(acc["name"] for acc in fake.accounts.values()) == ["After", "New"]


def test_a_429_storm_is_later_each_time_with_its_retry_after_then_lands(
    env: tuple[Environment, FakeServer],
) -> None:
    fake, server = env
    target = connector(server.url)
    fake.throttled += ["1", "2", "4", "8", "16", "30"]
    waits = []
    for _ in range(5):
        with pytest.raises(TargetUnavailable) as caught:
            target.write("customer", [OutboundRecord(str(uuid.uuid4()), {"name": "A"})])
        waits.append(caught.value.retry_after)
    with pytest.raises(TargetUnavailable) as read_caught:
        target.read("customer", {})
    assert [*waits, read_caught.value.retry_after] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0]
    assert fake.accounts == {}
    done = target.write("customer", [OutboundRecord(str(uuid.uuid4()), {"name": "A"})])
    assert done[0].outcome is Outcome.CREATED and len(fake.accounts) == 1


def test_a_batch_goes_in_one_request_and_a_bad_or_stale_record_fails_alone(
    env: tuple[Environment, FakeServer],
) -> None:
    fake, server = env
    target = connector(server.url)
    sent: list[str] = []
    target._http.event_hooks["request"].append(lambda r: sent.append(f"{r.method} {r.url.path}"))
    a, b, c, d = (str(uuid.uuid4()) for _ in range(4))
    first = target.write(
        "customer", [OutboundRecord(a, {"name": "A"}), OutboundRecord(b, {"name": "B"})]
    )
    fake.user_edit(b, name="B edited in Dynamics")
    results = target.write("customer", [
        OutboundRecord(a, {"name": "A2"}, first[0].target_id, first[0].target_version),
        OutboundRecord(b, {"name": "B2"}, first[1].target_id, first[1].target_version),  # stale
        OutboundRecord(c, {"address1_city": "Lyon"}),  # a new account needs a name
        OutboundRecord(d, {"name": "D"}),
    ])  # fmt: skip
    assert [r.outcome for r in results] == [
        Outcome.UPDATED, Outcome.CONFLICT, Outcome.REJECTED, Outcome.CREATED,
    ]  # fmt: skip
    assert "0x80060882" in str(results[1].reason) and "0x80040203" in str(results[2].reason)
    assert results[0].target_version == f'W/"{fake.accounts[a]["versionnumber"]}"'
    assert results[3].target_id == fake.accounts[d]["accountid"]
    assert fake.accounts[b]["name"] == "B edited in Dynamics" and c not in fake.accounts
    assert [s for s in sent if "$batch" in s] == ["POST /api/data/v9.2/$batch"] * 2
    assert not [s for s in sent if s.startswith("PATCH")]
    gone = target.deactivate("customer", [Deactivation(a, None), Deactivation(c, None)])
    assert [g.outcome for g in gone] == [Outcome.DEACTIVATED, Outcome.UNCHANGED]
    assert fake.accounts[a]["statecode"] == 1


def test_discover_lists_the_columns_valid_for_update(env: tuple[Environment, FakeServer]) -> None:
    _fake, server = env
    (entity,) = connector(server.url).discover()
    assert entity.key == "mdm_goldenid"
    assert "address1_city" in entity.fields and "modifiedon" not in entity.fields
