"""The faults every SaaS connector must survive, through the hub's delivery to each vendor's
fake (Salesforce, Dynamics 365, NetSuite; documented contracts, served over HTTP): the service
down for a while (caught up, nothing lost), one record the service refuses (dead-lettered
with its reason, the others land) and, where the service writes conditionally (Salesforce's
``If-Unmodified-Since``, Dataverse's ``If-Match``), a record changed there since the hub's
write (a conflict: read first, then written). NetSuite's REST record service has no
conditional write. The throttling storms are in test_saas_sync.py and
test_salesforce_sync.py."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from mdm.repositories import delivery_status
from mdm.runtime import Runtime
from mdm.sync import service
from tests.fakes import dataverse, netsuite, salesforce
from tests.fakes.http_server import FakeServer
from tests.integration.sync.scenario import CRM, HEADER, connect_system, ingest, status_of

OSPREY = "A9,Osprey Advisory LLP,,osprey.example,,,Leeds,,GB,150483782\n"


@dataclass
class Vendor:
    name: str
    server: FakeServer
    raw: dict[str, Any]  # the connector's configuration, entities and fields included
    records: Callable[[], dict[str, dict[str, Any]]]  # golden id -> the record there
    name_field: str
    city_field: str
    edit: Callable[[str, dict[str, Any]], None] | None = None  # a user's edit there
    bad_field: str = "MDM_DUNS__c"  # a field the service does not have

    def connect(self, hub: Runtime, **fields: str) -> None:
        raw = {**self.raw, "fields": {**self.raw["fields"], **fields}}
        connect_system(hub, self.name, raw)


def _salesforce() -> Vendor:
    org = salesforce.Org()
    server = FakeServer(salesforce.make_app(org))
    raw = {"connector": "salesforce", "login_url": server.url, "client_id": salesforce.CLIENT_ID,
           "client_secret": salesforce.CLIENT_SECRET, "conditional_write": True,
           "entities": ["customer"], "fields": {"name": "Name", "city": "BillingCity"}}  # fmt: skip

    def edit(golden_id: str, values: dict[str, Any]) -> None:
        time.sleep(1.1)  # Salesforce's HTTP dates count seconds: an edit a second later
        org.user_edit(str(org.by_external_id("MDM_Golden_Id__c", golden_id)), **values)

    def records() -> dict[str, dict[str, Any]]:
        return {a["MDM_Golden_Id__c"]: a for a in org.accounts.values()}

    return Vendor("salesforce", server, raw, records, "Name", "BillingCity", edit)


def _dynamics() -> Vendor:
    env = dataverse.Environment()
    server = FakeServer(dataverse.make_app(env))
    raw = {"connector": "dynamics", "environment_url": server.url,
           "token_url": f"{server.url}/tenant/oauth2/v2.0/token",
           "client_id": dataverse.CLIENT_ID, "client_secret": dataverse.CLIENT_SECRET,
           "entities": ["customer"], "fields": {"name": "name", "city": "address1_city"}}  # fmt: skip
    return Vendor(
        "dynamics", server, raw, lambda: env.accounts, "name", "address1_city",
        lambda golden_id, values: env.user_edit(golden_id, **values), "mdm_duns",
    )  # fmt: skip


def _netsuite() -> Vendor:
    account = netsuite.Account()
    server = FakeServer(netsuite.make_app(account))
    raw = {"connector": "netsuite", "account_url": server.url, "access_token": netsuite.TOKEN,
           "defaults": {"subsidiary": {"id": "1"}}, "entities": ["customer"],
           "fields": {"name": "companyName", "phone": "phone"}}  # fmt: skip
    return Vendor(
        "netsuite",
        server,
        raw,
        lambda: account.customers,
        "companyName",
        "",
        None,
        "custentity_duns",
    )


@pytest.fixture(params=["salesforce", "dynamics", "netsuite"])
def vendor(request: pytest.FixtureRequest) -> Iterator[Vendor]:
    made = {"salesforce": _salesforce, "dynamics": _dynamics, "netsuite": _netsuite}
    found = made[request.param]()
    with found.server:
        yield found


def test_a_service_down_for_a_while_catches_up_and_loses_nothing(
    hub: Runtime, vendor: Vendor
) -> None:
    ingest(hub, "crm", CRM)
    vendor.connect(hub)
    vendor.server.stop()
    start = service.utc_now()
    down = service.run(hub, clock=lambda: start)[0]
    assert down.stopped and "unreachable" in down.stopped and down.retrying == 4
    assert service.run(hub, clock=lambda: start)[0].stopped  # the immediate retry, then 5 s
    assert service.run(hub, clock=lambda: start)[0].outcomes == {}
    row = status_of(hub, vendor.name)
    assert (row.pending, row.failing, row.dead) == (4, 4, 0)
    vendor.server.start()
    back = service.run(hub, clock=lambda: start + timedelta(seconds=6))[0]
    assert back.outcomes == {"created": 4} and back.dead == 0
    assert len(vendor.records()) == 4
    row = status_of(hub, vendor.name)
    assert (row.pending, row.dead, row.delivered) == (0, 0, 4)


def test_one_record_the_service_refuses_is_dead_lettered_with_its_reason(
    hub: Runtime, vendor: Vendor
) -> None:
    ingest(hub, "crm", CRM, match=False)
    ingest(hub, "crm", OSPREY, header=HEADER.strip() + ",duns\n")  # only Osprey has a DUNS
    vendor.connect(hub, duns=vendor.bad_field)  # a field the service does not have
    report = service.run(hub)[0]
    assert report.outcomes == {"created": 4, "rejected": 1} and report.dead == 1
    with hub.unit_of_work() as uow:
        [dead] = delivery_status.deliveries(uow.session, system=vendor.name, status="dead")
    assert dead.last_error and dead.last_error.startswith("rejected")
    assert vendor.bad_field in dead.last_error  # the service's reason names the field
    names = sorted(str(r[vendor.name_field]) for r in vendor.records().values())
    assert len(names) == 4 and "Osprey Advisory LLP" not in names


@pytest.mark.parametrize("vendor", ["salesforce", "dynamics"], indirect=True)
def test_a_record_changed_there_since_the_hubs_write_is_read_first_then_written(
    hub: Runtime, vendor: Vendor
) -> None:
    assert vendor.edit is not None
    ingest(hub, "crm", CRM)
    vendor.connect(hub)
    service.run(hub)
    [kestrel] = [g for g, r in vendor.records().items()
                 if r[vendor.name_field] == "Kestrel Analytics Inc"]  # fmt: skip
    vendor.edit(kestrel, {vendor.city_field: "Boston"})
    ingest(hub, "crm", CRM.replace("Kestrel Analytics Inc", "Kestrel Analytics Incorporated"))
    report = service.run(hub)[0]
    assert report.outcomes == {"conflict": 1, "updated": 1}
    with hub.unit_of_work() as uow:
        read = uow.session.execute(
            text("SELECT v.canonical->>'city' FROM source_record_version v "
                 "JOIN source_record r ON r.id = v.source_record_id "
                 "JOIN source_system s ON s.id = r.system_id WHERE s.name = :n"),
            {"n": vendor.name},
        ).scalars().all()  # fmt: skip
    assert read == ["Boston"]  # the user's change there was read before the write
    assert vendor.records()[kestrel][vendor.name_field] == "Kestrel Analytics Incorporated"
