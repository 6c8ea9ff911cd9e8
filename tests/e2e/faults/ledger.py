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
from tests.e2e.faults.processes import rows, scalar


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


def rows_ledger(rows: int, records: int, quarantined: int) -> str:
    """Where an extract's rows went: a row quarantined is kept, with its reason, for a
    steward (an ingest's dead letter)."""
    return f"{rows:,} rows = {records:,} loaded + {quarantined:,} quarantined"


def placed_ledger(url: str, found: set[frozenset[tuple[str, str]]]) -> str:
    """Where the loaded records went after the run that follows a fault."""
    placed = sum(len(group) for group in found)
    pending = scalar(url, "SELECT count(*) FROM source_record WHERE pending_match")
    return f"{placed + pending:,} records = {placed:,} in golden records + {pending:,} pending"


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


@dataclass(frozen=True)
class Deliveries:
    """One system's deliveries after a fault and the run after it: every golden record the
    hub accepted for delivery is applied at the target, pending or dead-lettered."""

    accepted: int  # golden records queued for the system
    applied: int  # marked delivered, and the target has them
    pending: int
    dead: int
    duplicated: int  # golden records the target received as two different messages

    @property
    def lost(self) -> int:
        return self.accepted - self.applied - self.pending - self.dead


def deliveries(url: str, received: list[dict[str, object]]) -> Deliveries:
    """The ledger of the one connected system on ``url``'s database against what its webhook
    receiver holds (a message repeated with its id is one effect: the receiver drops the
    repeat by its ``webhook-id``)."""
    ids: dict[str, set[str]] = {}
    for message in received:
        event = message["event"]
        assert isinstance(event, dict)
        ids.setdefault(str(event["subject"]), set()).add(str(message["id"]))
    delivered = rows(url, "SELECT golden_id::text FROM delivery WHERE status = 'delivered'")
    return Deliveries(
        accepted=scalar(url, "SELECT count(*) FROM delivery"),
        applied=sum(1 for golden in delivered if golden in ids),
        pending=scalar(url, "SELECT count(*) FROM delivery WHERE status = 'pending'"),
        dead=scalar(url, "SELECT count(*) FROM delivery WHERE status = 'dead'"),
        duplicated=sum(len(found) - 1 for found in ids.values()),
    )
