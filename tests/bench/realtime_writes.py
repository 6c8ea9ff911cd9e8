"""Section "realtime_writes": a system writes customer records through the API in real time.

Against a real ``mdm serve`` process on a database of 100,000 golden customers
(``mdm_bench_writes``, built like the latency sections' database, then written to by every
run) and, when it exists, the 1,000,000 of ``mdm_bench_million``: new generated customers
are sent with one client, one after another, first one record per call
(``PUT /v1/customer/records/bench_api/{id}``), then in batches (``POST
/v1/customer/records/bench_api``). The time of a call is from sending the request to
receiving the answer that carries the record's golden id (each new record is resolved
incrementally in the request's transaction); a call answered 202 (queued) would not count as
done, and the section says how many were.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
from sqlalchemy import text

from mdm.synthetic import generate_extract
from tests.api_keys import bearer, issue_key
from tests.bench.latency import LATENCY_COLUMNS, Latency, summarise
from tests.bench.million import BenchDatabase, open_database, url_of
from tests.bench.section import Section
from tests.bench.served_hub import serving

ENTITY = "customer"
SYSTEM = "bench_api"
ROWS = 100_000
SINGLE_WRITES, QUICK_SINGLE_WRITES = 400, 60
BATCHES = ((100, 8), (1000, 3))  # (records per batch, batches)
QUICK_BATCHES = ((100, 2),)
WARM_UP = 10
COLUMNS = ("path", "golden records", "records", *LATENCY_COLUMNS, "records/s",
           "queued (no golden id in the answer)")  # fmt: skip
COLUMNS = ("path", "golden records", "records", *LATENCY_COLUMNS, "records/s",
           "queued (no golden id in the answer)")  # fmt: skip


@dataclass(frozen=True)
class Measured:
    path: str
    records: int
    latency: Latency
    seconds: float
    queued: int

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds


def new_records(count: int) -> Iterator[dict[str, str]]:
    """Generated customers with fresh source ids, values as canonical text (empty = absent)."""
    extract = generate_extract(ENTITY, count, seed=uuid.uuid4().int % 10**9, system=SYSTEM)
    run = uuid.uuid4().hex[:8]
    for n, row in enumerate(extract.rows):
        values = {k: v for k, v in row.items() if v and k != "source_id"}
        yield {"source_id": f"{run}-{n}", **values}


def _put(client: httpx.Client, record: dict[str, str]) -> tuple[float, bool]:
    values = {k: v for k, v in record.items() if k != "source_id"}
    started = time.perf_counter()
    answer = client.put(f"/v1/{ENTITY}/records/{SYSTEM}/{record['source_id']}", json=values)
    elapsed = time.perf_counter() - started
    if answer.status_code not in (200, 201, 202):
        raise AssertionError(f"PUT: {answer.status_code} {answer.text[:300]}")
    return elapsed, answer.status_code == 202 or answer.json()["golden_id"] is None


def single_writes(client: httpx.Client, count: int) -> Measured:
    records = list(new_records(count + WARM_UP))
    for record in records[:WARM_UP]:
        _put(client, record)
    started = time.perf_counter()
    timed = [_put(client, r) for r in records[WARM_UP:]]
    seconds = time.perf_counter() - started
    return Measured(
        "PUT one record per call", count, summarise([t for t, _ in timed]), seconds,
        sum(q for _, q in timed),
    )  # fmt: skip


def batch_writes(client: httpx.Client, size: int, batches: int) -> Measured:
    timings, queued = [], 0
    started = time.perf_counter()
    for _ in range(batches):
        records = list(new_records(size))
        sent = time.perf_counter()
        answer = client.post(f"/v1/{ENTITY}/records/{SYSTEM}", json={"records": records})
        timings.append(time.perf_counter() - sent)
        if answer.status_code not in (200, 202):
            raise AssertionError(f"batch: {answer.status_code} {answer.text[:300]}")
        queued += sum(1 for r in answer.json()["results"] if r["golden_id"] is None)
    seconds = time.perf_counter() - started
    return Measured(
        f"POST batches of {size:,}", size * batches, summarise(timings), seconds, queued
    )


def measure(database: BenchDatabase, quick: bool) -> list[Measured]:
    token = issue_key(database.runtime, "write", "read", system=SYSTEM, rate=1_000_000)
    with (
        serving(database.url) as base,
        httpx.Client(base_url=base, headers=bearer(token), timeout=300.0) as client,
    ):
        found = [single_writes(client, QUICK_SINGLE_WRITES if quick else SINGLE_WRITES)]
        for size, batches in QUICK_BATCHES if quick else BATCHES:
            found.append(batch_writes(client, size, batches))
    return found


def million_exists() -> bool:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url_of("postgres"))
    try:
        with engine.connect() as conn:
            sql = text("SELECT 1 FROM pg_database WHERE datname = 'mdm_bench_million'")
            return conn.execute(sql).first() is not None
    finally:
        engine.dispose()


def run(quick: bool) -> Section:
    databases = [open_database("mdm_bench_writes_quick" if quick else "mdm_bench_writes", ROWS)]
    if not quick and million_exists():
        databases.append(open_database("mdm_bench_million", 1_000_000))
    rows, notes = [], []
    try:
        for database in databases:
            for m in measure(database, quick):
                rows.append(
                    (m.path, database.golden_records, m.records, *m.latency.cells(),
                     round(m.records_per_second, 1), m.queued)
                )  # fmt: skip
    finally:
        for database in databases:
            database.runtime.close()
    if len(databases) == 1:
        notes.append(
            "No 1,000,000-record bench database (mdm_bench_million) existed on this machine "
            "when this ran, so there is no 1M row; it is measured when that database exists."
        )
    return _section(tuple(rows), tuple(notes))


def _section(rows: tuple[tuple[object, ...], ...], notes: tuple[str, ...]) -> Section:
    return Section(
        title="Real-time writes through the API (request to golden id)",
        columns=COLUMNS,
        rows=rows,  # type: ignore[arg-type]
        notes=(
            "One client, sequential calls, keep-alive, against `mdm serve` (uvicorn, one "
            "process) on the same machine; latency is per call (a batch's latency is the "
            "whole batch). Each call validates, versions, resolves the new records "
            "incrementally against the stored model and answers with the golden ids, in one "
            "transaction; every call is also audited and throttled (in-process buckets).",
            "Records are new generated customers (a few duplicates of one another), so most "
            "become new golden records; the database keeps them (it grows by each run).",
            *notes,
        ),
    )
