"""The Dataverse connector's reads and faults against the fake environment served over HTTP:
changes since a cursor across pages, an environment down for a while, a 429 storm."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from connectors.dynamics.connector import DynamicsConnector, Settings
from connectors.protocol import OutboundRecord, Outcome, TargetUnavailable
from tests.fakes.dataverse import CLIENT_ID, CLIENT_SECRET, Environment, make_app
from tests.fakes.http_server import FakeServer


@pytest.fixture
def env() -> Iterator[tuple[Environment, FakeServer]]:
    fake = Environment()
    with FakeServer(make_app(fake)) as server:
        yield fake, server


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
    server.stop()
    batch = [OutboundRecord(a, {"name": "After"}), OutboundRecord(b, {"name": "New"})]
    for _ in range(2):
        with pytest.raises(TargetUnavailable, match="unreachable"):
            target.write("customer", batch)
    server.start()
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
