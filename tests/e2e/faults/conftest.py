"""Extracts for the fault suite: one large enough for `mdm ingest` to fork its checking workers
and keep them at work for a few seconds, one small enough to match in a few seconds, and what
a clean run of the small one gives."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pytest

from mdm.synthetic import generate_extract
from mdm.synthetic.dataset import write_extract
from tests.conftest import drop_database, fresh_database_url
from tests.e2e.conftest import Cli
from tests.e2e.faults.ledger import Deliveries, golden_effects, partition

ROWS = 24_000
SMALL_ROWS = 3_000  # matched in a few seconds


class Outcome(Protocol):
    """Records lost, duplicated effects and, where the test keeps one, its ledger."""

    def __call__(self, lost: int, duplicated: int, ledger: str | None = None) -> None: ...


DeliveryOutcome = Callable[[Deliveries], None]
CleanRun = tuple[set[frozenset[tuple[str, str]]], tuple[int, int]]


@pytest.fixture(scope="session")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "crm.csv"
    return write_extract(generate_extract("customer", ROWS, seed=16, system="crm"), path)


@pytest.fixture(scope="session")
def small_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "crm-small.csv"
    return write_extract(generate_extract("customer", SMALL_ROWS, seed=16, system="crm"), path)


@pytest.fixture(scope="session")
def clean_match(
    small_extract: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[CleanRun]:
    """One clean ingest and match of the small extract: its partition and effects."""
    url = fresh_database_url("mdm_faults_ref")
    home = tmp_path_factory.mktemp("ref")
    cli = Cli(env={**os.environ, "MDM_DATABASE_URL": url, "MDM_HOME": str(home)}, cwd=home)
    cli("ingest", str(small_extract), "--source", "crm", "--entity", "customer")
    cli("match", "--entity", "customer", check=True)
    yield partition(cli), golden_effects(url)
    drop_database(url)


@pytest.fixture
def outcome(record_property: Callable[[str, object], None]) -> Outcome:
    """Records what a fault lost and applied twice, for the bench's fault section (which
    reads the properties from pytest's JUnit XML); the test asserts both are 0. ``ledger``:
    where every accepted item went (accepted = applied + pending + dead-lettered)."""

    def record(lost: int, duplicated: int, ledger: str | None = None) -> None:
        record_property("records_lost", lost)
        record_property("duplicated_effects", duplicated)
        if ledger is not None:
            record_property("ledger", ledger)

    return record


@pytest.fixture
def delivery_outcome(outcome: Outcome) -> DeliveryOutcome:
    """Records a delivery ledger: what was lost and applied twice, and its terms."""

    def record(ledger: Deliveries) -> None:
        terms = (ledger.accepted, ledger.applied, ledger.pending, ledger.dead)
        text = "{:,} golden records = {:,} applied + {:,} pending + {:,} dead-lettered"
        outcome(ledger.lost, ledger.duplicated, text.format(*terms))

    return record
