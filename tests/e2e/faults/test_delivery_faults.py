"""Delivery to a system interrupted: `mdm sync run` (the relay) killed while it writes, and
the target going away mid-run. After the run that follows, every golden record the hub
accepted for the system is applied at the target or dead-lettered (accepted = applied +
pending + dead-lettered, with nothing pending), and none reached it as two different
messages."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.e2e.conftest import MDM, Cli
from tests.e2e.faults.conftest import DeliveryOutcome
from tests.e2e.faults.ledger import deliveries
from tests.e2e.faults.processes import kill_hard, scalar, sessions_on, wait_until
from tests.tcp_relay import TcpRelay
from tests.webhook_process import SECRET, Receiver

REJECTED = 5  # the target refuses the first messages for good: dead letters
BATCH = 50


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    served = Receiver()
    served.start()
    served.script(*[{"status": 422}] * REJECTED)
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture
def target(receiver: Receiver) -> Iterator[TcpRelay]:
    """A TCP relay in front of the receiver: the target can go away and come back while the
    receiver keeps what it had accepted."""
    relay = TcpRelay(("127.0.0.1", receiver.port))
    relay.up()
    try:
        yield relay
    finally:
        relay.down()


@pytest.fixture
def matched(cli: Cli, small_extract: Path, target: TcpRelay) -> Cli:
    """The small extract loaded and matched, a webhook system connected behind ``target``:
    every golden record queued for it."""
    cli("ingest", str(small_extract), "--source", "crm", "--entity", "customer")
    cli("match", "--entity", "customer", check=True)
    config = cli.cwd / "hooks.yaml"
    url = f"http://127.0.0.1:{target.port}/hook"
    settings = {"connector": "webhook", "url": url, "secret": SECRET, "batch_size": BATCH,
                "entities": ["customer"]}  # fmt: skip
    config.write_text(yaml.safe_dump(settings))
    cli("source", "register", "hooks", "--config", str(config), check=True)
    return cli


def start_relay(cli: Cli) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*MDM, "sync", "run"], env=cli.env, cwd=cli.cwd, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def midway(receiver: Receiver, process: subprocess.Popen[str]) -> None:
    """Waits until the relay has written more than one batch and is inside the next one."""
    reached = wait_until(
        lambda: process.poll() is not None or receiver.count() >= 2 * BATCH + BATCH // 2,
        timeout=120, step=0.005,
    )  # fmt: skip
    assert reached, "the relay never wrote to the target"
    assert process.poll() is None, "the relay ended before the fault"


def golden_records(url: str) -> int:
    return scalar(url, "SELECT count(*) FROM golden_record")


def test_kill_9_of_the_relay_then_the_next_run_delivers_the_rest(
    matched: Cli, receiver: Receiver, delivery_outcome: DeliveryOutcome
) -> None:
    url = matched.env["MDM_DATABASE_URL"]
    process = start_relay(matched)
    midway(receiver, process)
    kill_hard(process)
    assert wait_until(lambda: sessions_on(url) == [], timeout=10), sessions_on(url)
    assert deliveries(url, receiver.received()).pending > 0
    done = matched("sync", "run")
    assert done.returncode == 0, done.stdout + done.stderr  # the rejected ones were settled
    ledger = deliveries(url, receiver.received())
    delivery_outcome(ledger)
    assert ledger.accepted == golden_records(url)  # every golden record was queued
    assert (ledger.pending, ledger.dead) == (0, REJECTED)
    assert ledger.lost == 0  # accepted = applied + pending + dead-lettered
    assert ledger.duplicated == 0  # a repeat carried the first message's id


def test_target_down_mid_run_then_back_gets_everything_once(
    matched: Cli, receiver: Receiver, target: TcpRelay, delivery_outcome: DeliveryOutcome
) -> None:
    url = matched.env["MDM_DATABASE_URL"]
    process = start_relay(matched)
    midway(receiver, process)
    target.down()  # connections cut and refused: the target is unavailable
    out, err = process.communicate(timeout=120)
    assert "stopped: webhook unreachable" in out, out + err
    assert "Traceback" not in err
    assert deliveries(url, receiver.received()).pending > 0
    target.up()
    done = matched("sync", "run")  # the batch that failed is due again at once
    assert "Traceback" not in done.stderr, done.stderr
    ledger = deliveries(url, receiver.received())
    delivery_outcome(ledger)
    assert ledger.accepted == golden_records(url)
    assert (ledger.pending, ledger.dead) == (0, REJECTED)
    assert ledger.lost == 0
    assert ledger.duplicated == 0
