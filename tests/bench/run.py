"""Run the benchmarks and write tests/bench/RESULTS.md.

    python -m tests.bench.run                    # every section, full size
    python -m tests.bench.run --only febrl       # re-measure one section, keep the others' figures
    python -m tests.bench.run --quick            # small sizes, written under .data/ only
    python -m tests.bench.run --render           # re-render RESULTS.md from saved figures

Full-size figures are kept per section in ``tests/bench/figures/`` (committed, so re-running one
section on another machine keeps the others' figures); quick ones under ``.data/``.

A section is a module with ``run(quick: bool) -> Section``; adding one is one entry in
:data:`SECTIONS`. Modules are imported lazily, and a section that fails to import or raises is
recorded as failed with its traceback while the others carry on.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from tests.bench.machine import describe_machine
from tests.bench.report import render_results
from tests.bench.section import Machine, Section, SectionRecord

# name -> module exposing run(quick: bool) -> Section. Order is the order in RESULTS.md.
SECTIONS: dict[str, str] = {
    "febrl": "tests.bench.peers_febrl",
    "generated": "tests.bench.peers_generated",
    "external": "tests.bench.peers_external",
    "external_sparse": "tests.bench.peers_external_sparse",
    "learning": "tests.bench.learning",
    "matrix": "tests.bench.peers_matrix",
    "rate_cards": "tests.bench.rate_cards",
    "ingest": "tests.bench.ingest_rate",
    "bulk_match": "tests.bench.bulk_match",
    "golden_read": "tests.bench.latency_golden",
    "incremental_match": "tests.bench.latency_match",
    "realtime_writes": "tests.bench.realtime_writes",
    "syndication": "tests.bench.syndication",
    "onboarding": "tests.bench.onboarding",
    "faults": "tests.bench.faults",
    "scale": "tests.bench.hub_scale",
    "workers": "tests.bench.hub_workers",
    "cli_start": "tests.bench.cli_start",
}

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / ".data"
RESULTS_MD = BENCH_DIR / "RESULTS.md"


FIGURES_DIR = BENCH_DIR / "figures"


def results_dir(quick: bool) -> Path:
    return DATA_DIR / "results-quick" if quick else FIGURES_DIR


def output_path(quick: bool) -> Path:
    return DATA_DIR / "RESULTS-quick.md" if quick else RESULTS_MD


def run_section(name: str, module_path: str, quick: bool, machine: Machine) -> SectionRecord:
    """Import and run one section; any exception becomes a failed record."""
    started = time.perf_counter()
    try:
        module = importlib.import_module(module_path)
        section = module.run(quick)
        if not isinstance(section, Section):
            raise TypeError(f"{module_path}.run returned {type(section).__name__}, not Section")
    except BaseException as error:  # a section must never kill the others
        if isinstance(error, KeyboardInterrupt):
            raise
        return SectionRecord(
            name=name,
            status="failed",
            machine=machine,
            seconds=time.perf_counter() - started,
            quick=quick,
            error=traceback.format_exc(),
        )
    return SectionRecord(
        name=name,
        status="ok",
        machine=machine,
        seconds=time.perf_counter() - started,
        quick=quick,
        section=section,
    )


def save_record(record: SectionRecord, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{record.name}.json"
    path.write_text(json.dumps(record.to_dict(), indent=2, default=str) + "\n")


def load_records(directory: Path) -> dict[str, SectionRecord]:
    records: dict[str, SectionRecord] = {}
    for name in SECTIONS:
        path = directory / f"{name}.json"
        if not path.exists():
            continue
        try:
            records[name] = SectionRecord.from_dict(json.loads(path.read_text()))
        except (ValueError, KeyError, TypeError) as error:
            print(f"[bench] ignoring unreadable {path}: {error}", file=sys.stderr)
    return records


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__)
    parser.add_argument(
        "--only", nargs="+", choices=sorted(SECTIONS), metavar="SECTION", help="sections to run"
    )
    parser.add_argument("--quick", action="store_true", help="small sizes (under 2 minutes)")
    parser.add_argument("--render", action="store_true", help="only re-render from saved JSON")
    parser.add_argument("--output", type=Path, help="markdown file to write")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    machine = describe_machine()
    directory = results_dir(args.quick)
    names = [] if args.render else (args.only or list(SECTIONS))
    failed = 0
    for name in names:
        print(f"[bench] {name}: running{' (quick)' if args.quick else ''} ...", flush=True)
        record = run_section(name, SECTIONS[name], args.quick, machine)
        save_record(record, directory)
        failed += record.status != "ok"
        print(f"[bench] {name}: {record.status} in {record.seconds:.1f} s", flush=True)
        if record.error:
            print(record.error, file=sys.stderr)
    output = args.output or output_path(args.quick)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_results(list(SECTIONS), load_records(directory), machine))
    print(f"[bench] wrote {output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
