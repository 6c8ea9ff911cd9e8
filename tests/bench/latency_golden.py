"""Section "golden_read": read one golden customer by id among 1,000,000.

Random ids, read one at a time: first through the service functions the route calls
(``current_record``, one unit of work per read, as a request has), then
through HTTP (``GET /v1/customer/golden/{id}``) against a real ``mdm serve`` process, with
httpx from this process (one keep-alive connection, sequential requests).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence

import httpx
from sqlalchemy import text

from mdm.golden import queries
from mdm.runtime import Runtime
from tests.api_keys import bearer, issue_key
from tests.bench.latency import LATENCY_COLUMNS, Latency, summarise, timed_each, verdict
from tests.bench.million import ENTITY, BenchDatabase, describe_build, open_bench_database
from tests.bench.section import Section
from tests.bench.served_hub import serving

GOAL_MS = 20.0
READS = 2_000
QUICK_READS = 500
WARM_UP = 50
SEED = 7


def sample_golden_ids(runtime: Runtime, count: int, seed: int) -> list[uuid.UUID]:
    with runtime.unit_of_work() as uow:
        ids = uow.session.execute(
            text("SELECT id FROM golden_record WHERE entity = :e AND status = 'active'"),
            {"e": ENTITY},
        ).scalars()
        return random.Random(seed).sample(list(ids), count)


def read_through_service(runtime: Runtime, golden_id: uuid.UUID) -> queries.GoldenView:
    """What the route does for an id, in a unit of work of its own."""
    with runtime.unit_of_work() as uow:
        view = queries.current_record(uow, ENTITY, golden_id)
    if view is None:
        raise LookupError(f"golden record {golden_id} not found")
    return view


def service_latency(runtime: Runtime, ids: Sequence[uuid.UUID]) -> Latency:
    timed_each(ids[:WARM_UP], lambda g: read_through_service(runtime, g))
    timings, views = timed_each(ids, lambda g: read_through_service(runtime, g))
    if any(not v.members for v in views):
        raise AssertionError("a golden record read back without members")
    return summarise(timings)


def http_latency(base_url: str, key: str, ids: Sequence[uuid.UUID]) -> tuple[Latency, int]:
    """Latency of sequential GETs (with a read key), and the mean response size in bytes."""
    with httpx.Client(base_url=base_url, timeout=30.0, headers=bearer(key)) as client:

        def get(golden_id: uuid.UUID) -> int:
            response = client.get(f"/v1/{ENTITY}/golden/{golden_id}")
            if response.status_code != 200:
                raise AssertionError(f"GET {golden_id}: {response.status_code} {response.text}")
            return len(response.content)

        timed_each(ids[:WARM_UP], get)
        timings, sizes = timed_each(ids, get)
    return summarise(timings), sum(sizes) // len(sizes)


def run(quick: bool) -> Section:
    database = open_bench_database(quick)
    try:
        ids = sample_golden_ids(database.runtime, QUICK_READS if quick else READS, SEED)
        service = service_latency(database.runtime, ids)
        with serving(database.url) as base_url:
            http, size = http_latency(base_url, issue_key(database.runtime, "read"), ids)
    finally:
        database.runtime.close()
    return _section(database, service, http, size)


def _section(database: BenchDatabase, service: Latency, http: Latency, size: int) -> Section:
    rows = tuple(
        (path, database.golden_records, *latency.cells(), round(latency.per_second, 1),
         verdict(latency.p99, GOAL_MS))
        for path, latency in (
            ("service (current_record, one unit of work)", service),
            ("HTTP GET /v1/customer/golden/{id} (mdm serve, uvicorn)", http),
        )
    )  # fmt: skip
    return Section(
        title=f"Golden record read by id ({database.golden_records:,} golden customers)",
        columns=("path", "golden records", *LATENCY_COLUMNS, "reads/s", "p99 goal"),
        rows=rows,
        notes=_notes(database, size),
    )


def _notes(database: BenchDatabase, size: int) -> tuple[str, ...]:
    return (
        f"Random active golden ids (seeded), read one at a time after {WARM_UP} warm-up reads "
        "that are not counted; every service read is a unit of work of its own (pooled "
        "connection, BEGIN, the queries, COMMIT), as an API request is.",
        "HTTP: a real `mdm serve` process (uvicorn, one worker, log level WARNING) on the bench "
        "database, called from the bench process with one keep-alive httpx client; the time "
        f"covers the round trip and JSON (mean response {size:,} bytes).",
        describe_build(database),
    )
