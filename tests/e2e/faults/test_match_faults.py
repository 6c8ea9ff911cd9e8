"""`mdm match` killed at several points: the next run completes and gives what one clean run
gives, with nothing applied twice."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mdm.repositories.locks import entity_key
from tests.e2e.conftest import MDM, Cli
from tests.e2e.faults.conftest import CleanRun, Outcome
from tests.e2e.faults.ledger import (
    extra_effects,
    golden_effects,
    lost_records,
    partition,
    placed_ledger,
)
from tests.e2e.faults.processes import holding, kill_hard, sessions_on, wait_until, writing

# where the match is when it is killed, as seen from another session on its database
KILL_POINTS: dict[str, Callable[[str], bool]] = {
    # inside its unit of work, holding the entity's lock: reading and matching, nothing written
    "resolving": lambda url: holding(url, entity_key("customer")),
    # golden records written in the transaction, not committed
    "writing golden records": lambda url: writing(url, "golden_record"),
}


@pytest.mark.parametrize("point", KILL_POINTS)
def test_kill_9_of_match_then_the_next_run_gives_the_clean_result(
    cli: Cli, small_extract: Path, clean_match: CleanRun, point: str, outcome: Outcome
) -> None:
    clean_partition, clean_effects = clean_match
    url = cli.env["MDM_DATABASE_URL"]
    cli("ingest", str(small_extract), "--source", "crm", "--entity", "customer")
    process = subprocess.Popen(
        [*MDM, "match", "--entity", "customer"], env=cli.env, cwd=cli.cwd, text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    reached = KILL_POINTS[point]
    ended_or_reached = wait_until(
        lambda: process.poll() is not None or reached(url), timeout=300, step=0.01
    )
    assert ended_or_reached, f"the match never reached the point: {point}"
    assert process.poll() is None, "the match ended before the fault"
    kill_hard(process)
    assert wait_until(lambda: sessions_on(url) == [], timeout=10), sessions_on(url)
    cli("match", "--entity", "customer", check=True)
    found, effects = partition(cli), golden_effects(url)
    lost, extra = lost_records(found, clean_partition), extra_effects(effects, clean_effects)
    outcome(lost, extra, placed_ledger(url, found))
    assert found == clean_partition  # nothing lost
    assert effects == clean_effects  # nothing applied twice
