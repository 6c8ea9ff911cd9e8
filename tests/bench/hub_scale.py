"""Section "scale": customer records from three systems ingested and matched through the
hub's own commands (`mdm ingest` per extract, then `mdm match`) at growing sizes up to
1,000,000, stage by stage, with the peak memory of each command and of each match stage,
candidate pairs per record and accuracy against the generator's truth.

The extracts are generated once per size and kept under ``.data/scale/`` (generation is not
timed); each size runs on a fresh database.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mdm.synthetic import GeneratorConfig, generate
from tests.bench import hub_lookup
from tests.bench.footprint import Watched, watch
from tests.bench.hub_cli import MDM, fresh_hub
from tests.bench.hub_lookup import Lookups
from tests.bench.section import Cell, Section
from tests.bench.upkeep import wait_for_upkeep

DATA = Path(__file__).resolve().parent / ".data" / "scale"
SEED = 16
RECORDS_PER_CUSTOMER = 1.7  # what the generator gives with its default error and copy rates
FULL_SIZES = (100_000, 300_000, 1_000_000)
QUICK_SIZES = (20_000,)
GOAL_SECONDS = 600
GOAL_GIB = 4.0


@dataclass(frozen=True)
class Extracts:
    records: int
    files: tuple[Path, ...]  # one CSV per system
    truth: Path  # system,source_id,entity id


def extracts(size: int) -> Extracts:
    """About ``size`` generated customer records as one CSV per system, written once."""
    customers = round(size / RECORDS_PER_CUSTOMER)
    folder = DATA / f"{customers}-{SEED}"
    truth = folder / "truth.csv"
    if not truth.exists():
        folder.mkdir(parents=True, exist_ok=True)
        _write(folder, customers)
    files = tuple(sorted(p for p in folder.glob("*.csv") if p != truth))
    with truth.open(encoding="utf-8") as f:
        records = sum(1 for _ in f) - 1
    return Extracts(records, files, truth)


def _write(folder: Path, customers: int) -> None:
    dataset = generate(GeneratorConfig(seed=SEED, customers=customers, resources=1, rate_lines=1))
    for extract in dataset.extracts:
        if extract.entity != "customer":
            continue
        with (folder / f"{extract.system}.csv").open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(extract.header), lineterminator="\n")
            writer.writeheader()
            writer.writerows(extract.rows)
    partial = folder / "truth.partial"
    with partial.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("system", "source_id", "entity"))
        for (system, entity, source_id), truth in dataset.truth.items():
            if entity == "customer":
                writer.writerow((system, source_id, truth))
    partial.rename(folder / "truth.csv")


def _stage_peaks(run: Watched) -> Iterator[tuple[str, float, float]]:
    """(stage, seconds, peak GiB) from the match's 'stage X done in N s' log lines."""
    mark = run.started
    for line in run.logs:
        found = re.fullmatch(r"stage (.+) done in ([\d.]+) s", str(line.get("message", "")))
        if not found or "time" not in line:
            continue
        at = datetime.fromisoformat(str(line["time"])).timestamp()
        yield found[1], float(found[2]), run.peak_between(mark, at)
        mark = at


