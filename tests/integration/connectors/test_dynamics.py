"""The Dataverse connector against a fake environment that follows the Web API's documented
contract (tests/fakes/dataverse.py): upsert by alternate key, conditional writes with the
ETag last seen (a record a user changed is a conflict), per-record errors, 429 storms."""

from __future__ import annotations

import uuid

import pytest

from connectors.dynamics.connector import DynamicsConnector, Settings
from connectors.protocol import Deactivation, OutboundRecord, Outcome, TargetUnavailable
from tests.fakes.dataverse import CLIENT_ID, CLIENT_SECRET, Environment
from tests.fakes.http_server import FakeServer


def connector(url: str) -> DynamicsConnector:
    return DynamicsConnector(Settings(
        environment_url=url, token_url=f"{url}/tenant/oauth2/v2.0/token",
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
    ))  # fmt: skip


def gid() -> str:
    return str(uuid.uuid4())


def test_upserts_by_alternate_key_with_per_record_errors(
    env: tuple[Environment, FakeServer],
) -> None:
    fake, server = env
    target = connector(server.url)
    a, b, c = gid(), gid(), gid()
    first = target.write("customer", [
        OutboundRecord(a, {"name": "Acme", "address1_city": "Paris"}),
        OutboundRecord(b, {"address1_city": "Lyon"}),
        OutboundRecord(c, {"name": "C", "favourite_colour": "blue"}),
    ])  # fmt: skip
    assert [r.outcome for r in first] == [Outcome.CREATED, Outcome.REJECTED, Outcome.REJECTED]
    assert "0x80040203" in str(first[1].reason) and "favourite_colour" in str(first[2].reason)
    again = target.write(
        "customer",
        [OutboundRecord(a, {"name": "Acme SA"}, first[0].target_id, first[0].target_version)],
    )
    assert again[0].outcome is Outcome.UPDATED and again[0].target_id == first[0].target_id
    assert again[0].target_version != first[0].target_version
    assert (
        target.deactivate("customer", [Deactivation(a, again[0].target_id)])[0].outcome
        is Outcome.DEACTIVATED
    )
    assert target.deactivate("customer", [Deactivation(b, None)])[0].outcome is Outcome.UNCHANGED
    assert fake.accounts[a]["statecode"] == 1 and fake.accounts[a]["name"] == "Acme SA"


def test_a_stale_etag_is_a_conflict(env: tuple[Environment, FakeServer]) -> None:
    fake, server = env
    target = connector(server.url)
    golden = gid()
    first = target.write("customer", [OutboundRecord(golden, {"name": "Acme"})])[0]
    fake.user_edit(golden, name="Acme (edited in Dynamics)")
    stale = OutboundRecord(golden, {"name": "Acme Hub"}, first.target_id, first.target_version)
    result = target.write("customer", [stale])[0]
    assert result.outcome is Outcome.CONFLICT and "0x80060882" in str(result.reason)
    assert fake.accounts[golden]["name"] == "Acme (edited in Dynamics)"


def test_a_429_storm_is_later_with_retry_after(env: tuple[Environment, FakeServer]) -> None:
    fake, server = env
    target = connector(server.url)
    fake.throttled += ["7", "9"]
    for wait in (7.0, 9.0):
        with pytest.raises(TargetUnavailable) as caught:
            target.write("customer", [OutboundRecord(gid(), {"name": "A"})])
        assert caught.value.retry_after == wait
    assert (
        target.write("customer", [OutboundRecord(gid(), {"name": "A"})])[0].outcome
        is Outcome.CREATED
    )
