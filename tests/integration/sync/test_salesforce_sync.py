"""Golden customers to a fake Salesforce org (documented REST contract): one account per
golden record found by its golden id, a 503 storm waited out, merges as deactivations."""

from __future__ import annotations

from datetime import timedelta

from mdm.runtime import Runtime
from mdm.sync import service
from tests.fakes.http_server import FakeServer
from tests.fakes.salesforce import CLIENT_ID, CLIENT_SECRET, Org, make_app
from tests.integration.sync.scenario import (
    CRM,
    ERP,
    ERP_CORRECTED,
    connect_system,
    golden_customers,
    ingest,
)

FIELDS = {"name": "Name", "website": "Website", "phone": "Phone", "address_line1": "BillingStreet",
          "city": "BillingCity", "postal_code": "BillingPostalCode", "country": "BillingCountry"}  # fmt: skip


def test_accounts_follow_the_golden_customers(hub: Runtime) -> None:
    org = Org()
    with FakeServer(make_app(org)) as server:
        raw = {"connector": "salesforce", "login_url": server.url, "client_id": CLIENT_ID,
               "client_secret": CLIENT_SECRET, "entities": ["customer"], "fields": FIELDS}  # fmt: skip
        ingest(hub, "crm", CRM)
        ingest(hub, "erp", ERP)
        connect_system(hub, "salesforce", raw)
        org.queued += [(503, "30")] * 2
        start = service.utc_now()
        assert service.run(hub, clock=lambda: start)[0].stopped is not None
        assert service.run(hub, clock=lambda: start + timedelta(seconds=31))[0].stopped is not None
        done = service.run(hub, clock=lambda: start + timedelta(minutes=10))[0]
        assert done.outcomes == {"created": 7}
        ingest(hub, "erp", ERP_CORRECTED)
        assert service.run(hub)[0].outcomes.get("deactivated") == 2
    golden = golden_customers(hub)
    accounts = {a["MDM_Golden_Id__c"]: a for a in org.accounts.values()}
    assert set(accounts) == set(golden)
    for golden_id, (status, name) in golden.items():
        assert accounts[golden_id]["MDM_Active__c"] is (status == "active")
        if status == "active":
            assert accounts[golden_id]["Name"] == name
