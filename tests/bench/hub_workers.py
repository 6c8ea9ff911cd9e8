"""Section "workers": a bulk resolution split into blocks for Celery workers (`mdm match
--bulk --distribute`), with 1 and with 2 worker processes, against the same bulk run in one
process (`mdm match --bulk`), on one database of generated customers from three systems that
a first `mdm match` resolved (and trained the model every run then scores with). Each run's
golden records are compared with the one-process run's."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from tests.bench.footprint import Watched, watch
from tests.bench.hub_cli import MDM, fresh_hub
from tests.bench.hub_scale import extracts
from tests.bench.section import Cell, Section

FULL_SIZE = 300_000
QUICK_SIZE = 20_000
BLOCKS = 4
BROKER = os.environ.get("MDM_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
Partition = set[frozenset[tuple[str, str]]]


@contextmanager
def workers(env: dict[str, str], count: int) -> Iterator[None]:
    """``count`` `mdm worker` processes of one pool process each, ready before it yields."""
    started = []
    for _ in range(count):
        process = subprocess.Popen(
            [*MDM, "worker", "--concurrency", "1"], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )  # fmt: skip
        started.append(process)
    try:
        for process in started:
            assert process.stdout is not None
            for line in process.stdout:  # until the worker says it is ready
                if "ready." in line:
                    break
            else:
                raise RuntimeError("a worker ended before it was ready")
        yield
    finally:
        for process in started:
            os.killpg(process.pid, signal.SIGTERM)
        for process in started:
            process.wait(timeout=60)


def partition(env: dict[str, str]) -> Partition:
    out = subprocess.run(
        [*MDM, "export", "xref", "--entity", "customer"], env=env, capture_output=True,
        text=True, check=True,
    ).stdout  # fmt: skip
    groups: dict[str, set[tuple[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(out)):
        groups.setdefault(row["golden_id"], set()).add((row["source"], row["source_id"]))
    return {frozenset(g) for g in groups.values()}


def _bulk(env: dict[str, str], *extra: str) -> Watched:
    done = watch([*MDM, "match", "--entity", "customer", "--bulk", *extra], env)
    if done.returncode != 0:
        raise RuntimeError(f"mdm match {' '.join(extra)} failed: {done.logs[-5:]}")
    return done


def run(quick: bool) -> Section:
    data = extracts(QUICK_SIZE if quick else FULL_SIZE)
    with fresh_hub("mdm_bench_workers") as base:
        env = {**base, "MDM_BROKER_URL": BROKER, "MDM_TASK_QUEUE": f"bench-{uuid.uuid4().hex[:8]}",
               "MDM_LOG_LEVEL": "INFO", "MDM_LOG_FORMAT": "json"}  # fmt: skip
        for path in data.files:
            subprocess.run([*MDM, "ingest", str(path), "--source", path.stem, "--entity",
                            "customer"], env=env, capture_output=True, check=False)  # fmt: skip
        subprocess.run([*MDM, "match", "--entity", "customer"], env=env, capture_output=True,
                       check=True)  # fmt: skip
        one = _bulk(env)
        expected = partition(env)
        runs: list[tuple[str, Watched, bool]] = [("one process (`mdm match --bulk`)", one, True)]
        for count in (1, 2):
            with workers(env, count):
                done = _bulk(env, "--distribute", "--blocks", str(BLOCKS))
            label = f"{count} worker process{'es' if count > 1 else ''} (`--distribute`)"
            runs.append((label, done, partition(env) == expected))
    return _section(data.records, runs)


def _section(records: int, runs: list[tuple[str, Watched, bool]]) -> Section:
    one_worker = runs[1][1].seconds
    rows: list[tuple[Cell, ...]] = []
    for label, done, same in runs:
        summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        blocks = re.search(r"(\d+) score blocks by (\d+) worker", summary)
        speed = None if label.startswith("one") else round(one_worker / done.seconds, 2)
        rows.append((
            label, records, round(done.seconds, 1), round(done.cpu_seconds, 1),
            round(done.peak_gib, 2), int(blocks[1]) if blocks else None, speed,
            "yes" if same else "NO",
        ))  # fmt: skip
    return Section(
        title="Bulk resolution on Celery workers: the same clusters, 1 and 2 worker processes",
        columns=(
            "run",
            "records",
            "seconds",
            "CPU seconds (mdm match)",
            "peak memory of mdm match (GiB)",
            "score blocks",
            "speed-up over 1 worker",
            "same golden records as one process",
        ),
        rows=tuple(rows),
        notes=(
            "Each run resolves every record afresh (`--bulk`) with the model the first "
            "`mdm match` trained; the workers (`mdm worker --concurrency 1`, each its own "
            "process on this machine, on a queue of the run's own) are started and ready "
            f"before the run; {BLOCKS} blocks. Seconds: the whole `mdm match` command; the "
            "workers' CPU is not in its CPU seconds (the one-process run's is all there).",
            "Same golden records: `mdm export xref` after the run, as sets of (source, source id) "
            "per golden record, equal to the one-process run's.",
            "The machine has 2 cores shared with PostgreSQL, RabbitMQ and other sessions: the "
            "speed-up is what two processes gain here, not what two machines would.",
        ),
    )
