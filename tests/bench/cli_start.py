"""Section "cli_start": how long ``mdm`` takes to answer before it does any work (``--help``,
a command's ``--help``, and ``mdm fields``, which needs no database), and how many modules
it loads: scripts call the command line many times."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.section import Section
from tests.fresh_interpreter import run_fresh

ROOT = Path(__file__).resolve().parents[2]
RUNS, QUICK_RUNS = 7, 3
INVOCATIONS = (("--help",), ("onboard", "dry-run", "--help"), ("fields", "customer"))
HEAVY = ("numpy", "pandas", "sqlalchemy", "psycopg", "fastapi", "matching.engine")


def _seconds(argv: tuple[str, ...]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "hub.cli", *argv], cwd=ROOT, capture_output=True, check=True
    )
    return time.perf_counter() - started


def _loaded(argv: tuple[str, ...]) -> tuple[int, list[str]]:
    code = (
        "import sys\nfrom hub.cli import main\n"
        f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass\n"
        "print('\\nmodules', len(sys.modules))\n"
    )
    shown, heavy = run_fresh(code, HEAVY)
    return int(shown.rsplit("modules", 1)[1]), heavy


def run(quick: bool) -> Section:
    rows = []
    for argv in INVOCATIONS:
        times = [_seconds(argv) for _ in range(QUICK_RUNS if quick else RUNS)]
        modules, heavy = _loaded(argv)
        rows.append(
            (
                "mdm " + " ".join(argv), len(times), round(statistics.median(times), 3),
                round(min(times), 3), modules, ", ".join(heavy) or "none",
            )
        )  # fmt: skip
    return Section(
        title="Command-line start-up",
        columns=(
            "command",
            "runs",
            "median seconds",
            "fastest seconds",
            "modules loaded",
            "of numpy, pandas, SQLAlchemy, psycopg, FastAPI, the matcher's engine: loaded",
        ),
        rows=tuple(rows),
        notes=(
            "Each command run as a new process (`python -m hub.cli ...`, interpreter start to "
            "exit), output discarded; modules counted in a fresh interpreter after the same "
            "call. Before the command line's modules were loaded on demand (commit e75157d), "
            "`mdm --help` loaded 1,496 modules, numpy, pandas and SQLAlchemy among them; timed "
            "the same way at 6a0f42f on this machine on 2026-12-07 (7 runs, median), the three "
            "commands took 1.502, 1.623 and 1.753 s.",
        ),
    )
