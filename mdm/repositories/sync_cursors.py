"""Where an inbound read of a system stopped: the connector's own state, per entity."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import as_json


def state_of(session: Session, system_id: int, entity: str) -> dict[str, Any]:
    found = session.execute(
        text("SELECT state FROM sync_cursor WHERE system_id = :s AND entity = :e FOR UPDATE"),
        {"s": system_id, "e": entity},
    ).scalar()
    return dict(found or {})


def save(
    session: Session, system_id: int, entity: str, state: Mapping[str, Any], now: datetime
) -> None:
    session.execute(
        text(
            "INSERT INTO sync_cursor (system_id, entity, state, updated_at) "
            "VALUES (:s, :e, CAST(:st AS jsonb), :now) ON CONFLICT (system_id, entity) "
            "DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at"
        ),
        {"s": system_id, "e": entity, "st": as_json(dict(state)), "now": now},
    )
