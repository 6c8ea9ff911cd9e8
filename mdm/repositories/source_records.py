"""Source records and their versions: bulk reads of current state and bulk writes by COPY."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import allocate_ids, copy_field, copy_lines, execute_staged, raw_connection
from mdm.repositories.fragments import current_version

COPY_NULL = "\\N"  # NULL in COPY's text format


class CurrentState(NamedTuple):
    """A named tuple, not a dataclass: a load reads one per record the system holds."""

    record_id: int
    content_hash: str
    version_no: int
    is_deleted: bool


TOMBSTONE_FIELDS = "{}\t{}\t{}"  # a deletion in the source: no raw, canonical or invalid values


class NewVersion(NamedTuple):
    """One version to write: for a new record (``record_id`` None until allocated) or not.
    A named tuple: a load makes one per row, and a frozen dataclass costs more to build."""

    source_id: str
    content_hash: str
    version_no: int
    # raw, canonical and invalid JSON, escaped for COPY and tab-separated
    fields: str = TOMBSTONE_FIELDS
    record_id: int | None = None
    is_tombstone: bool = False
    line_no: int | None = None  # the extract's line it came from (None: a tombstone)

    def copy_line(self, version_id: int, record_id: int, run_id: int, received_at: str) -> str:
        """This version, of record ``record_id``, as one line of COPY text."""
        return (
            f"{version_id}\t{record_id}\t"
            f"{self.version_no}\t{self.fields}\t{self.content_hash}\t"
            f"{'t' if self.is_tombstone else 'f'}\t{received_at}\t{run_id}\t"
            f"{self.line_no if self.line_no is not None else COPY_NULL}\n"
        )


def load_state(session: Session, system_id: int, entity: str) -> dict[str, CurrentState]:
    """The current state of every record of ``system_id``'s ``entity``, by source id: read
    through psycopg's cursor, as its rows are, for the 100,000s a load of a system reads."""
    with raw_connection(session).cursor() as cur:
        cur.execute(
            "SELECT source_id, id, content_hash, version_no, is_deleted FROM source_record "
            "WHERE system_id = %s AND entity = %s",
            (system_id, entity),
        )
        return {r[0]: CurrentState(r[1], r[2], r[3], r[4]) for r in cur.fetchall()}


def states_of(
    session: Session, system_id: int, entity: str, source_ids: Sequence[str]
) -> dict[str, CurrentState]:
    """``load_state`` for the named records only (a real-time write names a few): one probe
    of the unique index per id, whatever the statistics say. (``source_id = ANY(:ids)``, or a
    plain join, let the planner read every record of a system its statistics did not know of
    yet and filter them: the cost of a write grew with the system's records.)"""
    rows = session.execute(
        text(
            "SELECT named.source_id, r.id, r.content_hash, r.version_no, r.is_deleted "
            "FROM unnest(CAST(:ids AS text[])) AS named(source_id) CROSS JOIN LATERAL ("
            "SELECT id, content_hash, version_no, is_deleted FROM source_record "
            "WHERE system_id = :s AND entity = :e AND source_id = named.source_id LIMIT 1) r"
        ),
        {"s": system_id, "e": entity, "ids": list(source_ids)},
    )
    return {r[0]: CurrentState(r[1], r[2], r[3], r[4]) for r in rows}


def flagged_of(session: Session, record_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """The values of each record's current version that could not be read, field -> reason:
    kept with the version, never in a golden record. Records with none are left out."""
    rows = session.execute(
        text(
            f"SELECT r.id, v.invalid FROM source_record r {current_version()} "
            "WHERE r.id = ANY(:ids) AND v.invalid <> '{}'::jsonb"
        ),
        {"ids": list(record_ids)},
    )
    return {r[0]: dict(r[1]) for r in rows}


def insert_records(
    session: Session, system_id: int, entity: str, versions: Sequence[NewVersion], now: datetime
) -> list[int]:
    """Create the source records for new versions; returns their ids in the same order."""
    if not versions:
        return []
    ids = allocate_ids(session, "source_record", len(versions))
    fixed = f"{system_id}\t{copy_field(entity)}\t"
    updated = f"\tf\tt\t{now.isoformat()}\n"
    copy_lines(
        session,
        "source_record",
        ("id", "system_id", "entity", "source_id", "version_no", "content_hash",
         "is_deleted", "pending_match", "updated_at"),
        (f"{i}\t{fixed}{copy_field(v.source_id)}\t1\t{v.content_hash}{updated}"
         for i, v in zip(ids, versions, strict=True)),
    )  # fmt: skip
    return ids


def insert_versions(
    session: Session, versions: Sequence[NewVersion], record_ids: Sequence[int], run_id: int,
    now: datetime,
) -> None:  # fmt: skip
    """Write ``versions``, the i-th of record ``record_ids[i]``."""
    if not versions:
        return
    ids = allocate_ids(session, "source_record_version", len(versions))
    received_at = now.isoformat()
    copy_lines(
        session,
        "source_record_version",
        ("id", "source_record_id", "version_no", "raw", "canonical", "invalid", "content_hash",
         "is_tombstone", "received_at", "ingest_run_id", "line_no"),
        (v.copy_line(i, r, run_id, received_at)
         for i, r, v in zip(ids, record_ids, versions, strict=True)),
    )  # fmt: skip


def advance_records(session: Session, versions: Sequence[NewVersion], now: datetime) -> None:
    """Point existing records at their new versions (changed, revived or tombstoned)."""
    if not versions:
        return
    rows = [(v.record_id, v.version_no, v.content_hash, v.is_tombstone) for v in versions]
    ddl = "id bigint, version_no int, content_hash text, is_deleted bool"
    execute_staged(
        session,
        "UPDATE source_record r SET version_no = t.version_no, "
        "content_hash = t.content_hash, is_deleted = t.is_deleted, pending_match = true, "
        "updated_at = :now FROM advance_tmp t WHERE r.id = t.id",
        {"now": now}, "advance_tmp", ddl, rows,
    )  # fmt: skip


def count_all(session: Session) -> int:
    """How many source records the hub holds (of every entity, deleted ones included)."""
    return int(session.execute(text("SELECT count(*) FROM source_record")).scalar_one())
