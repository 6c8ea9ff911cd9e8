"""Section "ingest": rows per second of the real ``mdm ingest`` command, end to end.

A generated customer extract (``mdm.synthetic.generate_extract``) is written as CSV and loaded
three times into a fresh database on the configured server: the first load (every row new),
the same file again (every row unchanged) and a copy with 5% of the rows changed. Each run is
the CLI in its own process, timed from start to exit: interpreter start, reading, validation,
COPY of source records and their versions into PostgreSQL (new records then wait for
matching, which gives them their golden records; that is measured in the bulk match section).
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from mdm.ingest.canonical_batch import check_rows
from mdm.ingest.reader import read_extract
from mdm.synthetic import generate_extract
from tests.bench.section import Cell, Section
from tests.bench.server import checkpoint

FULL_ROWS = 100_000
QUICK_ROWS = 10_000
SEED = 1
CHANGED_SHARE = 0.05
TARGET_ROWS_PER_SECOND = 20_000
FIRST_LOADS = 3  # fresh databases loaded; the median is reported
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "mdm_bench_ingest"
SOURCE = "bench_crm"
DATA_DIR = Path(__file__).resolve().parent / ".data" / "ingest"
SUMMARY = re.compile(
    r"(?P<rows>\d+) rows: (?P<new>\d+) new, (?P<changed>\d+) changed, "
    r"(?P<unchanged>\d+) unchanged, (?P<deleted>\d+) deleted, (?P<quarantined>\d+) quarantined"
    r" \((?P<load>[\d.]+) s,"
)
COLUMNS = (
    "run", "rows", "new", "changed", "unchanged", "quarantined", "command seconds",
    "command rows/s", "load seconds", "load rows/s", "target rows/s", "meets target",
)  # fmt: skip


@dataclass(frozen=True)
class Timed:
    label: str
    counts: dict[str, int]
    seconds: float  # the whole command
    load_seconds: float  # what the command reports: reading the file to the commit

    def rate(self, seconds: float) -> float:
        return self.counts["rows"] / seconds if seconds else 0.0

    def row(self) -> tuple[Cell, ...]:
        c = self.counts
        met = [
            name for name, sec in (("load", self.load_seconds), ("command", self.seconds))
            if self.rate(sec) >= TARGET_ROWS_PER_SECOND
        ]  # fmt: skip
        return (
            self.label, c["rows"], c["new"], c["changed"], c["unchanged"], c["quarantined"],
            round(self.seconds, 2), round(self.rate(self.seconds)), round(self.load_seconds, 2),
            round(self.rate(self.load_seconds)), TARGET_ROWS_PER_SECOND,
            " and ".join(met) if met else "no",
        )  # fmt: skip


def write_extracts(rows: int, directory: Path) -> tuple[Path, Path]:
    """The extract as generated, and a copy with ``CHANGED_SHARE`` of its rows edited."""
    extract = generate_extract("customer", rows, seed=SEED)
    directory.mkdir(parents=True, exist_ok=True)
    first, changed = directory / f"customers-{rows}.csv", directory / f"customers-{rows}-5pc.csv"
    step = round(1 / CHANGED_SHARE)
    edited = [
        {**row, "address_line2": f"Suite {i}"} if i % step == 0 else row
        for i, row in enumerate(extract.rows)
    ]
    for path, body in ((first, extract.rows), (changed, edited)):
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(extract.header)
            writer.writerows([row[c] for c in extract.header] for row in body)
    return first, changed


def fresh_database(name: str = DATABASE) -> str:
    """Drop and create the bench database ``name`` on the configured server; return its URL."""
    server = make_url(os.environ.get("MDM_DATABASE_URL") or DEFAULT_SERVER)
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.set(database=name).render_as_string(hide_password=False)


def mdm_command() -> list[str]:
    script = Path(sys.executable).with_name("mdm")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hub.cli"]


def run_ingest(label: str, path: Path, url: str) -> Timed:
    """Run ``mdm ingest`` as its own process; the time is the whole command."""
    env = {**os.environ, "MDM_DATABASE_URL": url, "MDM_LOG_LEVEL": "WARNING"}
    command = [*mdm_command(), "ingest", str(path), "--source", SOURCE, "--entity", "customer"]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    found = SUMMARY.search(done.stdout)
    if done.returncode not in (0, 1) or found is None:
        raise RuntimeError(f"{label}: mdm ingest exited {done.returncode}\n{done.stderr[-2000:]}")
    counts = {k: int(v) for k, v in found.groupdict().items() if k != "load"}
    return Timed(label, counts, seconds, float(found["load"]))


def validation_cpu(path: Path, sample: int = 20_000) -> tuple[int, float]:
    """CPU microseconds per row to check rows of ``path`` in this one process (validation,
    standardisation, JSON and hash; no database), after one warm-up row loads the tables."""
    extract = read_extract(path)
    columns = {c: c for c in extract.header}
    rows = extract.rows[:sample]
    list(check_rows("customer", columns, extract.rows[-1:]))
    started = time.process_time()
    for _ in check_rows("customer", columns, rows, parallel_from=len(rows) + 1):
        pass
    return len(rows), (time.process_time() - started) / len(rows) * 1e6


def migrate(url: str) -> None:
    """Bring the fresh database's schema to head first, so no run pays for creating it."""
    env = {**os.environ, "MDM_DATABASE_URL": url, "MDM_LOG_LEVEL": "WARNING"}
    subprocess.run([*mdm_command(), "migrate"], env=env, capture_output=True, check=True)


