"""The hub's own commands run as a user runs them, each in its own process, on a fresh bench
database: generated extracts loaded with ``mdm ingest``, then ``mdm match``."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MDM = (sys.executable, "-m", "hub.cli")


@contextmanager
def fresh_hub(name: str) -> Iterator[dict[str, str]]:
    """The environment of the hub's commands on a fresh database ``name``, dropped after."""
    from tests.conftest import drop_database, fresh_database_url

    url = fresh_database_url(name)
    try:
        yield {
            **os.environ,
            "MDM_DATABASE_URL": url,
            "PYTHONPATH": str(ROOT),
            "MDM_LOG_LEVEL": "WARNING",
        }
    finally:
        drop_database(url)


def ingest_extracts(dataset: Any, entity: str, folder: Path, env: dict[str, str]) -> None:
    """Each of ``dataset``'s extracts of ``entity`` written as CSV and loaded by ``mdm ingest``
    (rows the ingest refuses are quarantined, as for a user: the exit status is not checked)."""
    for extract in dataset.extracts:
        if extract.entity != entity:
            continue
        path = folder / f"{extract.system}-{entity}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(extract.header), lineterminator="\n")
            writer.writeheader()
            writer.writerows(extract.rows)
        command = [*MDM, "ingest", str(path), "--source", extract.system, "--entity", entity]
        subprocess.run(command, env=env, capture_output=True, check=False)


def mdm_match(entity: str, env: dict[str, str]) -> str:
    """``mdm match --entity ENTITY``; its summary (the last line holds the stage times)."""
    command = [*MDM, "match", "--entity", entity]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
