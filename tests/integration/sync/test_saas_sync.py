"""Golden customers through the hub's delivery to fake Dynamics 365 and NetSuite services
(documented contracts, served over HTTP): one record per golden record found by its golden id,
a throttling storm waited out, merges as deactivations, and a user's edit there pulled back
while the hub's own writes are not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from connectors.registry import build
from mdm.runtime import Runtime
from mdm.sync import service
from mdm.sync.pull import pull
from tests.fakes.dataverse import CLIENT_ID, CLIENT_SECRET, Environment
from tests.fakes.dataverse import make_app as dataverse_app
from tests.fakes.http_server import FakeServer
from tests.fakes.netsuite import TOKEN, Account
from tests.fakes.netsuite import make_app as netsuite_app
from tests.integration.sync.scenario import (
    CRM,
    ERP,
    ERP_CORRECTED,
    connect_system,
    golden_customers,
    ingest,
)

DATAVERSE = {"name": "name", "phone": "telephone1", "website": "websiteurl",
             "address_line1": "address1_line1", "city": "address1_city"}  # fmt: skip
NETSUITE = {"name": "companyName", "phone": "phone", "website": "url"}


def _deliver_through_a_storm(hub: Runtime, throttle: Callable[[], None]) -> dict[str, int]:
    """Runs ten minutes apart: each throttled answer stops a run, then all lands."""
    start = service.utc_now()
    throttle()
    for stopped in range(6):  # each run ten minutes after the one a throttled answer stopped
        report = service.run(hub, clock=lambda k=stopped: start + timedelta(minutes=10 * k))[0]
        if report.stopped is None:
            assert stopped == 2  # both throttled answers were waited out
            return report.outcomes
    raise AssertionError("the storm never ended")


def test_accounts_in_dynamics_follow_the_golden_customers(hub: Runtime) -> None:
    env = Environment()
    with FakeServer(dataverse_app(env)) as server:
        raw = {"connector": "dynamics", "environment_url": server.url,
               "token_url": f"{server.url}/tenant/oauth2/v2.0/token", "client_id": CLIENT_ID,
               "client_secret": CLIENT_SECRET, "entities": ["customer"], "fields": DATAVERSE}  # fmt: skip
        ingest(hub, "crm", CRM)
        ingest(hub, "erp", ERP)
        config = connect_system(hub, "dynamics", raw)
        outcomes = _deliver_through_a_storm(hub, lambda: env.throttled.extend(["30", "30"]))
        assert outcomes == {"created": 7}
        ingest(hub, "erp", ERP_CORRECTED)
        assert service.run(hub)[0].outcomes.get("deactivated") == 2
        some = next(g for g, a in env.accounts.items() if a["statecode"] == 0)
        env.user_edit(some, address1_city="Edited in Dynamics")
        connector = build(config)
        with hub.unit_of_work() as uow:
            summary = pull(uow, "dynamics", "customer", connector, service.utc_now())
        assert (summary.read, summary.echoes) == (1, 0)  # the hub's own writes stay out
    golden = golden_customers(hub)
    assert set(env.accounts) == set(golden)
    for golden_id, (status, name) in golden.items():
        assert env.accounts[golden_id]["statecode"] == (0 if status == "active" else 1)
        if status == "active":
            assert env.accounts[golden_id]["name"] == name


def test_customers_in_netsuite_follow_the_golden_customers(hub: Runtime) -> None:
    account = Account()
    with FakeServer(netsuite_app(account)) as server:
        raw = {"connector": "netsuite", "account_url": server.url, "access_token": TOKEN,
               "defaults": {"subsidiary": {"id": "1"}}, "entities": ["customer"],
               "fields": NETSUITE}  # fmt: skip
        ingest(hub, "crm", CRM)
        ingest(hub, "erp", ERP)
        connect_system(hub, "netsuite", raw)

        def busy() -> None:
            account.busy = 2

        assert _deliver_through_a_storm(hub, busy) == {"created": 7}
        ingest(hub, "erp", ERP_CORRECTED)
        assert service.run(hub)[0].outcomes.get("deactivated") == 2
    golden = golden_customers(hub)
    assert set(account.customers) == set(golden)
    for golden_id, (status, name) in golden.items():
        assert bool(account.customers[golden_id].get("isInactive")) is (status != "active")
        if status == "active":
            assert account.customers[golden_id]["companyName"] == name
