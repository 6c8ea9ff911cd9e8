"""The Salesforce connector against a fake org that follows the REST API's documented
contract (tests/fakes/salesforce.py): upsert by the external-id field through sObject
Collections, per-record errors inside a 200, an expired session, 503 and 429 storms."""

from __future__ import annotations

import uuid

import pytest

from connectors.protocol import Deactivation, OutboundRecord, Outcome, TargetUnavailable
from connectors.salesforce.connector import SalesforceConnector, Settings
from tests.fakes.http_server import FakeServer
from tests.fakes.salesforce import CLIENT_ID, CLIENT_SECRET, Org


def connector(url: str, secret: str = CLIENT_SECRET) -> SalesforceConnector:
    return SalesforceConnector(Settings(login_url=url, client_id=CLIENT_ID, client_secret=secret))


def gid() -> str:
    return str(uuid.uuid4())


def test_accounts_are_upserted_by_golden_id_and_one_bad_record_fails_alone(
    org: tuple[Org, FakeServer],
) -> None:
    fake, server = org
    target = connector(server.url)
    a, b, c = gid(), gid(), gid()
    first = target.write("customer", [
        OutboundRecord(a, {"Name": "Acme", "BillingCity": "Paris"}),
        OutboundRecord(b, {"BillingCity": "Lyon"}),  # no Name: Salesforce refuses a new account
        OutboundRecord(c, {"Name": "Cobalt", "Colour__c": "blue"}),  # no such field
    ])  # fmt: skip
    assert [r.outcome for r in first] == [Outcome.CREATED, Outcome.REJECTED, Outcome.REJECTED]
    assert "REQUIRED_FIELD_MISSING" in str(first[1].reason) and "INVALID_FIELD" in str(
        first[2].reason
    )
    again = target.write(
        "customer", [OutboundRecord(a, {"Name": "Acme SA", "BillingCity": "Paris"})]
    )
    assert again[0].outcome is Outcome.UPDATED and again[0].target_id == first[0].target_id
    assert [acc["Name"] for acc in fake.accounts.values()] == ["Acme SA"]
    gone = target.deactivate("customer", [Deactivation(a, first[0].target_id)])
    assert gone[0].outcome is Outcome.DEACTIVATED
    assert next(iter(fake.accounts.values()))["MDM_Active__c"] is False
    assert target.api_usage is not None and target.api_usage[1] == 15_000


def test_an_expired_session_logs_in_again(org: tuple[Org, FakeServer]) -> None:
    fake, server = org
    target = connector(server.url)
    target.write("customer", [OutboundRecord(gid(), {"Name": "A"})])
    fake.tokens.clear()  # every session expires
    assert (
        target.write("customer", [OutboundRecord(gid(), {"Name": "B"})])[0].outcome
        is Outcome.CREATED
    )


def test_503_and_429_are_later_with_retry_after_and_bad_credentials_are_refused(
    org: tuple[Org, FakeServer],
) -> None:
    fake, server = org
    target = connector(server.url)
    fake.queued += [(503, "120"), (429, None)]
    for wait in (120.0, None):
        with pytest.raises(TargetUnavailable) as caught:
            target.write("customer", [OutboundRecord(gid(), {"Name": "A"})])
        assert caught.value.retry_after == wait
    assert (
        target.write("customer", [OutboundRecord(gid(), {"Name": "A"})])[0].outcome
        is Outcome.CREATED
    )
    with pytest.raises(TargetUnavailable, match="login refused"):
        connector(server.url, "wrong").write("customer", [OutboundRecord(gid(), {"Name": "A"})])
