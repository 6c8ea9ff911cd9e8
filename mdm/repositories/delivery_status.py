"""What the delivery log says, per system: counts, lag, and the deliveries themselves."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class SystemStatus:
    system: str
    entity: str
    subscription: str  # active, paused
    pending: int
    failing: int  # pending after at least one failed attempt
    dead: int
    delivered: int
    oldest_pending: datetime | None  # the change waiting longest: now minus this is the lag


STATUS_SQL = text(
    """
    SELECT y.name, s.entity, s.status,
           count(*) FILTER (WHERE d.status = 'pending'),
           count(*) FILTER (WHERE d.status = 'pending' AND d.attempts > 0),
           count(*) FILTER (WHERE d.status = 'dead'),
           count(*) FILTER (WHERE d.status = 'delivered'),
           min(d.changed_at) FILTER (WHERE d.status = 'pending')
    FROM subscription s JOIN source_system y ON y.id = s.system_id
    LEFT JOIN delivery d ON d.subscription_id = s.id
    WHERE CAST(:name AS text) IS NULL OR y.name = :name
    GROUP BY y.name, s.entity, s.status ORDER BY y.name, s.entity
    """
)


def status(session: Session, system: str | None = None) -> list[SystemStatus]:
    return [SystemStatus(*row) for row in session.execute(STATUS_SQL, {"name": system})]


@dataclass(frozen=True)
class DeliveryRow:
    system: str
    entity: str
    golden_id: uuid.UUID
    status: str
    attempts: int
    wanted_version: int
    delivered_version: int | None
    target_id: str | None
    last_error: str | None
    next_attempt_at: datetime
    dead_at: datetime | None
    changed_at: datetime


LIST_SQL = """
    SELECT y.name, s.entity, d.golden_id, d.status, d.attempts, d.wanted_version,
           d.delivered_version, d.target_id, d.last_error, d.next_attempt_at, d.dead_at,
           d.changed_at
    FROM delivery d JOIN subscription s ON s.id = d.subscription_id
    JOIN source_system y ON y.id = s.system_id
    WHERE (CAST(:name AS text) IS NULL OR y.name = :name)
      AND (CAST(:status AS text) IS NULL OR d.status = :status)
      AND (CAST(:after AS uuid) IS NULL OR d.golden_id > CAST(:after AS uuid))
    ORDER BY d.golden_id LIMIT :limit
"""


def deliveries(
    session: Session, *, system: str | None, status: str | None, after: uuid.UUID | None = None,
    limit: int = 100,
) -> list[DeliveryRow]:  # fmt: skip
    params = {"name": system, "status": status, "after": after, "limit": limit}
    return [DeliveryRow(*row) for row in session.execute(text(LIST_SQL), params)]
