"""`mdm match` killed at several points: the next run completes and gives what one clean run
gives, with nothing applied twice."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import MDM, Cli
from tests.e2e.faults.conftest import CleanRun, Outcome
from tests.e2e.faults.ledger import extra_effects, golden_effects, lost_records, partition
from tests.e2e.faults.processes import kill_hard, sessions_on, wait_until

KILL_AT = (0.25, 0.6)  # shares of a clean run's duration


@pytest.mark.parametrize("share", KILL_AT)
def test_kill_9_of_match_then_the_next_run_gives_the_clean_result(
    cli: Cli, small_extract: Path, clean_match: CleanRun, share: float, outcome: Outcome
) -> None:
    clean_partition, clean_effects, seconds = clean_match
    url = cli.env["MDM_DATABASE_URL"]
    cli("ingest", str(small_extract), "--source", "crm", "--entity", "customer")
    process = subprocess.Popen(
        [*MDM, "match", "--entity", "customer"], env=cli.env, cwd=cli.cwd, text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(seconds * share)
    assert process.poll() is None, "the match ended before the fault"
    kill_hard(process)
    assert wait_until(lambda: sessions_on(url) == [], timeout=10), sessions_on(url)
    cli("match", "--entity", "customer", check=True)
    found, effects = partition(cli), golden_effects(url)
    outcome(lost_records(found, clean_partition), extra_effects(effects, clean_effects))
    assert found == clean_partition  # nothing lost
    assert effects == clean_effects  # nothing applied twice
