"""Golden records and cross-references: bulk creation and the reads that resolution needs."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg.types.json import set_json_loads
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import (
    as_json,
    copy_field,
    copy_lines,
    copy_rows,
    execute_staged,
    from_json,
    raw_connection,
)
from mdm.domain.members import MemberVersion
from mdm.repositories.fragments import MEMBER_COLUMNS, RECORD, SYSTEM, current_version, live


def golden_ids_for(session: Session, record_ids: Sequence[int]) -> dict[int, uuid.UUID]:
    if not record_ids:
        return {}
    rows = session.execute(
        text(
            f"SELECT source_record_id, golden_id FROM xref x WHERE {live()} "
            "AND source_record_id = ANY(:ids)"
        ),
        {"ids": list(record_ids)},
    )
    return {r[0]: r[1] for r in rows}


def member_record_ids(session: Session, golden_ids: Sequence[uuid.UUID]) -> list[int]:
    return list(golden_of_members(session, golden_ids))


def golden_of_members(session: Session, golden_ids: Sequence[uuid.UUID]) -> dict[int, uuid.UUID]:
    """Every current member of ``golden_ids``, with the golden record it is in."""
    rows = session.execute(
        text(
            f"SELECT source_record_id, golden_id FROM xref x WHERE {live()} "
            "AND golden_id = ANY(:ids)"
        ),
        {"ids": list(golden_ids)},
    )
    return {record_id: golden_id for record_id, golden_id in rows}


def close_xrefs(session: Session, record_ids: Sequence[int], now: datetime) -> None:
    if not record_ids:
        return
    session.execute(
        text(f"UPDATE xref x SET valid_to = :now WHERE {live()} AND source_record_id = ANY(:ids)"),
        {"now": now, "ids": list(record_ids)},
    )


MEMBERS_SQL = text(
    f"""
    SELECT x.golden_id, {MEMBER_COLUMNS}
    FROM xref x JOIN source_record r ON r.id = x.source_record_id {SYSTEM} {current_version()}
    WHERE {live()} AND x.golden_id = ANY(:ids) AND NOT r.is_deleted
    ORDER BY x.golden_id, r.id
    """
)
LIVE_MEMBERS_SQL = (
    f"SELECT {MEMBER_COLUMNS} FROM {RECORD} WHERE r.id = ANY(%s) AND NOT r.is_deleted"
)


def live_members(session: Session, record_ids: Sequence[int]) -> dict[int, MemberVersion]:
    """The current version of each record of ``record_ids`` not deleted, as survivorship sees
    it. A bulk run reads every record here, a chunk at a time: their JSON is read by
    :func:`from_json` (the values ``json.loads`` gives, in less time)."""
    if not record_ids:
        return {}
    with raw_connection(session).cursor() as cursor:
        set_json_loads(from_json, cursor)
        cursor.execute(LIVE_MEMBERS_SQL, (list(record_ids),))
        return {row[1]: MemberVersion(*row) for row in cursor}


def members_of(
    session: Session, golden_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[MemberVersion]]:
    members: dict[uuid.UUID, list[MemberVersion]] = {g: [] for g in golden_ids}
    for row in session.execute(MEMBERS_SQL, {"ids": list(golden_ids)}):
        members[row[0]].append(MemberVersion(*row[1:]))
    return members


@dataclass(frozen=True)
class GoldenState:
    entity: str
    status: str
    attributes: dict[str, Any]
    lineage: dict[str, Any]


def states_of(session: Session, golden_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, GoldenState]:
    """Entity, status, attributes and lineage of each golden record, as stored now."""
    rows = session.execute(
        text(
            "SELECT id, entity, status, attributes, lineage FROM golden_record WHERE id = ANY(:ids)"
        ),
        {"ids": list(golden_ids)},
    )
    return {r[0]: GoldenState(r[1], r[2], r[3], r[4]) for r in rows}


def pins_of(session: Session, golden_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    rows = session.execute(
        text(
            "SELECT golden_id, attribute, value, pinned_by, pinned_at FROM golden_pin WHERE golden_id = ANY(:ids)"
        ),
        {"ids": list(golden_ids)},
    )
    pins: dict[uuid.UUID, dict[str, Any]] = {}
    for golden_id, attribute, value, by, at in rows:
        pins.setdefault(golden_id, {})[attribute] = {
            "value": value["v"],
            "by": by,
            "reason": value.get("reason"),
            "at": at.isoformat(),
        }
    return pins


def entity_of(session: Session, golden_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = session.execute(
        text("SELECT id, entity FROM golden_record WHERE id = ANY(:ids)"), {"ids": list(golden_ids)}
    )
    return {r[0]: r[1] for r in rows}


@dataclass(frozen=True)
class GoldenUpdate:
    """A golden record's next state; ``attributes`` and ``lineage`` None keep the stored ones
    (a tombstone keeps the values it had when it was merged away)."""

    golden_id: uuid.UUID
    attributes: dict[str, Any] | None
    lineage: dict[str, Any] | None
    status: str


def update_goldens(session: Session, updates: Sequence[GoldenUpdate], now: datetime) -> None:
    """Write new states of many golden records at once, each one version further."""
    if not updates:
        return
    rows = [
        (u.golden_id, _json_or_null(u.attributes), _json_or_null(u.lineage), u.status)
        for u in updates
    ]
    execute_staged(
        session,
        "UPDATE golden_record g SET attributes = COALESCE(t.a, g.attributes), "
        "lineage = COALESCE(t.l, g.lineage), status = t.s, "
        "version = g.version + 1, updated_at = :now FROM golden_tmp t WHERE g.id = t.id",
        {"now": now}, "golden_tmp", "id uuid, a jsonb, l jsonb, s text", rows, lz4=True,
    )  # fmt: skip


def _json_or_null(value: dict[str, Any] | None) -> str | None:
    return None if value is None else as_json(value)


def mark_merged(session: Session, tombstones: dict[uuid.UUID, uuid.UUID], now: datetime) -> None:
    """Turn merged-away golden records into tombstones that point at their survivors."""
    if not tombstones:
        return
    execute_staged(
        session,
        "UPDATE golden_record g SET status = 'merged', merged_into = t.s, "
        "updated_at = :now FROM tomb_tmp t WHERE g.id = t.id",
        {"now": now}, "tomb_tmp", "id uuid, s uuid", list(tombstones.items()),
    )  # fmt: skip


def lock_goldens(session: Session, golden_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """Row locks in id order, so two workers never resolve the same golden records at once;
    returns each locked record's creation time."""
    rows = session.execute(
        text(
            "SELECT id, created_at FROM golden_record WHERE id = ANY(:ids) ORDER BY id FOR UPDATE"
        ),
        {"ids": sorted(set(golden_ids))},
    )
    return {r[0]: r[1] for r in rows}


