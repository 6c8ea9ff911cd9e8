"""Without MDM_DATABASE_URL the hub starts its own embedded PostgreSQL under MDM_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from mdm.db.embedded import (
    SERVER_SETTINGS,
    machine_memory,
    memory_settings,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.embedded


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hub.cli", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_embedded_server_holds_data_across_runs(tmp_path: Path, embedded_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MDM_DATABASE_URL"}
    env |= {"MDM_HOME": str(embedded_home), "PYTHONPATH": str(ROOT)}
    extract = tmp_path / "crm.csv"
    extract.write_text("source_id,name,country\nA1,Acme Ltd,GB\nA2,Beta AG,CH\n")
    try:
        loaded = run(env, "ingest", str(extract), "--source", "crm", "--entity", "customer")
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        assert (embedded_home / "pgdata" / "PG_VERSION").exists()
        embedded_home.chmod(0o700)  # private again, as pytest makes its temporary folders
        stopped = run(env, "db", "stop")
        assert stopped.returncode == 0, stopped.stderr
        exported = run(env, "export", "xref", "--entity", "customer")
        assert exported.returncode == 0, exported.stderr
        assert exported.stdout.count("\ncrm,") == 2
    finally:
        run(env, "db", "stop")


def test_the_embedded_server_runs_with_caches_sized_from_the_machine(
    embedded_home: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MDM_DATABASE_URL"}
    env |= {"MDM_HOME": str(embedded_home), "PYTHONPATH": str(ROOT)}
    try:
        started = run(env, "migrate")  # starts the server in a process of its own
        assert started.returncode == 0, started.stderr
        pid = (embedded_home / "pgdata" / "postmaster.pid").read_text().splitlines()
        with psycopg.connect(host=pid[4], port=int(pid[3]), user="postgres") as conn:
            shown = {
                name: conn.execute(f"SHOW {name}").fetchone()
                for name in ("shared_buffers", "effective_cache_size", "max_wal_size")
            }
    finally:
        run(env, "db", "stop")
    expected = memory_settings(machine_memory())
    assert shown == {
        "shared_buffers": (expected["shared_buffers"],),
        "effective_cache_size": (expected["effective_cache_size"],),
        "max_wal_size": (SERVER_SETTINGS["max_wal_size"],),
    }


def test_a_server_that_does_not_stop_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    pgdata = tmp_path / "home" / "pgdata"
    pgdata.mkdir(parents=True)
    (pgdata / "postmaster.pid").write_text(f"999999\n{pgdata}\n")  # left by no server
    env = {k: v for k, v in os.environ.items() if k != "MDM_DATABASE_URL"}
    env |= {"MDM_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    stopped = run(env, "db", "stop")
    assert stopped.returncode == 2, stopped.stderr
    assert "did not stop (pg_ctl ended with status 1" in stopped.stderr
    assert "Traceback" not in stopped.stderr


# A process that starts the server, then keeps a connection open while the other process
# starts it too, and prints the server's start time once its connection is done.
_START_AND_HOLD = """
import sys, time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
import psycopg
from mdm.db.embedded import start_embedded
query = parse_qs(urlsplit(start_embedded(Path(sys.argv[1]))).query)
with psycopg.connect(
    host=query["host"][0], port=int(query["port"][0]), user="postgres", dbname="postgres"
) as conn:
    time.sleep(8)
    print(conn.execute("SELECT pg_postmaster_start_time()").fetchone()[0])
"""


def test_two_processes_starting_a_new_server_at_once_share_it(embedded_home: Path) -> None:
    """make test's two workers start the embedded server of a fresh clone at once: the one
    that started it restarts it for its memory settings, and must do so before the other
    connects (before, the other's first tests lost their connections)."""
    env = {k: v for k, v in os.environ.items() if k != "MDM_DATABASE_URL"}
    env |= {"MDM_HOME": str(embedded_home), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", _START_AND_HOLD, str(embedded_home)]
    try:
        both = [
            subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]  # fmt: skip
        outcomes = [process.communicate(timeout=300) for process in both]
        for process, (_out, err) in zip(both, outcomes, strict=True):
            assert process.returncode == 0, err
        assert outcomes[0][0] == outcomes[1][0]  # one server, never restarted under either
    finally:
        run(env, "db", "stop")
