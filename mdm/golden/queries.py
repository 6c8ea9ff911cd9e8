"""The read side of golden records: one record (following merges), its history, the record as
it was at a time, search with keyset paging, and cross-reference look-ups. Reads only."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mdm.domain.entities import schema_for
from mdm.unit_of_work import UnitOfWork

MAX_REDIRECTS = 32


@dataclass(frozen=True)
class Member:
    source: str
    source_id: str
    since: datetime | None = None
    deleted: bool = False


@dataclass(frozen=True)
class GoldenView:
    id: uuid.UUID
    entity: str
    version: int
    status: str
    attributes: dict[str, Any]
    lineage: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    members: tuple[Member, ...]
    merged_into: uuid.UUID | None = None
    # each reference (``parent``, ``manager``, ``customer``) → the golden id it resolves to
    references: dict[str, uuid.UUID | None] = field(default_factory=dict)


@dataclass(frozen=True)
class VersionView:
    version: int
    valid_from: datetime
    status: str
    merged_into: uuid.UUID | None
    changed_by: str
    reason: str
    attributes: dict[str, Any]
    lineage: dict[str, Any]
    members: tuple[Member, ...]
    # each reference → the golden id it resolved to at the version's time (``version_at``)
    references: dict[str, uuid.UUID | None] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchHit:
    id: uuid.UUID
    sort_key: str
    version: int
    attributes: dict[str, Any]
    updated_at: datetime


@dataclass(frozen=True)
class XrefView:
    golden_id: uuid.UUID
    golden_status: str
    since: datetime
    deleted: bool


def survivor_of(uow: UnitOfWork, entity: str, golden_id: uuid.UUID) -> uuid.UUID | None:
    """The record that holds ``golden_id`` now: itself, or the end of its merged_into chain."""
    current = golden_id
    for _ in range(MAX_REDIRECTS):
        row = uow.golden.status_row(entity, current)
        if row is None:
            return None
        if row[0] != "merged" or row[1] is None:
            return current
        current = row[1]
    return current


def golden_record(uow: UnitOfWork, entity: str, golden_id: uuid.UUID) -> GoldenView | None:
    row = uow.golden.record_row(entity, golden_id)
    if row is None:
        return None
    members, numbers = _members_with_versions(uow, golden_id)
    cited = {p["version_id"] for p in _provenances(row[5]) if "version_id" in p}
    if not cited <= numbers.keys():  # lineage older than the members (a tombstone's)
        numbers = _version_numbers(uow, [row[5]])
    return GoldenView(
        id=row[0], entity=row[1], version=row[2], status=row[3], attributes=row[4],
        lineage=_publish(row[5], numbers), created_at=row[6], updated_at=row[7],
        members=members, merged_into=row[8],
        references=references(uow, entity, row[4], row[5]),
    )  # fmt: skip


def references(
    uow: UnitOfWork,
    entity: str,
    attributes: dict[str, Any],
    lineage: dict[str, Any],
    at: datetime | None = None,
) -> dict[str, uuid.UUID | None]:
    """Each reference of a golden record (by its name: ``parent``) → the golden id it resolves
    to, None when it names nothing, or a record not loaded or not matched yet. A record names
    another by its key in its own system (``parent_source_id``, a canonical field): the golden value
    came from one member, so the key resolves in that member's system (``lineage``, as stored,
    says which), through the named record's cross-reference, to the golden record holding it
    now (a merged-away one leads to its survivor). The matcher resolves a rate line's customer
    the same way, record by record (``mdm.repositories.matching_records``). With ``at``, the
    reference resolves as it did then: the cross-reference that held at ``at``, and the record
    it was merged into by then."""
    schema = schema_for(entity)
    found: dict[str, uuid.UUID | None] = {}
    for name in schema.references:
        reference = schema.reference_of(name)
        assert reference is not None
        key, origin = attributes.get(name), lineage.get(name)
        system = origin.get("system") if isinstance(origin, dict) else None
        golden = None
        if key and system and at is None:
            row = uow.golden.xref_row(reference.entity, str(system), str(key))
            if row is not None:
                merged = row[1] == "merged"
                golden = survivor_of(uow, reference.entity, row[0]) if merged else row[0]
        elif key and system and at is not None:
            golden = _held_at(uow, reference.entity, str(system), str(key), at)
        found[reference.name] = golden
    return found


def _held_at(uow: UnitOfWork, entity: str, system: str, key: str, at: datetime) -> uuid.UUID | None:
    """The golden record holding a source record at ``at``: its cross-reference then, or the
    record that one had been merged into by then."""
    current = uow.golden.xref_golden_at(entity, system, key, at)
    for _ in range(MAX_REDIRECTS):
        row = None if current is None else uow.golden.version_row_at(entity, current, at)
        if row is None or row[2] != "merged" or row[3] is None:
            return None if row is None else current
        current = row[3]
    return current


def current_record(uow: UnitOfWork, entity: str, golden_id: uuid.UUID) -> GoldenView | None:
    """The record a golden id means now: itself, or (merged away) its survivor."""
    view = golden_record(uow, entity, golden_id)
    if view is not None and view.status == "merged":  # rare: follow the chain
        survivor = survivor_of(uow, entity, golden_id)
        view = None if survivor is None else golden_record(uow, entity, survivor)
    return view


def _members_with_versions(
    uow: UnitOfWork, golden_id: uuid.UUID
) -> tuple[tuple[Member, ...], dict[int, int]]:
    """Current members, and the version numbers of their current versions: the ones the
    lineage of an active record cites, so reading a record needs no extra query for them."""
    rows = uow.golden.current_member_rows(golden_id)
    return tuple(Member(r[0], r[1], r[2], r[3]) for r in rows), {r[4]: r[5] for r in rows}


def current_members(uow: UnitOfWork, golden_id: uuid.UUID) -> tuple[Member, ...]:
    return _members_with_versions(uow, golden_id)[0]


def members_at(uow: UnitOfWork, golden_id: uuid.UUID, at: datetime) -> tuple[Member, ...]:
    """The source records the golden record held at ``at`` (xref validity windows)."""
    rows = uow.golden.member_rows_at(golden_id, at)
    return tuple(Member(r[0], r[1], r[2], False) for r in rows)


def public_lineage(uow: UnitOfWork, lineage: dict[str, Any]) -> dict[str, Any]:
    """Lineage with internal version row ids replaced by the source records' version numbers
    (also inside the ``competing`` candidates survivorship lists)."""
    return _publish(lineage, _version_numbers(uow, [lineage]))


def _version_numbers(uow: UnitOfWork, lineages: Sequence[dict[str, Any]]) -> dict[int, int]:
    """Source version numbers of every version row the lineages name, in one query."""
    ids = {p["version_id"] for lin in lineages for p in _provenances(lin) if "version_id" in p}
    return uow.golden.version_numbers(ids)


def _publish(lineage: dict[str, Any], numbers: dict[int, int]) -> dict[str, Any]:
    return {name: _public_provenance(value, numbers) for name, value in lineage.items()}


def _provenances(lineage: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for value in lineage.values():
        if isinstance(value, dict):
            found.append(value)
            found.extend(c for c in value.get("competing") or () if isinstance(c, dict))
    return found


def _public_provenance(value: Any, numbers: dict[int, int]) -> Any:
    if not isinstance(value, dict):
        return value
    public = {k: v for k, v in value.items() if k not in ("version_id", "system", "competing")}
    if "system" in value:
        public["source"] = value["system"]
    if "version_id" in value:
        public["source_version"] = numbers.get(value["version_id"])
    if isinstance(value.get("competing"), list):
        public["competing"] = [_public_provenance(c, numbers) for c in value["competing"]]
    return public


def _version(row: Any, numbers: dict[int, int]) -> VersionView:
    members = tuple(Member(source, source_id) for source, source_id in row[8])
    return VersionView(
        version=row[0], valid_from=row[1], status=row[2], merged_into=row[3], changed_by=row[4],
        reason=row[5], attributes=row[6], lineage=_publish(row[7], numbers), members=members,
    )  # fmt: skip


def history(uow: UnitOfWork, entity: str, golden_id: uuid.UUID) -> list[VersionView]:
    """Every version of the record, oldest first."""
    rows = uow.golden.version_rows(entity, golden_id)
    numbers = _version_numbers(uow, [r[7] for r in rows])  # one query for all versions
    return [_version(r, numbers) for r in rows]


def version_at(
    uow: UnitOfWork, entity: str, golden_id: uuid.UUID, at: datetime
) -> VersionView | None:
    """The latest version with valid_from ≤ ``at``; its members come from the xref windows."""
    row = uow.golden.version_row_at(entity, golden_id, at)
    if row is None:
        return None
    view = _version(row, _version_numbers(uow, [row[7]]))
    return VersionView(
        **{
            **view.__dict__,
            "members": members_at(uow, golden_id, at),
            "references": references(uow, entity, row[6], row[7], at),
        }
    )


def record_at(
    uow: UnitOfWork, entity: str, golden_id: uuid.UUID, at: datetime
) -> tuple[uuid.UUID, VersionView] | None:
    """The record as it was at ``at``; a version merged away by then leads to its survivor."""
    current = golden_id
    for _ in range(MAX_REDIRECTS):
        view = version_at(uow, entity, current, at)
        if view is None or view.status != "merged" or view.merged_into is None:
            return None if view is None else (current, view)
        current = view.merged_into
    return None


def exists(uow: UnitOfWork, entity: str, golden_id: uuid.UUID) -> bool:
    return uow.golden.exists(entity, golden_id)


def search(
    uow: UnitOfWork,
    entity: str,
    q: str | None,
    limit: int,
    after: tuple[str, uuid.UUID] | None = None,
) -> list[SearchHit]:
    """Active records whose name-like attribute contains ``q`` (any case), ordered by
    (lower-cased name, id); ``after`` is the last (sort key, id) of the previous page."""
    return [SearchHit(*row) for row in uow.golden.search_rows(entity, q, limit, after)]


def xref(uow: UnitOfWork, entity: str, source: str, source_id: str) -> XrefView | None:
    """The golden record that holds the source record now."""
    row = uow.golden.xref_row(entity, source, source_id)
    return None if row is None else XrefView(row[0], row[1], row[2], row[3])


def active_attributes(uow: UnitOfWork, entity: str | None = None) -> dict[str, dict[str, Any]]:
    """Every active golden record: id → attributes (what a replayed event feed must equal)."""
    return uow.golden.active_attributes(entity)