COLUMNS = ("id", "entity", "attributes", "lineage", "version", "status", "created_at", "updated_at")


def insert_empty(
    session: Session, entity: str, golden_ids: Sequence[uuid.UUID], now: datetime
) -> None:
    """New golden records at version 0, their values computed once their members are in."""
    copy_rows(
        session, "golden_record", COLUMNS,
        ((g, entity, "{}", "{}", 0, "active", now, now) for g in golden_ids),
    )  # fmt: skip


def insert_complete(
    session: Session,
    entity: str,
    goldens: Iterable[tuple[uuid.UUID, dict[str, Any], dict[str, Any]]],
    now: datetime,
) -> None:
    """New golden records (id, attributes, lineage) written complete, at version 1; the server
    stores each batch while ``goldens`` computes the next (the caller's survivorship)."""
    copy_lines(
        session, "golden_record", COLUMNS, complete_lines(entity, goldens, now), overlapped=True
    )


def complete_lines(
    entity: str, goldens: Iterable[tuple[uuid.UUID, dict[str, Any], dict[str, Any]]], now: datetime
) -> Iterator[str]:
    """New golden records (id, attributes, lineage) at version 1 as the COPY lines
    :func:`insert_lines` writes: made apart from the session (no database), so a bulk run makes
    one chunk's while the server stores the one before."""
    stamp = now.isoformat()
    for g, a, lin in goldens:
        yield (
            f"{g}\t{entity}\t{copy_field(as_json(a))}\t{copy_field(as_json(lin))}\t1\tactive\t"
            f"{stamp}\t{stamp}\n"
        )


def insert_lines(session: Session, lines: Iterable[str]) -> None:
    """New golden records written from their :func:`complete_lines`."""
    copy_lines(session, "golden_record", COLUMNS, lines)


def insert_xrefs(session: Session, moves: Mapping[int, uuid.UUID], now: datetime) -> None:
    """Open a cross-reference from each record of ``moves`` to its golden record."""
    stamp = now.isoformat()
    copy_lines(
        session, "xref", ("source_record_id", "golden_id", "valid_from"),
        (f"{r}\t{g}\t{stamp}\n" for r, g in moves.items()),
    )  # fmt: skip


# A bulk resolution writes an entity's golden records and cross-references in one transaction;
# until autovacuum reaches them the planner still sees the tables as they were before (empty
# after a first load), and the first "does this exist?" calls plan their joins on that.
# ANALYZE samples a fixed number of rows and counts the transaction's own rows.
def analyse(session: Session) -> None:
    """Fresh planner statistics for golden_record and xref."""
    session.execute(text("ANALYZE golden_record, xref"))


def active_ids(session: Session, entity: str) -> list[uuid.UUID]:
    rows = session.execute(
        text("SELECT id FROM golden_record WHERE entity = :e AND status = 'active' ORDER BY id"),
        {"e": entity},
    )
    return list(rows.scalars())


def set_pin(
    session: Session, golden_id: uuid.UUID, attribute: str, value: Any, user: str, reason: str
) -> None:
    """Pin ``value`` (replacing an earlier pin of the attribute); the reason is kept with it."""
    session.execute(
        text(
            "INSERT INTO golden_pin (golden_id, attribute, value, pinned_by, pinned_at) "
            "VALUES (:g, :a, CAST(:v AS jsonb), :u, now()) ON CONFLICT (golden_id, attribute) "
            "DO UPDATE SET value = EXCLUDED.value, pinned_by = EXCLUDED.pinned_by, pinned_at = EXCLUDED.pinned_at"
        ),
        {"g": golden_id, "a": attribute, "v": as_json({"v": value, "reason": reason}), "u": user},
    )


def drop_pin(session: Session, golden_id: uuid.UUID, attribute: str) -> None:
    session.execute(
        text("DELETE FROM golden_pin WHERE golden_id = :g AND attribute = :a"),
        {"g": golden_id, "a": attribute},
    )
