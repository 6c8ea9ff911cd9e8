"""Faults on the way to a real Tryton: the server down for a while, a 429 storm from the
gateway in front of it, one bad record in a batch, a party changed in Tryton since the hub
last wrote it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import text

from connectors.tryton.parties import is_golden_code
from mdm.repositories import delivery_status
from mdm.runtime import Runtime
from mdm.sync import service
from tests.fakes.http_server import FakeServer
from tests.fakes.throttle import Storm, make_app
from tests.integration.sync.scenario import CRM, FIELDS, HEADER, connect_tryton, ingest, status_of
from tests.tryton_server import CLERK_PASSWORD, CLERK_USER, Tryton, TrytonProcess


def test_a_target_down_for_a_while_catches_up_and_loses_nothing(
    hub: Runtime, tryton_process: TrytonProcess
) -> None:
    ingest(hub, "crm", CRM)
    connect_tryton(hub, tryton_process.server)
    tryton_process.stop()
    start = service.utc_now()
    down = service.run(hub, clock=lambda: start)
    assert down[0].stopped and "unreachable" in down[0].stopped and down[0].retrying == 4
    service.run(hub, clock=lambda: start)  # the immediate retry fails too; next in 5 s
    assert service.run(hub, clock=lambda: start)[0].outcomes == {}  # nothing due yet
    row = status_of(hub, "erp_tryton")
    assert (row.pending, row.failing, row.dead) == (4, 4, 0)

    tryton_process.start()
    back = service.run(hub, clock=lambda: start + timedelta(seconds=6))
    assert back[0].outcomes == {"created": 4} and back[0].dead == 0
    assert len(tryton_process.server.admin().parties()) == 4
    row = status_of(hub, "erp_tryton")
    assert (row.pending, row.dead, row.delivered) == (0, 0, 4)


def test_one_bad_record_is_dead_lettered_with_its_reason_and_the_others_land(
    hub: Runtime, tryton: Tryton
) -> None:
    ingest(hub, "crm", CRM, match=False)
    osprey = "A9,Osprey Advisory LLP,,osprey.example,,,Leeds,,GB,info@osprey-advisory.co.uk\n"
    ingest(hub, "crm", osprey, header=HEADER.strip() + ",email\n")  # Tryton checks e-mail
    # domains in DNS, and these machines are offline: it refuses this record and only this one
    connect_tryton(hub, tryton, fields={f: f for f in [*FIELDS, "email"]})
    report = service.run(hub)[0]
    assert report.outcomes == {"created": 4, "rejected": 1} and report.dead == 1
    with hub.unit_of_work() as uow:
        [dead] = delivery_status.deliveries(uow.session, system="erp_tryton", status="dead")
    assert dead.last_error and "rejected" in dead.last_error and "email" in dead.last_error.lower()
    names = sorted(p["name"] for p in tryton.admin().parties())
    assert "Osprey Advisory LLP" not in names and len(names) == 4


def test_a_stale_write_is_a_conflict_read_first_then_written(hub: Runtime, tryton: Tryton) -> None:
    ingest(hub, "crm", CRM)
    connect_tryton(hub, tryton)
    service.run(hub)
    party = next(p for p in tryton.admin().parties() if p["name"] == "Kestrel Analytics Inc")
    clerk = tryton.login(CLERK_USER, CLERK_PASSWORD)
    clerk.call("model.party.party.write", [party["id"]], {"name": "Kestrel (clerk)"}, {})
    ingest(hub, "crm", CRM.replace("Kestrel Analytics Inc", "Kestrel Analytics Incorporated"))
    report = service.run(hub)[0]
    assert report.outcomes == {"conflict": 1, "updated": 1}
    with hub.unit_of_work() as uow:
        read = (
            uow.session.execute(
                text(
                    "SELECT v.canonical->>'name' FROM source_record_version v "
                    "JOIN source_record r ON r.id = v.source_record_id "
                    "JOIN source_system s ON s.id = r.system_id WHERE s.name = 'erp_tryton'"
                )
            )
            .scalars()
            .all()
        )
    assert read == ["Kestrel (clerk)"]  # the target's change was read before the write
    names = [p["name"] for p in tryton.admin().parties() if p["id"] == party["id"]]
    assert names == ["Kestrel Analytics Incorporated"]


def test_a_429_storm_is_waited_out_and_a_write_cut_short_is_not_duplicated(
    hub: Runtime, tryton: Tryton
) -> None:
    storm = Storm()
    with FakeServer(make_app(tryton.url, storm)) as gateway:
        ingest(hub, "crm", CRM)
        connect_tryton(hub, replace(tryton, url=f"{gateway.url}/"))
        # login, look-ups and the create get through; the read of the new parties' versions
        # is refused: the parties exist in Tryton but the hub does not know it
        storm.start(refusing=3, after=4, retry_after="120")
        start = service.utc_now()
        for step in range(4):
            at = start + timedelta(minutes=15 * step)
            report = service.run(hub, clock=lambda at=at: at)
            if step < 3:
                assert report[0].stopped == "Tryton answered HTTP 429"
                row = status_of(hub, "erp_tryton")
                assert (row.pending, row.dead, row.delivered) == (4, 0, 0)
                soon = at + timedelta(seconds=60)  # before its Retry-After: nothing is due
                assert service.run(hub, clock=lambda soon=soon: soon)[0].outcomes == {}
    assert storm.refused == 3
    assert report[0].outcomes == {"updated": 4}  # found by the golden id they carry
    parties = tryton.admin().parties()
    codes = [i["code"] for p in parties for i in p["identifiers."] if is_golden_code(i["code"])]
    assert len(parties) == len(set(codes)) == 4  # one party each, none created twice
    row = status_of(hub, "erp_tryton")
    assert (row.pending, row.dead, row.delivered) == (0, 0, 4)
