"""Subscriptions: which golden records a system receives (an entity and a filter), and
whether its deliveries are paused."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import as_json


@dataclass(frozen=True)
class Subscription:
    id: int
    system_id: int
    system: str
    entity: str
    filter: Mapping[str, list[str]]
    status: str
    connector: Mapping[str, Any]  # the system's validated connector configuration


SELECT = """
    SELECT s.id, s.system_id, y.name, s.entity, s.filter, s.status,
           COALESCE(y.settings -> 'connector', '{}'::jsonb)
    FROM subscription s JOIN source_system y ON y.id = s.system_id
"""


def ensure(
    session: Session, system_id: int, entity: str, filter_: Mapping[str, list[str]]
) -> tuple[int, bool]:
    """The subscription's id, and whether it is new (created now)."""
    found = session.execute(
        text("SELECT id FROM subscription WHERE system_id = :s AND entity = :e"),
        {"s": system_id, "e": entity},
    ).scalar()
    if found is not None:
        session.execute(
            text("UPDATE subscription SET filter = CAST(:f AS jsonb) WHERE id = :id"),
            {"f": as_json(dict(filter_)), "id": found},
        )
        return int(found), False
    created = session.execute(
        text(
            "INSERT INTO subscription (system_id, entity, filter) "
            "VALUES (:s, :e, CAST(:f AS jsonb)) RETURNING id"
        ),
        {"s": system_id, "e": entity, "f": as_json(dict(filter_))},
    ).scalar_one()
    return int(created), True


def listed(session: Session, system: str | None = None) -> list[Subscription]:
    where = " WHERE y.name = :name" if system else ""
    rows = session.execute(text(SELECT + where + " ORDER BY y.name, s.entity"), {"name": system})
    return [Subscription(*row) for row in rows]


def set_status(session: Session, system: str, status: str) -> int:
    """Pause or resume every subscription of ``system``; how many there were."""
    done = session.execute(
        text(
            "UPDATE subscription s SET status = :st FROM source_system y "
            "WHERE y.id = s.system_id AND y.name = :name"
        ),
        {"st": status, "name": system},
    )
    return int(done.rowcount)  # type: ignore[attr-defined]
