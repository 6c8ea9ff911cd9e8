"""The NetSuite connector's reads and faults against the fake account served over HTTP:
SuiteQL changes since a cursor across pages, an account down for a while, a 429 storm."""

from __future__ import annotations

import time
import uuid

import pytest

from connectors.netsuite.connector import NetSuiteConnector, Settings, TokenBased
from connectors.protocol import OutboundRecord, Outcome, TargetUnavailable
from tests.fakes.http_server import FakeServer
from tests.fakes.netsuite import TOKEN, Account
from tests.fakes.netsuite_auth import CONSUMER, REALM, TOKEN_PAIR
from tests.integration.connectors.outage import later_while_down


def connector(url: str) -> NetSuiteConnector:
    settings = Settings(
        account_url=url, access_token=TOKEN, defaults={"subsidiary": {"id": "1"}}, page_size=2
    )
    return NetSuiteConnector(settings, ["companyName", "email"])


def test_changes_are_read_past_the_cursor_across_pages_and_each_only_once(
    account: tuple[Account, FakeServer],
) -> None:
    fake, server = account
    target = connector(server.url)
    golden = [str(uuid.uuid4()) for _ in range(5)]
    target.write(
        "customer", [OutboundRecord(g, {"companyName": f"N{i}"}) for i, g in enumerate(golden)]
    )
    first = target.read("customer", {})  # 5 customers in pages of 2, the hub's own included
    assert [(r.golden_id, r.values, r.active) for r in first.records] == [
        (g, {"companyName": f"N{i}", "email": None}, True) for i, g in enumerate(golden)
    ]
    assert target.read("customer", first.state).records == []  # the same second: read once
    fake.user_edit(golden[2], email="ap@n2.example")  # maybe in the cursor's second still
    (edited,) = target.read("customer", first.state).records
    assert edited.golden_id == golden[2] and edited.values["email"] == "ap@n2.example"
    time.sleep(1.1)  # NetSuite keeps seconds: a later second moves the cursor on
    fake.user_edit(golden[4], isInactive=True)
    latest = target.read("customer", first.state)
    assert [(r.golden_id, r.active) for r in latest.records][-1] == (golden[4], False)
    assert latest.state["since"] > first.state["since"]
    assert target.read("customer", latest.state).records == []


def test_an_account_down_for_a_while_is_later_and_then_takes_the_batch(
    account: tuple[Account, FakeServer],
) -> None:
    fake, server = account
    target = connector(server.url)
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    first = target.write("customer", [OutboundRecord(a, {"companyName": "Before"})])
    batch = [
        OutboundRecord(a, {"companyName": "After"}, first[0].target_id),
        OutboundRecord(b, {"companyName": "New"}),
    ]
    later_while_down(server, lambda: target.write("customer", batch))
    results = target.write("customer", batch)
    assert [r.outcome for r in results] == [Outcome.UPDATED, Outcome.CREATED]
    assert sorted(c["companyName"] for c in fake.customers.values()) == ["After", "New"]


def test_a_concurrency_storm_is_later_each_time_then_lands(
    account: tuple[Account, FakeServer],
) -> None:
    fake, server = account
    target = connector(server.url)
    fake.busy = 6
    for _ in range(5):
        with pytest.raises(TargetUnavailable, match="CONCURRENCY_LIMIT_EXCEEDED"):
            target.write("customer", [OutboundRecord(str(uuid.uuid4()), {"companyName": "A"})])
    with pytest.raises(TargetUnavailable, match="CONCURRENCY_LIMIT_EXCEEDED"):
        target.read("customer", {})
    assert fake.customers == {}
    done = target.write("customer", [OutboundRecord(str(uuid.uuid4()), {"companyName": "A"})])
    assert done[0].outcome is Outcome.CREATED and len(fake.customers) == 1


def test_check_and_discover_read_the_metadata_catalog(account: tuple[Account, FakeServer]) -> None:
    _fake, server = account
    target = connector(server.url)
    (entity,) = target.discover()
    assert entity.key == "externalId" and {"companyName", "isInactive"} <= set(entity.fields)
    assert target.check().ok
    bad = NetSuiteConnector(Settings(account_url=server.url, access_token="revoked"))
    with pytest.raises(TargetUnavailable, match="INVALID_LOGIN"):
        bad.check()


def test_token_based_authentication_signs_every_request_and_a_wrong_secret_is_refused(
    account: tuple[Account, FakeServer],
) -> None:
    fake, server = account

    def tba(token_secret: str) -> NetSuiteConnector:
        signed = TokenBased(
            account_id=REALM, consumer_key=CONSUMER[0], consumer_secret=CONSUMER[1],
            token_id=TOKEN_PAIR[0], token_secret=token_secret,
        )  # fmt: skip
        settings = Settings(
            account_url=server.url, tba=signed, defaults={"subsidiary": {"id": "1"}}, page_size=1
        )
        return NetSuiteConnector(settings)

    target = tba(TOKEN_PAIR[1])
    golden = [str(uuid.uuid4()) for _ in range(2)]
    done = target.write("customer", [OutboundRecord(g, {"companyName": g[:8]}) for g in golden])
    assert [r.outcome for r in done] == [Outcome.CREATED, Outcome.CREATED]
    read = target.read("customer", {})  # SuiteQL pages: limit and offset are signed too
    assert sorted(str(r.golden_id) for r in read.records) == sorted(golden)
    with pytest.raises(TargetUnavailable, match="INVALID_LOGIN"):
        tba("not-the-secret").write(
            "customer", [OutboundRecord(str(uuid.uuid4()), {"companyName": "X"})]
        )
    assert len(fake.customers) == 2
    with pytest.raises(ValueError, match="either access_token"):
        Settings(account_url=server.url)
