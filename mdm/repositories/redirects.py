"""Where merged-away golden ids point after a split: re-pointed at the record that now holds
what they held, or answered as "split into A and B"."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.repositories.fragments import live


def tombstones_into(session: Session, golden_id: uuid.UUID) -> list[uuid.UUID]:
    """Golden ids merged directly into ``golden_id``."""
    rows = session.execute(
        text(
            "SELECT id FROM golden_record WHERE status = 'merged' AND merged_into = :g ORDER BY id"
        ),
        {"g": golden_id},
    )
    return [r[0] for r in rows]


def holders_now(session: Session, golden_id: uuid.UUID) -> list[uuid.UUID]:
    """The golden records that now hold the source records ``golden_id`` ever held."""
    rows = session.execute(
        text(
            f"SELECT DISTINCT now.golden_id FROM xref past JOIN xref now "
            f"ON now.source_record_id = past.source_record_id AND {live('now')} "
            "WHERE past.golden_id = :g ORDER BY 1"
        ),
        {"g": golden_id},
    )
    return [r[0] for r in rows]


def repoint(session: Session, tombstone: uuid.UUID, target: uuid.UUID, now: datetime) -> None:
    session.execute(
        text("UPDATE golden_record SET merged_into = :t, updated_at = :now WHERE id = :id"),
        {"t": target, "now": now, "id": tombstone},
    )


def mark_split(session: Session, tombstone: uuid.UUID, now: datetime) -> None:
    """The id no longer means one record: status ``split``, pointing nowhere."""
    session.execute(
        text(
            "UPDATE golden_record SET status = 'split', merged_into = NULL, updated_at = :now "
            "WHERE id = :id"
        ),
        {"now": now, "id": tombstone},
    )


def was_repointed(session: Session, golden_id: uuid.UUID) -> bool:
    """Whether the id's redirect was re-pointed after a split (its audit says so)."""
    found = session.execute(
        text(
            "SELECT 1 FROM audit_event WHERE subject_type = 'golden_record' "
            "AND subject_id = :g AND action = 'golden.repointed' LIMIT 1"
        ),
        {"g": str(golden_id)},
    ).first()
    return found is not None
