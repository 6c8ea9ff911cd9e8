"""Faults on the way to a legacy finance table (PostgreSQL and MariaDB): the database down for
a while, one row the database refuses, a row changed there since the hub last wrote it. (A
database does not throttle per request as an HTTP service answers 429: refusing connections
under load is the server being down, the first test.)"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.engine import make_url

from mdm.repositories import delivery_status
from mdm.runtime import Runtime
from mdm.sync import service
from tests.integration.sync.scenario import CRM, connect_system, ingest, status_of
from tests.legacy_sql import Legacy
from tests.tcp_relay import TcpRelay

FIELDS = {f: f for f in ("name", "tax_id", "city", "country")}


def connect_finance(hub: Runtime, legacy: Legacy, url: str | None = None) -> None:
    raw = {"connector": "sql", **legacy.settings(), "entities": ["customer"], "fields": FIELDS}
    connect_system(hub, "finance", {**raw, "url": url or legacy.url})


def test_a_database_down_for_a_while_catches_up_and_loses_nothing(
    hub: Runtime, legacy: Legacy
) -> None:
    real = make_url(legacy.url)
    port = real.port or 5432
    socket_dir = real.query.get("host")  # the embedded server listens on a Unix socket only
    if isinstance(socket_dir, str):
        port = int(str(real.query.get("port", port)))
        proxy = TcpRelay(f"{socket_dir}/.s.PGSQL.{port}")
        real = real.difference_update_query(["host", "port"])
    else:
        proxy = TcpRelay((real.host or "127.0.0.1", port))
    proxy.up()  # to be given a port of its own,
    proxy.down()  # which refuses until it is up again
    through = real.set(host="127.0.0.1", port=proxy.port)
    ingest(hub, "crm", CRM)
    connect_finance(hub, legacy, through.render_as_string(hide_password=False))
    start = service.utc_now()
    down = service.run(hub, clock=lambda: start)[0]  # the proxy is not started: refused
    assert down.stopped and "unreachable" in down.stopped and down.retrying == 4
    service.run(hub, clock=lambda: start)  # the immediate retry fails too; next in 5 s
    assert service.run(hub, clock=lambda: start)[0].outcomes == {}  # nothing due yet
    row = status_of(hub, "finance")
    assert (row.pending, row.failing, row.dead) == (4, 4, 0)
    proxy.up()
    try:
        back = service.run(hub, clock=lambda: start + timedelta(seconds=6))[0]
    finally:
        proxy.down()
    assert back.outcomes == {"created": 4} and back.dead == 0
    assert len(legacy.rows()) == 4
    row = status_of(hub, "finance")
    assert (row.pending, row.dead, row.delivered) == (0, 0, 4)


def test_one_row_the_database_refuses_is_dead_lettered_with_its_reason(
    hub: Runtime, legacy: Legacy
) -> None:
    long_name = "Osprey " + "Advisory " * 30 + "LLP"  # the finance table holds 200 characters
    ingest(hub, "crm", CRM + f"A9,{long_name},,,,,Leeds,,GB\n")
    connect_finance(hub, legacy)
    report = service.run(hub)[0]
    assert report.outcomes == {"created": 4, "rejected": 1} and report.dead == 1
    with hub.unit_of_work() as uow:
        [dead] = delivery_status.deliveries(uow.session, system="finance", status="dead")
    assert (
        dead.last_error and "rejected" in dead.last_error and "too long" in dead.last_error.lower()
    )
    assert len(legacy.rows()) == 4


def test_a_row_changed_since_the_hubs_write_is_read_first_then_written(
    hub: Runtime, legacy: Legacy
) -> None:
    ingest(hub, "crm", CRM)
    connect_finance(hub, legacy)
    service.run(hub)
    [kestrel] = [r for r in legacy.rows() if r["name"] == "Kestrel Analytics Inc"]
    legacy.clerk_moves(kestrel["golden_id"], "Boston")
    ingest(hub, "crm", CRM.replace("Kestrel Analytics Inc", "Kestrel Analytics Incorporated"))
    report = service.run(hub)[0]
    assert report.outcomes == {"conflict": 1, "updated": 1}
    with hub.unit_of_work() as uow:
        read = uow.session.execute(
            text("SELECT v.canonical->>'city' FROM source_record_version v "
                 "JOIN source_record r ON r.id = v.source_record_id "
                 "JOIN source_system s ON s.id = r.system_id WHERE s.name = 'finance'")
        ).scalars().all()  # fmt: skip
    assert read == ["Boston"]  # the finance system's change was read before the write
    [after] = [r for r in legacy.rows() if r["golden_id"] == kestrel["golden_id"]]
    assert after["name"] == "Kestrel Analytics Incorporated" and after["updated_by"] == "mdm-hub"
    row = status_of(hub, "finance")
    assert (row.pending, row.dead, row.delivered) == (0, 0, 4)
