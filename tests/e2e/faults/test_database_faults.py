"""The embedded PostgreSQL stopped in the middle of `mdm match`: the command says so and ends,
and the next run starts the server again and gives what one clean run gives."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from mdm.db.embedded import stop_embedded
from tests.conftest import ROOT
from tests.e2e.conftest import MDM, Cli
from tests.e2e.faults.conftest import CleanRun, Outcome
from tests.e2e.faults.ledger import (
    extra_effects,
    golden_effects,
    lost_records,
    partition,
    placed_ledger,
)
from tests.e2e.faults.processes import sessions_on, wait_until

pytestmark = pytest.mark.embedded


def resolving(url: str) -> bool:
    """A session is inside a transaction (the match's unit of work)."""
    return any(state.startswith("idle in transaction") for _, state in sessions_on(url))


def test_embedded_server_stopped_during_match_then_the_next_run_completes(
    tmp_path: Path,
    embedded_home: Path,
    small_extract: Path,
    clean_match: CleanRun,
    outcome: Outcome,
) -> None:
    clean_partition, clean_effects = clean_match
    env = {k: v for k, v in os.environ.items() if k != "MDM_DATABASE_URL"}
    env |= {"MDM_HOME": str(embedded_home), "PYTHONPATH": str(ROOT)}
    cli = Cli(env=env, cwd=tmp_path)
    try:
        cli("ingest", str(small_extract), "--source", "crm", "--entity", "customer")
        url = cli("db", "url", check=True).stdout.strip()
        match = subprocess.Popen(
            [*MDM, "match", "--entity", "customer"], env=env, cwd=tmp_path, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert wait_until(lambda: resolving(url), timeout=120, step=0.02)
        stop_embedded(embedded_home)  # what `mdm db stop` does, without its start-up time
        assert match.poll() is None or match.returncode != 0, "the match ended before the fault"
        _, err = match.communicate(timeout=120)
        assert match.returncode == 75, err
        assert "lost the database" in err and "Traceback" not in err
        cli("match", "--entity", "customer", check=True)  # starts the server again
        found = partition(cli)
        url = cli("db", "url", check=True).stdout.strip()
        effects = golden_effects(url)
        lost, extra = lost_records(found, clean_partition), extra_effects(effects, clean_effects)
        outcome(lost, extra, placed_ledger(url, found))
        assert found == clean_partition  # nothing lost
        assert effects == clean_effects  # nothing applied twice
    finally:
        cli("db", "stop")
