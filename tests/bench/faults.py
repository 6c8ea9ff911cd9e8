"""Section "faults": the fault suite (``tests/e2e/faults/``) run as a measurement.

Each fault test kills or cuts something at a point of the work (ingest's checking workers
and writer, a match at two points, a worker and its pool process, the relay while it writes
to a system, the system going away mid-run, the broker, the embedded PostgreSQL, two loads of
one source at once, Ctrl+C and SIGTERM), lets the next run complete,
and records what it lost and applied twice as JUnit properties; this section runs the suite
in its own pytest process and reports those figures per fault.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from tests.bench.section import Cell, Section

ROOT = Path(__file__).resolve().parents[2]
SUITE = "tests/e2e/faults"
COLUMNS = (
    "fault", "survived", "records lost", "duplicated effects",
    "ledger: accepted = applied + pending + dead-lettered", "seconds",
)  # fmt: skip


def cases(report: Path) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for case in ElementTree.parse(report).iter("testcase"):
        properties = {p.get("name"): p.get("value") for p in case.iter("property")}
        failed = case.find("failure") is not None or case.find("error") is not None
        lost = properties.get("records_lost")
        doubled = properties.get("duplicated_effects")
        rows.append(
            (
                str(case.get("name")).removeprefix("test_").replace("_", " "),
                "no" if failed else "yes",
                None if lost is None else int(lost),
                None if doubled is None else int(doubled),
                properties.get("ledger"),
                round(float(case.get("time") or 0), 1),
            )
        )
    return rows


def run(quick: bool) -> Section:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "faults.xml"
        command = [
            sys.executable, "-m", "pytest", SUITE, "-q", "-p", "no:cacheprovider",
            f"--junitxml={report}", "-o", "junit_family=xunit1",
        ]  # fmt: skip
        subprocess.run(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
        rows = cases(report)
    survived = sum(1 for row in rows if row[1] == "yes")
    lost = sum(int(row[2] or 0) for row in rows)
    doubled = sum(int(row[3] or 0) for row in rows)
    total: tuple[Cell, ...] = (
        "all faults", f"{survived} of {len(rows)}", lost, doubled, None, None,
    )  # fmt: skip
    return Section(
        title="Faults: kill -9, signals, broker and database outages, then the next run",
        columns=COLUMNS,
        rows=(*rows, total),
        notes=(
            "Each row is one test of tests/e2e/faults (run here in one pytest process). "
            "'records lost': rows of the extract neither loaded nor quarantined, or records a "
            "clean run places that the run after the fault did not; 'duplicated effects': "
            "versions, golden records or events beyond what one clean run writes. Empty: the "
            "test checks processes and output, not the ledger (export into head).",
            "Deliveries (the relay killed, the target down): the golden records queued for a "
            "webhook system that refuses its first 5 messages for good, counted from the "
            "delivery log and the receiver after the run that follows the fault; applied = "
            "marked delivered and held by the receiver; duplicated = a golden record received "
            "as two different messages (a repeat with the same webhook-id is one effect).",
            "The broker is cut through a TCP relay in front of the shared RabbitMQ (every "
            "connection dropped, new ones refused, then accepted again); the machine's own "
            "PostgreSQL is never restarted: the database outage stops an embedded server.",
            "Kill points are states seen from another database session (the match holding "
            "its entity lock or writing golden records, the ingest's workers forked or its "
            "first part written), not delays; a test fails rather than pass when the work "
            "ended before its fault.",
        ),
    )
