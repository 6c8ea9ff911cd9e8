"""Faults on the way to a real Tryton: the server down for a while, one bad record in a batch,
a party changed in Tryton since the hub last wrote it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from mdm.repositories import delivery_status
from mdm.runtime import Runtime
from mdm.sync import service
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
    with hub.unit_of_work() as session:
        [dead] = delivery_status.deliveries(session, system="erp_tryton", status="dead")
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
    with hub.unit_of_work() as session:
        read = (
            session.execute(
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
