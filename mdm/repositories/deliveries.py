"""The delivery log: one row per (subscription, golden id), fed by the outbox trigger
(migration 0011), claimed in batches by the relay, marked with each outcome."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Due:
    """A delivery to make now, with the golden record as it stands and the crosswalk."""

    golden_id: uuid.UUID
    attempts: int
    target_id: str | None
    target_version: str | None
    content_hash: str | None
    version: int
    status: str
    attributes: Mapping[str, Any]
    merged_into: uuid.UUID | None
    survivor_target_id: str | None


CLAIM_SQL = text(
    """
    SELECT d.golden_id, d.attempts, d.target_id, d.target_version, d.content_hash,
           g.version, g.status, g.attributes, g.merged_into, sd.target_id
    FROM delivery d
    JOIN golden_record g ON g.id = d.golden_id
    LEFT JOIN delivery sd ON sd.subscription_id = d.subscription_id AND sd.golden_id = g.merged_into
    WHERE d.subscription_id = :sub AND d.status = 'pending' AND d.next_attempt_at <= :now
    ORDER BY d.wanted_position
    LIMIT :limit
    FOR UPDATE OF d SKIP LOCKED
    """
)


def claim_due(session: Session, subscription_id: int, now: datetime, limit: int) -> list[Due]:
    """Due deliveries, oldest change first, locked until the caller's transaction ends (a
    second relay skips them, so one golden id is never in flight twice)."""
    rows = session.execute(CLAIM_SQL, {"sub": subscription_id, "now": now, "limit": limit})
    return [Due(*row) for row in rows]


@dataclass(frozen=True)
class Landed:
    golden_id: uuid.UUID
    version: int
    target_id: str | None
    target_version: str | None
    content_hash: str


def mark_delivered(
    session: Session, subscription_id: int, landed: Sequence[Landed], now: datetime
) -> None:
    if not landed:
        return
    session.execute(
        text(
            "UPDATE delivery SET status = 'delivered', attempts = 0, last_error = NULL, "
            "delivered_version = :version, delivered_at = :now, target_id = :target_id, "
            "target_version = :target_version, content_hash = :content_hash "
            "WHERE subscription_id = :sub AND golden_id = :golden_id"
        ),
        [{**vars(item), "sub": subscription_id, "now": now} for item in landed],
    )


@dataclass(frozen=True)
class Failed:
    golden_id: uuid.UUID
    error: str
    next_attempt_at: datetime | None  # None: dead letter
    forget_version: bool = False  # a conflict: the target's version must be read again


def mark_failed(
    session: Session, subscription_id: int, failed: Sequence[Failed], now: datetime
) -> None:
    if not failed:
        return
    session.execute(
        text(
            "UPDATE delivery SET attempts = attempts + 1, last_error = :error, "
            "status = CASE WHEN CAST(:next AS timestamptz) IS NULL THEN 'dead' ELSE 'pending' END, "
            "dead_at = CASE WHEN CAST(:next AS timestamptz) IS NULL THEN :now END, "
            "next_attempt_at = COALESCE(CAST(:next AS timestamptz), next_attempt_at), "
            "target_version = CASE WHEN :forget THEN NULL ELSE target_version END "
            "WHERE subscription_id = :sub AND golden_id = :golden_id"
        ),
        [
            {"golden_id": f.golden_id, "error": f.error, "next": f.next_attempt_at,
             "forget": f.forget_version, "sub": subscription_id, "now": now}
            for f in failed
        ],
    )  # fmt: skip


def queue(
    session: Session, subscription_id: int, entity: str, since: datetime | None, now: datetime
) -> int:
    """(Re)queue the golden records of ``entity`` changed since ``since`` (all when None), to
    be written again even if unchanged; how many."""
    changed = (
        "SELECT DISTINCT subject::uuid FROM outbox_event WHERE entity = :entity "
        "AND created_at >= :since"
        if since is not None
        else "SELECT id FROM golden_record WHERE entity = :entity"
    )
    done = session.execute(
        text(
            f"""
            INSERT INTO delivery AS d (subscription_id, golden_id, wanted_version,
                                       wanted_position, changed_at, next_attempt_at)
            SELECT :sub, g.id, g.version, 0, :now, :now
            FROM golden_record g WHERE g.entity = :entity AND g.id IN ({changed})
            ON CONFLICT (subscription_id, golden_id) DO UPDATE
               SET status = 'pending', attempts = 0, next_attempt_at = :now, dead_at = NULL,
                   content_hash = NULL, wanted_version = EXCLUDED.wanted_version
            """
        ),
        {"sub": subscription_id, "entity": entity, "since": since, "now": now},
    )
    return int(done.rowcount)  # type: ignore[attr-defined]


def retry_dead(session: Session, subscription_ids: Sequence[int], now: datetime) -> int:
    done = session.execute(
        text(
            "UPDATE delivery SET status = 'pending', attempts = 0, next_attempt_at = :now, "
            "dead_at = NULL WHERE status = 'dead' AND subscription_id = ANY(:subs)"
        ),
        {"subs": list(subscription_ids), "now": now},
    )
    return int(done.rowcount)  # type: ignore[attr-defined]


def crosswalk(
    session: Session, subscription_id: int, target_ids: Sequence[str]
) -> dict[str, tuple[uuid.UUID, str | None]]:
    """target id -> (golden id, content hash last written), for records the hub wrote."""
    rows = session.execute(
        text(
            "SELECT target_id, golden_id, content_hash FROM delivery "
            "WHERE subscription_id = :sub AND target_id = ANY(:ids)"
        ),
        {"sub": subscription_id, "ids": list(target_ids)},
    )
    return {str(t): (g, h) for t, g, h in rows}


def refresh_target_versions(
    session: Session, subscription_id: int, versions: Mapping[str, str]
) -> None:
    """The target's versions as just read: the next conditional write is made against them."""
    if versions:
        session.execute(
            text(
                "UPDATE delivery SET target_version = :v "
                "WHERE subscription_id = :sub AND target_id = :t"
            ),
            [{"sub": subscription_id, "t": t, "v": v} for t, v in versions.items()],
        )


def event_time(session: Session, event_id: uuid.UUID) -> datetime | None:
    """When the outbox event ``event_id`` was written (a replay may start from an event)."""
    found = session.execute(
        text("SELECT created_at FROM outbox_event WHERE id = :id"), {"id": event_id}
    ).scalar()
    return found if isinstance(found, datetime) else None