def _pairs(labels: Counter[object]) -> int:
    return sum(n * (n - 1) // 2 for n in labels.values())


def accuracy(xref: str, truth: Path) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of the golden records against the truth."""
    with truth.open(encoding="utf-8") as f:
        true = {(r["system"], r["source_id"]): r["entity"] for r in csv.DictReader(f)}
    rows = list(csv.DictReader(xref.splitlines()))
    found = Counter(r["golden_id"] for r in rows)
    joint = Counter((r["golden_id"], true.get((r["source"], r["source_id"]))) for r in rows)
    hits = _pairs(joint)
    precision = hits / max(_pairs(found), 1)
    recall = hits / max(_pairs(Counter(true.values())), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)


@dataclass(frozen=True)
class Measured:
    records: int
    ingests: tuple[Watched, ...]
    match: Watched
    candidate_pairs: int
    accuracy: tuple[float, float, float]
    lookups: Lookups | None = None  # right after the match, while autovacuum works
    settled: Lookups | None = None  # other probes, once autovacuum is done
    upkeep_seconds: float = 0.0  # how long the wait for autovacuum took

    @property
    def ingest_seconds(self) -> float:
        return sum(run.seconds for run in self.ingests)

    @property
    def seconds(self) -> float:
        return self.ingest_seconds + self.match.seconds

    @property
    def peak_gib(self) -> float:
        return max(run.peak_gib for run in (*self.ingests, self.match))


def measure(size: int, *, lookups: bool = False) -> Measured:
    data = extracts(size)
    with fresh_hub(f"mdm_bench_scale_{size}") as env:
        env = {**env, "MDM_LOG_LEVEL": "INFO", "MDM_LOG_FORMAT": "json"}
        ingests = []
        for path in data.files:
            command = [*MDM, "ingest", str(path), "--source", path.stem, "--entity", "customer"]
            ingests.append(watch(command, env))
        match = watch([*MDM, "match", "--entity", "customer"], env)
        if match.returncode != 0:
            raise RuntimeError(f"mdm match failed: {match.logs[-5:]}")
        pairs = re.search(r"(\d+) candidate pairs", match.stdout)
        export = watch([*MDM, "export", "xref", "--entity", "customer"], env)
        url = env["MDM_DATABASE_URL"]
        asked = hub_lookup.measure(url) if lookups else None
        upkeep = wait_for_upkeep(url) if lookups else 0.0
        settled = hub_lookup.measure(url, seed=hub_lookup.SEED + 1) if lookups else None
        return Measured(
            data.records, tuple(ingests), match, int(pairs[1]) if pairs else 0,
            accuracy(export.stdout, data.truth), asked, settled, upkeep,
        )  # fmt: skip


def _rows(run: Measured) -> Iterator[tuple[Cell, ...]]:
    n, match = run.records, run.match
    for number, ingest in enumerate(run.ingests, start=1):
        yield (n, f"mdm ingest, extract {number}", round(ingest.seconds, 1),
               round(ingest.cpu_seconds, 1), round(ingest.peak_gib, 2), None)  # fmt: skip
    for stage, seconds, peak in _stage_peaks(match):
        yield (n, f"mdm match: {stage}", round(seconds, 1), None, round(peak, 2), None)
    yield (n, "mdm match (whole command)", round(match.seconds, 1), round(match.cpu_seconds, 1),
           round(match.peak_gib, 2), None)  # fmt: skip
    precision, recall, f1 = run.accuracy
    goal = "met" if run.seconds < GOAL_SECONDS and run.peak_gib < GOAL_GIB else "not met"
    summary = (
        f"{run.candidate_pairs / n:.1f} pairs/record; F1 {f1:.4f} "
        f"(P {precision:.4f}, R {recall:.4f}); goal {goal}"
    )
    cpu = sum(w.cpu_seconds for w in (*run.ingests, match))
    yield (n, "end to end (ingest + match)", round(run.seconds, 1), round(cpu, 1),
           round(run.peak_gib, 2), summary)  # fmt: skip
    if run.lookups is not None:
        yield from _lookup_rows(n, run.lookups, "right after the match, autovacuum at work")
    if run.settled is not None:
        when = f"once autovacuum was done ({run.upkeep_seconds:.0f} s later), other probes"
        yield from _lookup_rows(n, run.settled, when)


def _lookup_rows(n: int, found: Lookups, when: str) -> Iterator[tuple[Cell, ...]]:
    goal = hub_lookup.GOAL_MS
    runs = (
        ("new", found.new, found.new_conditions),
        ("the same again", found.repeated, found.repeated_conditions),
    )
    for label, latency, conditions in runs:
        met = "met" if latency.p99 < goal else "not met"
        outcome = (
            f"p50 {latency.p50:.1f} ms, p95 {latency.p95:.1f} ms, p99 {latency.p99:.1f} ms "
            f"over {found.golden_records:,} golden records; goal p99 < {goal:g} ms {met}; "
            f"served CPU {conditions.served_cpu_ms:.2f} ms per call, load average "
            f"{conditions.load:.2f} at the start"
        )
        step = f"HTTP POST /v1/customer/match, {when}: {latency.count:,} probes, {label}"
        yield (n, step, None, None, None, outcome)
    counted = found.candidates
    outcome = (
        f"candidate records read and scored per probe: p50 {counted.p50:.0f}, "
        f"p99 {counted.p99:.0f}, max {counted.max:.0f}; near-duplicates answered with their "
        f"golden record first: {found.found_share:.1%}"
    )
    yield (n, "the same lookups: candidates and answers", None, None, None, outcome)


def run(quick: bool) -> Section:
    sizes = QUICK_SIZES if quick else FULL_SIZES
    measured = [measure(size, lookups=size == sizes[-1]) for size in sizes]
    return Section(
        title="One machine: customers from three systems ingested and matched through the CLI",
        columns=("records", "step", "seconds", "CPU seconds", "peak memory (GiB)", "outcome"),
        rows=tuple(row for m in measured for row in _rows(m)),
        notes=(
            f"Goals at 1,000,000 records: under {GOAL_SECONDS // 60} minutes end to end and "
            f"under {GOAL_GIB:g} GiB, candidate pairs per record flat as the data grows.",
            "Generated customers (mdm.synthetic, seed 16) from three systems, written as CSV "
            "once per size (not timed); each size on a fresh database. Seconds: each command "
            "from interpreter start to exit; match stages from its log lines. CPU seconds: "
            "the command's own (user + system, its forked workers included), not the "
            "database server's: other sessions share the machine, and the load average "
            "above says how much.",
            "Peak memory: the proportional set size (PSS) of the command's whole process tree "
            "(the ingest's forked checking workers included, shared pages counted once), sampled "
            "every 0.25 s; the PostgreSQL server is not counted.",
            "F1: pairwise, of the golden records (`mdm export xref`) against the generator's truth.",
            "Lookups (largest size): a real `mdm serve` on the matched hub, a match-scoped key, "
            f"{hub_lookup.PROBES:,} probes sent one after another from this process (half "
            "near-duplicates of held records with the generator's mistakes, half new "
            "customers; 50 more first to warm up), then the same probes again: once right "
            "after the match, while the server's autovacuum works through the tables the bulk "
            "run wrote (it reads and writes beside the lookups), and once with other probes "
            "after autovacuum has nothing left to do by the server's own thresholds "
            "(tests/bench/upkeep.py). Beside each run: the serving process's CPU (user + "
            "system) per call, which the load moves far less than the percentiles, and the "
            "machine's 1-minute load average when the run started.",
        ),
    )


if __name__ == "__main__":  # one size alone: python -m tests.bench.hub_scale 300000 [lookups]
    for row in _rows(measure(int(sys.argv[1]), lookups="lookups" in sys.argv)):
        print(*row, sep="\t", flush=True)