def first_loads(path: Path, repeats: int) -> tuple[Timed, list[Timed], str]:
    """The first load into ``repeats`` fresh databases: the median run (by command time),
    every run, and the URL of the last database (the re-ingest runs continue on it)."""
    runs: list[Timed] = []
    url = ""
    for _ in range(repeats):
        url = fresh_database()
        migrate(url)
        checkpoint(url)
        runs.append(run_ingest("first load", path, url))
    ordered = sorted(runs, key=lambda r: r.seconds)
    return ordered[len(ordered) // 2], runs, url


def run(quick: bool) -> Section:
    rows = QUICK_ROWS if quick else FULL_ROWS
    first, changed = write_extracts(rows, DATA_DIR)
    checked, cpu = validation_cpu(first)
    median, loads, url = first_loads(first, FIRST_LOADS)
    reingests = []
    for label, path in (
        ("re-ingest, unchanged", first), (f"{CHANGED_SHARE:.0%} of rows changed", changed),
    ):  # fmt: skip
        checkpoint(url)
        reingests.append(run_ingest(label, path, url))
    runs = [replace(median, label=f"first load (median of {len(loads)})"), *reingests]
    spread = ", ".join(f"{r.seconds:.2f} s ({r.rate(r.seconds):,.0f} rows/s)" for r in loads)
    return Section(
        title=f"Ingest: `mdm ingest` of {rows:,} generated customer rows",
        columns=COLUMNS,
        rows=tuple(r.row() for r in runs),
        notes=(
            "Each run is the CLI in its own process. Command seconds: timed from start to exit "
            "(interpreter start, imports, connecting, then the load, then exit). Load seconds: "
            "what the command reports, from reading the CSV to the commit: validation and "
            "standardisation in forked workers (above 4,000 rows; rows unchanged since the last "
            "load are only hashed) while the parent writes each checked part by COPY of source "
            "records and versions. New records wait for matching, which creates their golden "
            "records (bulk match section). Meets target names the figures at or above it.",
            f"Validation alone, in one process on the first {checked:,} rows (canonical checks, "
            f"standardisation, raw and canonical JSON, content hash; no database): "
            f"{cpu:.0f} µs of CPU per row.",
            f"Data: `generate_extract('customer', {rows}, seed={SEED})`; the changed file edits "
            f"address_line2 in every {round(1 / CHANGED_SHARE)}th row. Fresh database "
            f"`{DATABASE}` on the MDM_DATABASE_URL server, schema migrated before the first run.",
            "PostgreSQL runs on the same machine and shares its cores with the command; the "
            "load average above shows other work running when the section started.",
            f"First load: {len(loads)} runs, each into a fresh database; the table shows the "
            f"median by command time. Every run (command seconds): {spread}. A CHECKPOINT "
            "precedes every timed run, so no run pays for writing out what the previous step "
            "left in memory.",
        ),
    )
