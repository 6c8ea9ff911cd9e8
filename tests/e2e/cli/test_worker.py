"""Background resolution through a real RabbitMQ: `mdm ingest --match` queues the work and a
real `mdm worker` process does it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.conftest import Cli
from tests.integration.resolve.test_resolve import CRM, ERP, HEADER

# the tests that start a worker share the broker's queue: never at the same time
pytestmark = pytest.mark.xdist_group("celery_worker")
BROKER = os.environ.get("MDM_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


def pending(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        waiting = conn.execute(
            text("SELECT count(*) FROM source_record WHERE pending_match")
        ).scalar_one()
        goldens = conn.execute(
            text("SELECT count(*) FROM golden_record WHERE status = 'active'")
        ).scalar_one()
    engine.dispose()
    return int(waiting), int(goldens)


def test_ingest_queues_resolution_and_a_worker_does_it(cli: Cli, tmp_path: Path) -> None:
    env = {**cli.env, "MDM_BROKER_URL": BROKER}
    worker = subprocess.Popen(
        [sys.executable, "-m", "hub.cli", "worker"], env=env, cwd=cli.cwd,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        for name, rows in (("crm", CRM), ("erp", ERP)):
            path = tmp_path / f"{name}.csv"
            path.write_text(HEADER + rows)
            args = [
                sys.executable,
                "-m",
                "hub.cli",
                "ingest",
                str(path),
                "--source",
                name,
                "--entity",
                "customer",
                "--match",
            ]
            done = subprocess.run(
                args, env=env, cwd=cli.cwd, capture_output=True, text=True, timeout=120
            )
            assert done.returncode == 0, done.stdout + done.stderr
            assert "queued for a worker" in done.stdout
        url = cli.env["MDM_DATABASE_URL"]
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and pending(url)[0] > 0:
            assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
            time.sleep(0.5)
        assert pending(url) == (0, 4)  # six records, two pairs matched across the systems
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
