"""Delivery on a real Celery worker through RabbitMQ: `mdm sync run --queue` leaves the work to
`mdm worker`, which writes the golden records out (here to a folder of CSV files)."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from tests.e2e.conftest import MDM, Cli
from tests.integration.sync.scenario import CRM, HEADER

# the tests that start a worker share the broker's queue: never at the same time
pytestmark = pytest.mark.xdist_group("celery_worker")
BROKER = os.environ.get("MDM_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


def delivered_rows(folder: Path) -> list[dict[str, str]]:
    outbox = folder / "outbox"
    files = sorted(outbox.glob("*.csv")) if outbox.exists() else []
    return [row for f in files for row in csv.DictReader(f.open(encoding="utf-8"))]


def test_a_worker_delivers_what_sync_run_queues(cli: Cli, tmp_path: Path) -> None:
    extract = tmp_path / "crm.csv"
    extract.write_text(HEADER + CRM)
    cli("ingest", str(extract), "--source", "crm", "--entity", "customer", check=True)
    cli("match", "--entity", "customer", check=True)  # here, whether or not a broker is set
    config = tmp_path / "files.yaml"
    folder = tmp_path / "files"
    config.write_text(
        yaml.safe_dump({"connector": "csv", "folder": str(folder), "entities": ["customer"]})
    )
    cli("source", "register", "files", "--config", str(config), check=True)
    env = {**cli.env, "MDM_BROKER_URL": BROKER}
    worker = subprocess.Popen(
        [*MDM, "worker"], env=env, cwd=cli.cwd, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(delivered_rows(folder)) < 4:
            # queued again now and then: the broker is shared, another test's worker may
            # take a message (it then delivers what is due in its own hub: nothing of ours)
            queued = subprocess.run(
                [*MDM, "sync", "run", "--queue"], env=env, cwd=cli.cwd, capture_output=True,
                text=True, timeout=60,
            )  # fmt: skip
            assert "queued for a worker" in queued.stdout, queued.stderr
            time.sleep(3)
        rows = delivered_rows(folder)
        assert sorted(r["name"] for r in rows) == sorted(
            line.split(",")[1] for line in CRM.strip().splitlines()
        )
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    status = cli("sync", "status", check=True).stdout
    assert "files" in status
