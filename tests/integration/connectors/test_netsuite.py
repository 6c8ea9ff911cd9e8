"""The NetSuite connector against a fake account that follows the REST record service's
documented contract (tests/fakes/netsuite.py): upsert by external id, problem details per
record, concurrency-limit 429s."""

from __future__ import annotations

import uuid

import pytest

from connectors.netsuite.connector import NetSuiteConnector, Settings
from connectors.protocol import Deactivation, OutboundRecord, Outcome, TargetUnavailable
from tests.fakes.http_server import FakeServer
from tests.fakes.netsuite import TOKEN, Account


def connector(url: str, token: str = TOKEN) -> NetSuiteConnector:
    return NetSuiteConnector(
        Settings(account_url=url, access_token=token, defaults={"subsidiary": {"id": "1"}})
    )


def gid() -> str:
    return str(uuid.uuid4())


def test_customers_are_upserted_by_external_id_and_a_bad_one_is_refused_alone(
    account: tuple[Account, FakeServer],
) -> None:
    fake, server = account
    target = connector(server.url)
    a, b = gid(), gid()
    first = target.write(
        "customer", [OutboundRecord(a, {"companyName": "Acme"}), OutboundRecord(b, {"phone": "1"})]
    )
    assert [r.outcome for r in first] == [Outcome.CREATED, Outcome.REJECTED]
    assert "Company Name" in str(first[1].reason)
    again = target.write(
        "customer", [OutboundRecord(a, {"companyName": "Acme SA"}, first[0].target_id)]
    )
    assert again[0].outcome is Outcome.UPDATED and again[0].target_id == first[0].target_id
    assert [c["companyName"] for c in fake.customers.values()] == ["Acme SA"]
    gone = target.deactivate("customer", [Deactivation(a, None), Deactivation(b, None)])
    assert [g.outcome for g in gone] == [Outcome.DEACTIVATED, Outcome.UNCHANGED]
    assert fake.customers[a]["isInactive"] is True


def test_the_concurrency_limit_is_later_and_a_bad_token_is_refused(
    account: tuple[Account, FakeServer],
) -> None:
    fake, server = account
    fake.busy = 2
    target = connector(server.url)
    for _ in range(2):
        with pytest.raises(TargetUnavailable, match="CONCURRENCY_LIMIT_EXCEEDED"):
            target.write("customer", [OutboundRecord(gid(), {"companyName": "A"})])
    assert (
        target.write("customer", [OutboundRecord(gid(), {"companyName": "A"})])[0].outcome
        is Outcome.CREATED
    )
    with pytest.raises(TargetUnavailable, match="INVALID_LOGIN"):  # nothing lands, none dead
        connector(server.url, "expired").write(
            "customer", [OutboundRecord(gid(), {"companyName": "A"})]
        )
