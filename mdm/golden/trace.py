"""A golden record's trace, from each member's extract line to each system's delivery."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mdm.domain.errors import NotFoundError
from mdm.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Origin:
    """One version of a member record and where it came from."""

    version: int
    received_at: datetime
    ingest_run: int | None  # None: written through the API
    file: str | None
    line: int | None
    tombstone: bool
    # what the run's mapping gave every row (field -> value): not the file's content
    constants: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Member:
    system: str
    source_id: str
    joined_at: datetime
    left_at: datetime | None  # None: still a member
    versions: tuple[Origin, ...]


@dataclass(frozen=True)
class Trace:
    golden_id: uuid.UUID
    members: tuple[Member, ...]
    decisions: tuple[dict[str, Any], ...]
    versions: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]
    deliveries: tuple[dict[str, Any], ...]


def trace_golden(uow: UnitOfWork, entity: str, golden_id: uuid.UUID) -> Trace:
    if not uow.golden.exists(entity, golden_id):
        raise NotFoundError(f"no {entity} golden record {golden_id}")
    members, record_ids = _members(uow.reports.trace_members(golden_id))
    return Trace(
        golden_id=golden_id,
        members=members,
        decisions=tuple(_named(_DECISION, r) for r in uow.reports.trace_links(record_ids)),
        versions=tuple(_named(_VERSION, r) for r in uow.reports.trace_versions(golden_id)),
        events=tuple(_named(_EVENT, r) for r in uow.reports.trace_events(golden_id)),
        deliveries=tuple(_named(_DELIVERY, r) for r in uow.reports.trace_deliveries(golden_id)),
    )


_DECISION = ("left_system", "left_source_id", "right_system", "right_source_id", "probability",
             "decision", "decided_by", "decided_at")  # fmt: skip
_VERSION = ("version", "status", "at", "changed_by", "reason", "merged_into")
_EVENT = ("id", "type", "sequence", "created_at", "feed_position")
_DELIVERY = ("system", "status", "wanted_version", "delivered_version", "attempts",
             "target_id", "last_error", "delivered_at", "dead_at")  # fmt: skip


def _named(names: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(names, row, strict=True))


def _members(rows: Sequence[Sequence[Any]]) -> tuple[tuple[Member, ...], list[int]]:
    """Group the (membership, version) rows by membership."""
    grouped: dict[tuple[str, str, datetime], list[Sequence[Any]]] = {}
    record_ids: dict[int, None] = {}  # in order, once each
    for row in rows:
        grouped.setdefault((row[0], row[1], row[3]), []).append(row)
        record_ids[row[2]] = None
    members = tuple(
        Member(
            system=system,
            source_id=source_id,
            joined_at=joined,
            left_at=group[0][4],
            versions=tuple(Origin(r[5], r[6], r[7], r[8], r[9], r[10], r[11]) for r in group),
        )
        for (system, source_id, joined), group in grouped.items()
    )
    return members, list(record_ids)
