"""The Salesforce connector's reads and faults against the fake org served over HTTP: changes
since a cursor across pages, an org that goes down and comes back, a 429 storm."""

from __future__ import annotations

import time
import uuid

import pytest

from connectors.protocol import OutboundRecord, Outcome, TargetUnavailable
from connectors.salesforce.connector import SalesforceConnector, Settings
from tests.fakes.http_server import FakeServer
from tests.fakes.salesforce import (
    CLIENT_ID,
    CLIENT_SECRET,
    PASSWORD,
    SECURITY_TOKEN,
    USERNAME,
    Org,
)
from tests.integration.connectors.outage import later_while_down


def connector(url: str) -> SalesforceConnector:
    settings = Settings(login_url=url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    return SalesforceConnector(settings, ["Name", "BillingCity"])


def test_changes_are_read_past_the_cursor_across_pages_without_the_hubs_own_writes(
    org: tuple[Org, FakeServer],
) -> None:
    fake, server = org
    target = connector(server.url)
    golden = [str(uuid.uuid4()) for _ in range(5)]
    written = target.write(
        "customer", [OutboundRecord(g, {"Name": f"N{i}"}) for i, g in enumerate(golden)]
    )
    first = target.read("customer", {})
    assert first.records == []  # the hub's own writes do not come back
    assert first.state["since"]
    for i in (1, 2, 4):
        fake.user_edit(str(written[i].target_id), BillingCity=f"City {i}")
    then = target.read("customer", first.state)  # 3 records in pages of 2
    assert [(r.golden_id, r.values, r.active) for r in then.records] == [
        (golden[i], {"Name": f"N{i}", "BillingCity": f"City {i}"}, True) for i in (1, 2, 4)
    ]
    assert then.state["since"] > first.state["since"]
    assert target.read("customer", then.state).records == []
    fake.user_edit(str(written[0].target_id), MDM_Active__c=False)
    (archived,) = target.read("customer", then.state).records
    assert archived.golden_id == golden[0] and archived.active is False


def test_an_org_down_for_a_while_is_later_and_then_takes_the_batch(
    org: tuple[Org, FakeServer],
) -> None:
    fake, server = org
    target = connector(server.url)
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    target.write("customer", [OutboundRecord(a, {"Name": "Before"})])
    batch = [OutboundRecord(a, {"Name": "After"}), OutboundRecord(b, {"Name": "New"})]
    later_while_down(server, lambda: target.write("customer", batch))
    results = target.write("customer", batch)
    assert [r.outcome for r in results] == [Outcome.UPDATED, Outcome.CREATED]
    names = sorted(acc["Name"] for acc in fake.accounts.values())
    assert names == ["After", "New"]


def test_a_429_storm_is_later_each_time_with_its_retry_after_then_lands(
    org: tuple[Org, FakeServer],
) -> None:
    fake, server = org
    target = connector(server.url)
    fake.queued += [(429, str(n)) for n in (1, 2, 4, 8, 16)]
    waits = []
    for _ in range(5):
        with pytest.raises(TargetUnavailable) as caught:
            target.write("customer", [OutboundRecord(str(uuid.uuid4()), {"Name": "A"})])
        waits.append(caught.value.retry_after)
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert fake.accounts == {}  # nothing landed while throttled
    fake.queued.append((429, "3"))
    with pytest.raises(TargetUnavailable) as read_caught:
        target.read("customer", {})
    assert read_caught.value.retry_after == 3.0
    done = target.write("customer", [OutboundRecord(str(uuid.uuid4()), {"Name": "A"})])
    assert done[0].outcome is Outcome.CREATED and len(fake.accounts) == 1


def test_the_username_password_flow_logs_in_and_a_wrong_password_is_refused(
    org: tuple[Org, FakeServer],
) -> None:
    _fake, server = org

    def login(password: str) -> SalesforceConnector:
        return SalesforceConnector(Settings(
            login_url=server.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
            username=USERNAME, password=password,
        ))  # fmt: skip

    assert login(PASSWORD + SECURITY_TOKEN).check().ok
    with pytest.raises(TargetUnavailable, match="invalid_grant"):
        login(PASSWORD).check()  # without the security token


def test_a_stale_conditional_update_is_a_conflict_and_the_rest_of_the_batch_lands(
    org: tuple[Org, FakeServer],
) -> None:
    fake, server = org
    target = SalesforceConnector(Settings(
        login_url=server.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
        conditional_write=True,
    ))  # fmt: skip
    assert target.capabilities.conditional_write
    a, b, c, d = (str(uuid.uuid4()) for _ in range(4))
    first = target.write(
        "customer",
        [
            OutboundRecord(a, {"Name": "A"}),
            OutboundRecord(b, {"Name": "B"}),
            OutboundRecord(c, {"Name": "C"}),
        ],
    )
    assert all(r.target_version for r in first)
    time.sleep(1.05)  # HTTP dates count seconds: the user's edit comes a second later
    fake.user_edit(str(first[1].target_id), Name="B edited in Salesforce")
    results = target.write("customer", [
        OutboundRecord(a, {"Name": "A2"}, first[0].target_id, first[0].target_version),
        OutboundRecord(b, {"Name": "B2"}, first[1].target_id, first[1].target_version),  # stale
        OutboundRecord(c, {"Name": "C2", "Colour__c": "blue"}, first[2].target_id, first[2].target_version),
        OutboundRecord(d, {"Name": "D"}),
    ])  # fmt: skip
    assert [r.outcome for r in results] == [
        Outcome.UPDATED, Outcome.CONFLICT, Outcome.REJECTED, Outcome.CREATED,
    ]  # fmt: skip
    assert "PRECONDITION_FAILED" in str(results[1].reason)
    assert "INVALID_FIELD" in str(results[2].reason)
    names = {acc["MDM_Golden_Id__c"]: acc["Name"] for acc in fake.accounts.values()}
    assert names == {a: "A2", b: "B edited in Salesforce", c: "C", d: "D"}
    assert results[0].target_version == fake.accounts[str(first[0].target_id)]["SystemModstamp"]
    assert results[0].target_version != first[0].target_version


def test_discover_lists_the_updateable_fields_of_the_sobject(org: tuple[Org, FakeServer]) -> None:
    _fake, server = org
    (entity,) = connector(server.url).discover()
    assert entity.key == "MDM_Golden_Id__c"
    assert "BillingCity" in entity.fields and "SystemModstamp" not in entity.fields


@pytest.mark.parametrize("version", ["62.0", "45.0"])
def test_one_record_is_upserted_on_its_external_id_row(
    org: tuple[Org, FakeServer], version: str
) -> None:
    fake, server = org
    target = SalesforceConnector(Settings(
        login_url=server.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
        api_version=version,
    ))  # fmt: skip
    sent: list[str] = []
    target._http.event_hooks["request"].append(lambda r: sent.append(f"{r.method} {r.url.path}"))
    golden = str(uuid.uuid4())
    created = target.write("customer", [OutboundRecord(golden, {"Name": "Acme"})])[0]
    updated = target.write("customer", [OutboundRecord(golden, {"Name": "Acme SA"})])[0]
    refused = target.write("customer", [OutboundRecord(str(uuid.uuid4()), {"Phone": "1"})])[0]
    assert (created.outcome, updated.outcome, refused.outcome) == (
        Outcome.CREATED, Outcome.UPDATED, Outcome.REJECTED,
    )  # fmt: skip
    assert created.target_id and "REQUIRED_FIELD_MISSING" in str(refused.reason)
    assert updated.target_id == (created.target_id if version == "62.0" else None)  # 204: no body
    row = f"PATCH /services/data/v{version}/sobjects/Account/MDM_Golden_Id__c/{golden}"
    assert sent.count(row) == 2 and not [s for s in sent if "composite" in s]
    assert [a["Name"] for a in fake.accounts.values()] == ["Acme SA"]
