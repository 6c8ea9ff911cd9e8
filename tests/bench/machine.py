"""Describe the machine a benchmark runs on (CPU, cores, RAM, Python, commit, date)."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from tests.bench.section import Machine

REPO_ROOT = Path(__file__).resolve().parents[2]


def describe_machine() -> Machine:
    return Machine(
        cpu=_cpu_model(),
        cores=os.cpu_count() or 0,
        ram_gib=round(_ram_bytes() / 2**30, 1),
        python=platform.python_version(),
        platform=f"{platform.system()} {platform.release()} {platform.machine()}",
        commit=_git_commit(),
        measured_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        load_average=_load_average(),
    )


def _load_average() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (OSError, AttributeError):
        return None


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Hardware", "Processor") and value.strip():
            return value.strip()
    return platform.processor() or "unknown"


def _ram_bytes() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _git_commit() -> str:
    commit = _git("rev-parse", "--short=12", "HEAD")
    if commit is None:
        return "none (no commit yet)"
    # the bench's own outputs (figures written by an earlier section of the same run) are not
    # changes to what is measured
    outputs = (":!tests/bench/RESULTS.md", ":!tests/bench/figures", ":!tests/bench/baselines")
    dirty = _git("status", "--porcelain", "--untracked-files=no", "--", ".", *outputs)
    return f"{commit} (+ uncommitted changes)" if dirty else commit
