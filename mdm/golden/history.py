"""Every golden change leaves three traces in the same transaction: a version snapshot, an
audit entry and an outbox event (CloudEvents data, published later by the relay or the feed)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import as_json, copy_rows

EVENT_SOURCE = "/mdm/hub"

SNAPSHOT_SQL = text(
    """
    SELECT g.id, g.entity, g.version, g.status, g.merged_into, g.attributes, g.lineage,
           COALESCE(array_agg(x.source_record_id ORDER BY x.source_record_id)
                    FILTER (WHERE x.source_record_id IS NOT NULL), '{}')
    FROM golden_record g
    LEFT JOIN xref x ON x.golden_id = g.id AND x.valid_to IS NULL
    WHERE g.id = ANY(:ids)
    GROUP BY g.id
    """
)


@dataclass(frozen=True)
class Change:
    """Why a golden record changed: the event kind (created, updated, merged, split, deleted)."""

    golden_id: uuid.UUID
    kind: str
    extra: Mapping[str, Any] = field(default_factory=dict)
    changed: tuple[str, ...] = ()


def record(
    session: Session, changes: Sequence[Change], *, actor: str, reason: str, now: datetime
) -> None:
    if not changes:
        return
    by_id = {c.golden_id: c for c in changes}
    rows = session.execute(SNAPSHOT_SQL, {"ids": list(by_id)}).all()
    copy_rows(
        session,
        "golden_version",
        ("golden_id", "version", "entity", "attributes", "lineage", "status", "merged_into",
         "members", "valid_from", "changed_by", "reason"),
        ((r[0], r[2], r[1], as_json(r[5]), as_json(r[6]), r[3], r[4], as_json(list(r[7])), now,
          actor, reason) for r in rows),
    )  # fmt: skip
    copy_rows(
        session,
        "outbox_event",
        ("id", "type", "source", "subject", "entity", "sequence", "data", "created_at"),
        ((uuid.uuid4(), f"mdm.{r[1]}.{by_id[r[0]].kind}.v1", EVENT_SOURCE, str(r[0]), r[1], r[2],
          as_json(_event_data(r, by_id[r[0]])), now) for r in rows),
    )  # fmt: skip
    copy_rows(
        session,
        "audit_event",
        ("at", "actor", "action", "subject_type", "subject_id", "reason", "before", "after"),
        ((now, actor, f"golden.{by_id[r[0]].kind}", "golden_record", str(r[0]), reason,
          as_json({"version": r[2] - 1}) if r[2] > 1 else None,
          as_json({"version": r[2], "status": r[3], "members": list(r[7]), **by_id[r[0]].extra}))
         for r in rows),
    )  # fmt: skip


def _event_data(row: Any, change: Change) -> dict[str, Any]:
    golden_id, entity, version, status, merged_into, attributes, _lineage, _members = row
    data: dict[str, Any] = {
        "golden_id": str(golden_id),
        "entity": entity,
        "version": version,
        "status": status,
        "attributes": attributes,
        "changed_attributes": list(change.changed),
    }
    if merged_into is not None:
        data["merged_into"] = str(merged_into)
    data.update(change.extra)
    return data


def audit(
    session: Session, *, actor: str, action: str, subject_type: str, subject_id: str,
    before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> None:  # fmt: skip
    """One audit entry for a decision that is not itself a golden change (tasks, pins)."""
    session.execute(
        text(
            "INSERT INTO audit_event (at, actor, action, subject_type, subject_id, reason, before, after) "
            "VALUES (now(), :actor, :action, :st, :sid, :reason, CAST(:b AS jsonb), CAST(:a AS jsonb))"
        ),
        {"actor": actor, "action": action, "st": subject_type, "sid": subject_id, "reason": reason,
         "b": as_json(before) if before is not None else None, "a": as_json(after) if after is not None else None},
    )  # fmt: skip
