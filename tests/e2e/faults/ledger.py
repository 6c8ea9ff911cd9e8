"""What a fault must not change: nothing lost, nothing applied twice.

After a fault and the run that follows it, the database is compared with what one clean run
gives: every accepted row is a source record (or an open quarantine entry), each record has
exactly as many versions as loads changed it, and the partition of records into golden
records is the same.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from tests.e2e.conftest import Cli
from tests.e2e.faults.processes import scalar


@dataclass(frozen=True)
class Outcome:
    """One fault survived or not, with what it lost and what it applied twice."""

    fault: str
    survived: bool
    lost: int
    duplicated: int
    note: str = ""


def loaded(url: str) -> tuple[int, int, int]:
    """(source records, their versions, open quarantine rows)."""
    return (
        scalar(url, "SELECT count(*) FROM source_record"),
        scalar(url, "SELECT count(*) FROM source_record_version"),
        scalar(url, "SELECT count(*) FROM quarantine_row WHERE status = 'open'"),
    )


def partition(cli: Cli, entity: str = "customer") -> set[frozenset[tuple[str, str]]]:
    """The golden records as sets of (source, source_id), ids aside."""
    out = cli("export", "xref", "--entity", entity, check=True).stdout
    groups: dict[str, set[tuple[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(out)):
        groups.setdefault(row["golden_id"], set()).add((row["source"], row["source_id"]))
    return {frozenset(g) for g in groups.values()}


def golden_effects(url: str) -> tuple[int, int]:
    """(golden records ever created, outbox events): a second application of a clean run's
    work would add to either."""
    return (
        scalar(url, "SELECT count(*) FROM golden_record"),
        scalar(url, "SELECT count(*) FROM outbox_event"),
    )


def lost_records(
    found: set[frozenset[tuple[str, str]]], clean: set[frozenset[tuple[str, str]]]
) -> int:
    """Records a clean run placed that the run after the fault did not."""
    placed = {record for group in found for record in group}
    return sum(1 for group in clean for record in group if record not in placed)


def extra_effects(found: tuple[int, int], clean: tuple[int, int]) -> int:
    """Golden records and events beyond what a clean run writes (work applied twice)."""
    return sum(max(0, f - c) for f, c in zip(found, clean, strict=True))
