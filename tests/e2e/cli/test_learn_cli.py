"""`mdm learn --entity E`: refused (status 2) without a model or without decisions; after a
steward's decision it stores the next model version and prints what changed."""

from __future__ import annotations

from mdm.runtime import open_runtime
from mdm.settings import Settings
from mdm.stewardship import decisions, queue
from tests.e2e.conftest import Cli
from tests.e2e.ui.data import load_review_fixture, open_tasks


def test_learn_prints_the_new_version_and_the_weights_that_moved(cli: Cli) -> None:
    unmatched = cli("learn", "--entity", "customer")
    assert unmatched.returncode == 2 and "mdm match --entity customer" in unmatched.stderr
    runtime = open_runtime(Settings(database_url=cli.env["MDM_DATABASE_URL"]))
    try:
        load_review_fixture(runtime)
        undecided = cli("learn", "--entity", "customer")
        assert undecided.returncode == 2 and "no steward has decided" in undecided.stderr
        pair = open_tasks(runtime)[0]
        with runtime.unit_of_work() as uow:
            version = queue.get_task(uow, pair.task_id).version
            decisions.not_a_match(uow, pair.task_id, "alice", version)
    finally:
        runtime.close()
    learnt = cli("learn", "--entity", "customer", check=True).stdout.splitlines()
    assert learnt[0].startswith("customer: model version ")
    assert learnt[0].endswith("learnt from 0 merges and 1 'not a match' decisions")
    assert learnt[1] == "thresholds: auto-link at 0.99 -> 0.99, review above 0.5 -> 0.5"
    assert learnt[2].split() == [
        "comparison", "level", "weight", "before", "weight", "after", "merged", "not", "a", "match",
    ]  # fmt: skip
    name_rows = [line.split() for line in learnt[3:] if line.startswith("name ")]
    assert name_rows and sum(int(row[-1]) for row in name_rows) == 1
