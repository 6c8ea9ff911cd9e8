"""Golden changes to a real webhook receiver (its own process) that verifies every Standard
Webhooks signature: delivered once each, retried when the endpoint is down or throttles,
one bad answer dead-lettered alone, 410 pausing the endpoint."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from mdm.repositories import delivery_status
from mdm.runtime import Runtime
from mdm.sync import service
from tests.integration.sync.scenario import (
    CRM,
    ERP,
    ERP_CORRECTED,
    connect_system,
    ingest,
    status_of,
)
from tests.webhook_process import SECRET, Receiver


def connect_webhook(hub: Runtime, receiver: Receiver, batch_size: int = 50) -> None:
    raw = {"connector": "webhook", "url": f"{receiver.url}/hook", "secret": SECRET,
           "batch_size": batch_size, "entities": ["customer"]}  # fmt: skip
    connect_system(hub, "hooks", raw)


def test_each_golden_change_arrives_once_signed_as_a_cloudevent(
    hub: Runtime, receiver: Receiver
) -> None:
    ingest(hub, "crm", CRM)
    ingest(hub, "erp", ERP)
    connect_webhook(hub, receiver)
    assert service.run(hub)[0].outcomes == {"created": 7}
    assert service.run(hub)[0].outcomes == {}
    ingest(hub, "erp", ERP_CORRECTED)
    assert service.run(hub)[0].outcomes == {"deactivated": 2, "updated": 2}
    got = receiver.received()
    assert receiver.refused() == [] and len(got) == 11
    assert {m["event"]["specversion"] for m in got} == {"1.0"}
    kinds = Counter(m["event"]["type"] for m in got)
    assert kinds == {"mdm.customer.upserted.v1": 9, "mdm.customer.deactivated.v1": 2}
    gone = [m["event"]["data"] for m in got if m["event"]["type"].endswith("deactivated.v1")]
    assert all(d["merged_into"] for d in gone)


def test_an_endpoint_down_then_throttling_gets_everything_once(
    hub: Runtime, receiver: Receiver
) -> None:
    ingest(hub, "crm", CRM)
    connect_webhook(hub, receiver)
    receiver.stop()
    start = service.utc_now()
    assert service.run(hub, clock=lambda: start)[0].stopped
    receiver.start()
    receiver.script(*[{"status": 429, "retry_after": "60"}] * 3)  # a 429 storm
    later = start + timedelta(seconds=10)
    for step in range(4):
        report = service.run(hub, clock=lambda step=step: later + timedelta(hours=3 * step))[0]
        if step < 3:
            assert report.stopped == "the endpoint answered 429"
            row = status_of(hub, "hooks")
            assert row.pending == 4 and row.dead == 0
    assert report.outcomes == {"created": 4}
    ids = [m["id"] for m in receiver.received()]
    assert len(ids) == len(set(ids)) == 4


def test_one_refused_message_is_dead_lettered_and_the_others_land(
    hub: Runtime, receiver: Receiver
) -> None:
    ingest(hub, "crm", CRM)
    connect_webhook(hub, receiver)
    receiver.script({"status": 204}, {"status": 422})
    report = service.run(hub)[0]
    assert report.outcomes == {"created": 3, "rejected": 1} and report.dead == 1
    with hub.unit_of_work() as uow:
        [dead] = delivery_status.deliveries(uow.session, system="hooks", status="dead")
    assert dead.last_error is not None and "HTTP 422" in dead.last_error
    assert len(receiver.received()) == 3
    assert service.retry_dead(hub, "hooks") == 1
    assert service.run(hub)[0].outcomes == {"created": 1}


def test_410_gone_pauses_the_endpoint(hub: Runtime, receiver: Receiver) -> None:
    ingest(hub, "crm", CRM)
    connect_webhook(hub, receiver)
    receiver.script({"status": 410})
    report = service.run(hub)[0]
    assert report.stopped is not None and "410" in report.stopped
    assert status_of(hub, "hooks").subscription == "paused"
    assert service.run(hub)[0].stopped == "paused"
    service.set_paused(hub, "hooks", False)
    assert service.run(hub)[0].outcomes == {"created": 4}


def test_502_and_504_hold_back_like_429_and_their_retry_after_is_honoured(
    hub: Runtime, receiver: Receiver
) -> None:
    ingest(hub, "crm", CRM)
    connect_webhook(hub, receiver)
    receiver.script({"status": 502}, {"status": 504, "retry_after": "600"})
    start = service.utc_now()
    first = service.run(hub, clock=lambda: start)[0]
    assert first.stopped == "the endpoint answered 502" and first.retrying == 4
    then = service.run(hub, clock=lambda: start + timedelta(seconds=1))[0]  # retried at once
    assert then.stopped == "the endpoint answered 504"
    assert service.run(hub, clock=lambda: start + timedelta(seconds=300))[0].outcomes == {}
    row = status_of(hub, "hooks")
    assert (row.pending, row.failing, row.dead) == (4, 4, 0)
    done = service.run(hub, clock=lambda: start + timedelta(seconds=700))[0]
    assert done.outcomes == {"created": 4}
    ids = [m["id"] for m in receiver.received()]
    assert len(ids) == len(set(ids)) == 4
