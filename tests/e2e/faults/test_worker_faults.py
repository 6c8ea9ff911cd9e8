"""`mdm worker` killed while it resolves: the task comes back to the next worker, which gives
what one clean run gives, with nothing applied twice; the broker going away and coming back
loses nothing either."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.e2e.conftest import MDM, Cli
from tests.e2e.faults.conftest import SMALL_ROWS, CleanRun, Outcome
from tests.e2e.faults.ledger import (
    extra_effects,
    golden_effects,
    lost_records,
    partition,
    placed_ledger,
)
from tests.e2e.faults.processes import (
    children_of,
    scalar,
    sessions_on,
    survivors,
    wait_until,
)
from tests.tcp_relay import TcpRelay

BROKER = os.environ.get("MDM_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


@pytest.fixture
def queued(cli: Cli) -> Cli:
    """The command line with a broker and a queue of this test's own (other tests' workers
    must not take its tasks)."""
    queue = f"mdm-faults-{uuid.uuid4().hex[:8]}"
    return Cli(env={**cli.env, "MDM_BROKER_URL": BROKER, "MDM_TASK_QUEUE": queue}, cwd=cli.cwd)


@contextmanager
def worker(cli: Cli) -> Iterator[subprocess.Popen[str]]:
    log = (cli.cwd / "worker.log").open("a")
    process = subprocess.Popen(
        [*MDM, "worker"], env=cli.env, cwd=cli.cwd, text=True, start_new_session=True,
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
        log.close()


def pending(url: str) -> int:
    return scalar(url, "SELECT count(*) FROM source_record WHERE pending_match")


def resolving(url: str) -> bool:
    """A worker is at work on the database (a session running a statement or in a
    transaction)."""
    return any(state.startswith(("active", "idle in transaction")) for _, state in sessions_on(url))


@pytest.mark.parametrize("victim", ["worker", "pool process"])
def test_kill_9_of_a_resolving_worker_then_the_next_worker_finishes(
    queued: Cli, small_extract: Path, clean_match: CleanRun, victim: str, outcome: Outcome
) -> None:
    clean_partition, clean_effects = clean_match
    url = queued.env["MDM_DATABASE_URL"]
    args = ("ingest", str(small_extract), "--source", "crm", "--entity", "customer")
    queued(*args, "--match", check=True)
    with worker(queued) as first:
        assert wait_until(lambda: resolving(url), timeout=120, step=0.05)
        pool = children_of(first.pid)
        target = first.pid if victim == "worker" else max(pool)
        os.kill(target, signal.SIGKILL)
        assert pending(url) > 0, "the task finished before the fault"
        if victim == "worker":
            first.wait(timeout=10)
            assert survivors(pool) == set(), "pool processes outlived their worker"
    with worker(queued) as second:
        assert wait_until(lambda: pending(url) == 0, timeout=180, step=0.2)
        assert second.poll() is None
    found, effects = partition(queued), golden_effects(url)
    lost, extra = lost_records(found, clean_partition), extra_effects(effects, clean_effects)
    outcome(lost, extra, placed_ledger(url, found))
    assert found == clean_partition  # nothing lost
    assert effects == clean_effects  # nothing applied twice


def test_broker_down_and_back_loses_nothing(
    queued: Cli, small_extract: Path, clean_match: CleanRun, outcome: Outcome
) -> None:
    clean_partition, clean_effects = clean_match
    url = queued.env["MDM_DATABASE_URL"]
    broker = make_url(BROKER)
    relay = TcpRelay((broker.host or "127.0.0.1", broker.port or 5672))
    relay.up()
    through = broker.set(port=relay.port).render_as_string(hide_password=False)
    cli = Cli(env={**queued.env, "MDM_BROKER_URL": through}, cwd=queued.cwd)
    args = ("ingest", str(small_extract), "--source", "crm", "--entity", "customer", "--match")
    try:
        with worker(cli) as running:
            relay.down()  # the worker loses its connection; the ingest finds no broker
            refused = cli(*args)
            assert refused.returncode == 75, refused.stdout + refused.stderr
            assert "the broker is unreachable" in refused.stderr
            assert "Traceback" not in refused.stderr
            assert pending(url) == SMALL_ROWS  # loaded, waiting for matching: nothing lost
            relay.up()
            again = cli(*args)  # every row unchanged: only queues the resolution
            assert again.returncode == 0, again.stdout + again.stderr
            assert wait_until(lambda: pending(url) == 0, timeout=180, step=0.2)
            assert running.poll() is None  # the worker came back by itself
    finally:
        relay.down()
    found, effects = partition(cli), golden_effects(url)
    lost, extra = lost_records(found, clean_partition), extra_effects(effects, clean_effects)
    outcome(lost, extra, placed_ledger(url, found))
    assert found == clean_partition
    assert effects == clean_effects


def test_queueing_a_delivery_without_a_broker_ends_with_75(cli: Cli) -> None:
    with socket.socket() as probe:  # a port nothing listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    nowhere = Cli(
        env={**cli.env, "MDM_BROKER_URL": f"amqp://guest:guest@127.0.0.1:{port}//"}, cwd=cli.cwd
    )
    refused = nowhere("sync", "run", "--queue")
    assert refused.returncode == 75, refused.stdout + refused.stderr
    assert "the broker is unreachable" in refused.stderr
    assert "Traceback" not in refused.stderr
