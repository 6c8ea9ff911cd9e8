"""`mdm ingest` killed, stopped and run twice at once: nothing outlives it, nothing is held,
the next run loads everything once."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import MDM, Cli
from tests.e2e.faults.conftest import ROWS, Outcome
from tests.e2e.faults.ledger import loaded, rows_ledger
from tests.e2e.faults.processes import (
    children_of,
    kill_hard,
    sessions_on,
    survivors,
    wait_until,
    writing,
)


def start_ingest(cli: Cli, path: Path) -> subprocess.Popen[str]:
    args = [*MDM, "ingest", str(path), "--source", "crm", "--entity", "customer"]
    return subprocess.Popen(
        args, env=cli.env, cwd=cli.cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def ingest(cli: Cli, path: Path) -> subprocess.CompletedProcess[str]:
    done = cli("ingest", str(path), "--source", "crm", "--entity", "customer")
    assert done.returncode in (0, 1), done.stdout + done.stderr  # 1: some rows quarantined
    return done


def checking_workers(process: subprocess.Popen[str]) -> set[int]:
    """The ingest's forked workers, once they are at work."""
    found: set[int] = set()

    def forked() -> bool:
        found.update(children_of(process.pid))
        return len(found) >= 2

    assert wait_until(forked, timeout=60), "the ingest never forked its checking workers"
    return found


@pytest.mark.parametrize("point", ["checking", "writing"])
def test_kill_9_of_ingest_leaves_no_process_and_no_session(
    cli: Cli, extract: Path, outcome: Outcome, point: str
) -> None:
    """Killed as soon as its workers forked (checking the first parts), or once it has
    written checked parts in its transaction while the workers check the rest."""
    url = cli.env["MDM_DATABASE_URL"]
    process = start_ingest(cli, extract)
    workers = checking_workers(process)
    if point == "writing":
        written = wait_until(
            lambda: process.poll() is not None or writing(url, "source_record_version"),
            timeout=120, step=0.01,
        )  # fmt: skip
        assert written, "the ingest never wrote a part"
    assert process.poll() is None, "the ingest ended before the fault"
    kill_hard(process)
    assert survivors(workers) == set(), "checking workers outlived the killed ingest"
    assert wait_until(lambda: sessions_on(url) == [], timeout=10), sessions_on(url)
    done = ingest(cli, extract)  # completes: nothing holds the rows the killed run locked
    records, versions, quarantined = loaded(url)
    outcome(
        ROWS - records - quarantined, versions - records, rows_ledger(ROWS, records, quarantined)
    )
    assert records + quarantined == ROWS  # nothing lost
    assert versions == records  # nothing applied twice
    assert f"{ROWS} rows: {records} new" in done.stdout


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_ingest_rolls_back_and_ends_its_workers(
    cli: Cli, extract: Path, signum: signal.Signals, outcome: Outcome
) -> None:
    url = cli.env["MDM_DATABASE_URL"]
    process = start_ingest(cli, extract)
    workers = checking_workers(process)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert survivors(workers) == set()
    assert loaded(url)[:2] == (0, 0)  # rolled back whole
    ingest(cli, extract)
    records, versions, quarantined = loaded(url)
    outcome(
        ROWS - records - quarantined, versions - records, rows_ledger(ROWS, records, quarantined)
    )
    assert (records + quarantined, versions) == (ROWS, records)
    assert wait_until(lambda: sessions_on(url) == [], timeout=10), sessions_on(url)


def test_two_loads_of_one_source_at_once_run_one_after_the_other(
    cli: Cli, extract: Path, outcome: Outcome
) -> None:
    url = cli.env["MDM_DATABASE_URL"]
    first, second = start_ingest(cli, extract), start_ingest(cli, extract)
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    for process, (out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode in (0, 1), out + err
        assert "Traceback" not in err
    records, versions, quarantined = loaded(url)
    outcome(
        ROWS - records - quarantined, versions - records, rows_ledger(ROWS, records, quarantined)
    )
    assert records + quarantined == ROWS
    assert versions == records  # the later load found every row unchanged
    said = "".join(err for _, err in outputs)
    assert "another load of source 'crm' is running: waiting for it to finish" in said
