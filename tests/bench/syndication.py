"""Section "syndication": golden customers delivered by the hub, in records per second, to a
real Tryton (beside Tryton's own batch-create rate, measured in the same run on the same
machine with the same party values), to a webhook receiver that verifies every signature,
and to a PostgreSQL table; then the time from the commit of a golden change to the target's
acknowledgement, one change at a time with the relay started right after each commit.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from connectors.config import parse_config
from connectors.tryton import parties
from connectors.tryton.client import TrytonClient
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.runtime import Runtime
from mdm.sync import service
from mdm.sync.connections import connect
from tests.bench.latency import spread
from tests.bench.section import Section, ratio
from tests.conftest import committed_runtime, drop_database, fresh_database_url
from tests.legacy_sql import TABLE_SQL
from tests.singletons import give_singletons
from tests.tryton_server import HUB_PASSWORD, HUB_USER, TrytonProcess, build_template
from tests.webhook_process import SECRET, Receiver

COUNT, QUICK_COUNT = 2_000, 400
CHANGES, QUICK_CHANGES = 100, 20
TRYTON_BATCH = 200
HEADER = "source_id,name,phone,website,address_line1,city,postal_code,country\n"
FIELDS = ["name", "phone", "website", "address_line1", "city", "postal_code", "country"]


def _row(i: int, suffix: str = "") -> str:
    return (f"B{i},Bench Client {i:06d} Ltd{suffix},+44 20 7946 {i % 10000:04d},"
            f"client{i}.example,{i} Market Street,Leeds,LS1 {i % 9}AA,GB\n")  # fmt: skip


def _load(hub: Runtime, count: int) -> None:
    with hub.unit_of_work() as uow:
        rows = "".join(_row(i) for i in range(count))
        ingest_extract(
            uow,
            parse_extract("crm.csv", (HEADER + rows).encode()),
            system="crm",
            entity="customer",
        )
        give_singletons(uow)


def _connect(hub: Runtime, name: str, raw: dict[str, Any]) -> None:
    with hub.unit_of_work() as uow:
        connect(
            uow,
            name,
            parse_config(name, {**raw, "entities": ["customer"]}),
            service.utc_now(),
        )


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


WARM_UP = 50


def _party_values(client: TrytonClient, count: int) -> list[dict[str, Any]]:
    countries = {
        "GB": client.model("country.country", "search", [["code", "=", "GB"]], 0, 1, None)[0]
    }
    return [
        parties.create_values(
            str(uuid.uuid4()),
            dict(zip(FIELDS, _row(i).strip().split(",")[1:], strict=True)),
            countries,
        )
        for i in range(count)
    ]


def warm_up(server: TrytonProcess) -> None:
    """A first batch on a freshly started server (its caches), not counted anywhere."""
    client = TrytonClient(server.server.url, server.server.database, HUB_USER, HUB_PASSWORD)
    client.model("party.party", "create", _party_values(client, WARM_UP))
    client.close()


def tryton_own_rate(template: Path, count: int) -> float:
    """Parties per second created by Tryton itself: the hub user's RPC ``create`` in batches
    of 200 with the values the connector sends, on a fresh, warmed-up copy of the database."""
    served = TrytonProcess(template, f"raw_{uuid.uuid4().hex[:6]}")
    try:
        warm_up(served)
        client = TrytonClient(served.server.url, served.server.database, HUB_USER, HUB_PASSWORD)
        values = _party_values(client, count)
        seconds = _timed(lambda: [client.model("party.party", "create", values[i : i + TRYTON_BATCH])
                                  for i in range(0, count, TRYTON_BATCH)])  # fmt: skip
        client.close()
        return count / seconds
    finally:
        served.stop()


def _latency(hub: Runtime, system: str, first: int, changes: int) -> list[float]:
    """Change one customer at a time (an ingest that commits), relay to ``system`` right
    after the commit, and take the acknowledgement time minus the commit time."""
    found: list[float] = []
    for n in range(first, first + changes):
        with hub.unit_of_work() as uow:
            extract = parse_extract("crm-change.csv", (HEADER + _row(n, f" v{n}")).encode())
            ingest_extract(uow, extract, system="crm", entity="customer")
        committed = service.utc_now()
        service.run(hub, system)
        with hub.unit_of_work() as uow:
            acked = uow.session.execute(text(
                "SELECT d.delivered_at FROM delivery d "
                "JOIN subscription s ON s.id = d.subscription_id JOIN source_system y ON y.id = s.system_id "
                "JOIN xref x ON x.golden_id = d.golden_id AND x.valid_to IS NULL "
                "JOIN source_record r ON r.id = x.source_record_id WHERE r.source_id = :sid AND y.name = :y"
            ), {"sid": f"B{n}", "y": system}).scalar_one()  # fmt: skip
        found.append((acked - committed).total_seconds() * 1000.0)
    return found


def run(quick: bool) -> Section:
    count = QUICK_COUNT if quick else COUNT
    changes = QUICK_CHANGES if quick else CHANGES
    folder = Path(tempfile.mkdtemp(prefix="bench-tryton-"))
    legacy_url = fresh_database_url("bench_legacy")
    receiver = Receiver()
    try:
        template = build_template(folder)
        own = tryton_own_rate(template, count)
        tryton = TrytonProcess(template, "hub_target")
        receiver.start()
        engine = create_engine(legacy_url)
        with engine.begin() as conn:
            conn.execute(text(TABLE_SQL.format(name="customers", timestamp="timestamp(6)")))
        engine.dispose()
        with committed_runtime("bench_sync") as hub:
            _load(hub, count)
            fields = {f: f for f in FIELDS}
            _connect(
                hub,
                "erp",
                {
                    "connector": "tryton",
                    **tryton.server.connector_settings(),
                    "batch_size": TRYTON_BATCH,
                    "fields": fields,
                },
            )
            _connect(
                hub,
                "hooks",
                {"connector": "webhook", "url": f"{receiver.url}/hook", "secret": SECRET},
            )
            _connect(
                hub,
                "finance",
                {
                    "connector": "sql",
                    "url": legacy_url,
                    "table": "customers",
                    "fields": {"name": "name", "city": "city", "country": "country"},
                },
            )
            warm_up(tryton)
            rates = {
                name: count / _timed(lambda name=name: service.run(hub, name))
                for name in ("erp", "hooks", "finance")
            }
            latency = {
                name: _latency(hub, name, k * changes, changes)
                for k, name in enumerate(("erp", "hooks", "finance"))
            }
        tryton.stop()
    finally:
        receiver.stop()
        drop_database(legacy_url)
        shutil.rmtree(folder, ignore_errors=True)
    labels = {
        "erp": "hub -> Tryton (connector, batches of 200)",
        "hooks": "hub -> webhook receiver (signed, one POST each)",
        "finance": "hub -> PostgreSQL table (SQL connector)",
    }
    rows: list[tuple[str, int, float, float | None, float | None, float | None, int | None]] = [
        (
            "Tryton: its own batch create (RPC, batches of 200)",
            count,
            round(own, 1),
            None,
            None,
            None,
            None,
        )
    ]
    for name, label in labels.items():
        figures = spread(latency[name])
        share = ratio(rates[name], own) if name == "erp" else None
        rows.append((label, count, round(rates[name], 1), None if share is None else round(share, 2),
                     round(figures.p50, 1), round(figures.p99, 1), figures.count))  # fmt: skip
    notes = (
        f"{count} golden customers delivered by `service.run` (what `mdm sync run` does), "
        "each target empty at the start; records/s = customers / wall time of the run.",
        f"commit -> ack: {changes} changes per target, one at a time: an ingest commits a changed "
        "customer, then `mdm sync run --system` does what a woken worker does (build the "
        "connector: Tryton login, table reflection; claim; write; record); the figure is the "
        "acknowledgement time recorded by the hub minus the time the commit returned.",
        "Both Tryton databases get a warm-up batch of 50 parties (not counted) after the "
        "server starts.",
        "Tryton's own rate is the physical limit of the Tryton row: same machine, same run, "
        "same party values, the same RPC the connector uses, no hub in between.",
        "The machine is shared with other work during the run (see the load figure).",
    )
    columns = (
        "target",
        "records",
        "records/s",
        "x Tryton's own rate",
        "commit->ack p50 ms",
        "commit->ack p99 ms",
        "changes",
    )
    return Section("Syndication: golden records to connected systems", columns, tuple(rows), notes)
