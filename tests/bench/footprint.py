"""A command run as a user runs it, with its memory watched: the proportional set size (PSS)
of its whole process tree, sampled while it runs, and its log lines as they came.

PSS shares a page among the processes that map it, so a forked worker's copy-on-write pages
are not counted twice (a sum of RSS would). The database server is not the command's, and
is not counted.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import orjson

GIB = 2**30


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.extend(int(p) for p in task.read_text().split())
        except OSError:
            continue
    return found


def tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(_children(current))
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds spent so far by ``pid`` and every process below it (0 for a
    process that has gone)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for member in tree(pid):
        try:
            stat = Path(f"/proc/{member}/stat").read_text()
        except OSError:
            continue
        # fields after the command name (which may hold spaces) start at the state, field 3;
        # utime and stime are fields 14 and 15
        fields = stat.rpartition(")")[2].split()
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def pss_bytes(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass
class Watched:
    """One command's run: wall time, its log lines (JSON, with the time they were written)
    and the memory samples (seconds since start, PSS of the tree)."""

    seconds: float
    cpu_seconds: float  # user + system of the command and the processes it waited for
    returncode: int
    stdout: str
    logs: list[dict[str, object]]
    samples: list[tuple[float, int]] = field(default_factory=list)
    started: float = 0.0  # epoch seconds

    @property
    def peak_gib(self) -> float:
        return max((pss for _, pss in self.samples), default=0) / GIB

    def peak_between(self, start: float, end: float) -> float:
        """Peak PSS (GiB) of the samples taken between ``start`` and ``end`` (epoch seconds)."""
        inside = [pss for at, pss in self.samples if start <= self.started + at <= end]
        return max(inside, default=0) / GIB


def _read_logs(stream: object, into: list[dict[str, object]]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        try:
            parsed = orjson.loads(line)
        except orjson.JSONDecodeError:
            parsed = {"message": line.rstrip("\n")}
        if isinstance(parsed, dict):
            into.append(parsed)


def watch(command: list[str], env: dict[str, str], every: float = 0.25) -> Watched:
    """Run ``command`` to its end, sampling its tree's PSS every ``every`` seconds."""
    started_epoch, started = time.time(), time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    logs: list[dict[str, object]] = []
    reader = threading.Thread(target=_read_logs, args=(process.stderr, logs), daemon=True)
    reader.start()
    out: list[str] = []
    stdout_reader = threading.Thread(
        target=lambda: out.append(process.stdout.read() if process.stdout else ""), daemon=True
    )
    stdout_reader.start()
    samples: list[tuple[float, int]] = []
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        total = sum(pss_bytes(pid) for pid in tree(process.pid))
        samples.append((time.perf_counter() - started, total))
        time.sleep(every)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join(timeout=10)
    stdout_reader.join(timeout=10)
    cpu = usage.ru_utime + usage.ru_stime
    return Watched(seconds, cpu, process.returncode, "".join(out), logs, samples, started_epoch)
