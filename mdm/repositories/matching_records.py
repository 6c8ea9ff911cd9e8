"""Source records as the matcher reads them: canonical values, source and a string id, with
the references it compares (a rate line's customer) resolved to golden ids; and the entity's
pending and active records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.entities import schema_for
from mdm.domain.members import MemberVersion
from mdm.repositories.fragments import MEMBER_COLUMNS, RECORD, SYSTEM, live_xref, referenced

MATCHER_COLUMNS = "r.id, s.name, v.canonical"


def reference_fields(entity: str) -> tuple[str, ...]:
    """The fields the matcher reads a resolved reference from (a rate line's ``customer_ref``),
    in the order ``select_sql`` gives their golden ids."""
    return tuple(ref.matcher_field for _, ref in schema_for(entity).matched_references())


def select_sql(entity: str, where: str, columns: str = MATCHER_COLUMNS) -> str:
    """Active records of ``entity`` as the matcher reads them: ``columns`` (by default id,
    system, canonical values), then the golden id each reference the matcher compares resolves
    to (a rate line's customer: the line names it by its key in the same system, and the
    matcher compares the golden id, so a rate line follows its customer's golden record)."""
    references = schema_for(entity).matched_references()
    goldens = "".join(f", ref{n}.golden_id" for n in range(len(references)))
    joins = " ".join(
        referenced(field, reference.entity, x=f"ref{n}")
        for n, (field, reference) in enumerate(references)
    )
    return (
        f"SELECT {columns}{goldens} FROM {RECORD} {joins} "
        f"WHERE r.entity = :e AND NOT r.is_deleted {where}"
    )


def as_record(references: Sequence[str], row: Sequence[Any]) -> dict[str, object]:
    """A row of ``select_sql`` as the matcher's record; ``references``: the entity's
    ``reference_fields``, whose golden ids end the row."""
    record_id, system, canonical, *goldens = row
    record: dict[str, object] = {**canonical, "id": str(record_id), "source": system}
    for name, golden in zip(references, goldens, strict=True):
        if golden is not None:
            record[name] = str(golden)
    return record


def records_by_id(session: Session, entity: str, ids: Sequence[int]) -> list[dict[str, object]]:
    """The active records of ``ids`` as the matcher reads them, in id order (the order a
    bulk resolution reads every record in: a pair's left record has the smaller id)."""
    rows = session.execute(
        text(select_sql(entity, "AND r.id = ANY(:ids)")), {"e": entity, "ids": list(ids)}
    )
    references = reference_fields(entity)
    return [as_record(references, r) for r in sorted(rows, key=lambda row: int(row[0]))]


VALUES = "v.canonical - 'source_id'"  # a record's canonical values but for its key


def equal_records(entity: str) -> str:
    """The GROUP BY of ``select_sql`` that groups records equal in their system, canonical
    values but for their key there (``VALUES``) and resolved references: copies."""
    references = schema_for(entity).matched_references()
    goldens = "".join(f", ref{n}.golden_id" for n in range(len(references)))
    return f"GROUP BY s.name, {VALUES}{goldens}"


def records_read_once(
    session: Session, entity: str, ids: Sequence[int]
) -> list[tuple[dict[str, object], list[int]]]:
    """The active records of ``ids`` as ``records_by_id`` reads them but for their key in
    their system (``source_id``, which no feature reads), each group of records equal in
    their system, other canonical values and resolved references read once: the first
    record of the group (its id the group's smallest), with the group's ids in order. A
    golden record of hundreds of copies is read as a few records."""
    grouped = f"AND r.id = ANY(:ids) {equal_records(entity)}"
    rows = session.execute(
        text(select_sql(entity, grouped, f"array_agg(r.id ORDER BY r.id), s.name, {VALUES}")),
        {"e": entity, "ids": list(ids)},
    )
    fields = reference_fields(entity)
    read = [(as_record(fields, (members[0], *rest)), members) for members, *rest in rows]
    return sorted(read, key=lambda group: int(group[1][0]))


def active_ids(session: Session, entity: str) -> list[int]:
    """The ids of the entity's active records, in order."""
    rows = session.execute(
        text("SELECT id FROM source_record WHERE entity = :e AND NOT is_deleted ORDER BY id"),
        {"e": entity},
    )
    return [int(r[0]) for r in rows]


def active_systems(session: Session, entity: str) -> list[tuple[int, str]]:
    """(id, system) of the entity's active records: the source the matcher reads each as
    coming from (``as_record``'s ``source``)."""
    rows = session.execute(
        text(f"SELECT r.id, s.name FROM source_record r {SYSTEM} "
             "WHERE r.entity = :e AND NOT r.is_deleted"),
        {"e": entity},
    )  # fmt: skip
    return [(int(r[0]), str(r[1])) for r in rows]


def active_records(session: Session, entity: str) -> list[dict[str, object]]:
    """Every active record of ``entity`` as the matcher reads it."""
    rows = session.execute(text(select_sql(entity, "")), {"e": entity})
    references = reference_fields(entity)
    return [as_record(references, r) for r in rows]


def pending_ids(session: Session, entity: str) -> list[int]:
    rows = session.execute(
        text(
            "SELECT id FROM source_record WHERE entity = :e AND pending_match AND NOT is_deleted "
            "ORDER BY id"
        ),
        {"e": entity},
    )
    return [r[0] for r in rows]


def count_active(session: Session, entity: str) -> int:
    return int(
        session.execute(
            text("SELECT count(*) FROM source_record WHERE entity = :e AND NOT is_deleted"),
            {"e": entity},
        ).scalar_one()
    )


def population_change(session: Session, entity: str) -> int:
    """How far the number of the entity's active records moved since the last resolution,
    read from the pending records alone (through their partial index, not the whole table):
    records new since then (pending, live, in no golden record) less records deleted since
    then (pending tombstones). A record both created and deleted between two resolutions
    counts as one that left: an error of one until the next count (a bulk resolution)."""
    return int(
        session.execute(
            text(
                "SELECT count(*) FILTER (WHERE NOT r.is_deleted AND x.id IS NULL) "
                "- count(*) FILTER (WHERE r.is_deleted) "
                f"FROM source_record r {live_xref(outer=True)} "
                "WHERE r.entity = :e AND r.pending_match"
            ),
            {"e": entity},
        ).scalar_one()
    )


def mark_resolved(session: Session, entity: str) -> None:
    session.execute(
        text("UPDATE source_record SET pending_match = false WHERE entity = :e AND pending_match"),
        {"e": entity},
    )


@dataclass(frozen=True)
class Snapshot:
    """Every active record of an entity read once for a bulk resolution: as the matcher
    compares it and as survivorship makes golden records from it (so new golden records need
    no second read)."""

    records: list[dict[str, object]]  # as as_record gives them to the matcher
    members: dict[int, MemberVersion]  # record id → its current version


# The tables a bulk read joins. Right after a bulk ingest (COPY) their statistics still say
# "a few rows" until autovacuum gets to them, and the planner then looks up each rate line's
# customer by scanning all the system's customers: 21 s instead of 0.2 s for 6,254 rate lines
# (bench section rate_cards). ANALYZE samples a fixed number of rows, so it costs little.
SNAPSHOT_TABLES = "source_record, source_record_version, xref"


def analyse(session: Session) -> None:
    """Fresh planner statistics for the tables a bulk read joins (see SNAPSHOT_TABLES)."""
    session.execute(text(f"ANALYZE {SNAPSHOT_TABLES}"))


def snapshot(session: Session, entity: str) -> Snapshot:
    analyse(session)
    # what survivorship needs of a member, read with the matcher's record
    sql = select_sql(entity, "", columns=MEMBER_COLUMNS)
    references = reference_fields(entity)
    matched: list[dict[str, object]] = []
    members: dict[int, MemberVersion] = {}
    for row in session.execute(text(sql), {"e": entity}):
        member = MemberVersion(*row[:9])
        head = (member.record_id, member.system, member.values)
        matched.append(as_record(references, (*head, *row[9:])))
        members[member.record_id] = member
    matched.sort(key=lambda record: int(str(record["id"])))  # id order, as records_by_id
    return Snapshot(matched, members)
