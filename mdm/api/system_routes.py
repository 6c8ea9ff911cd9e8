"""`GET /v1/systems` and `GET /v1/systems/{name}/deliveries`: how syndication to each
connected system stands (pending, failing, dead letters, lag) and its deliveries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from mdm.api.access import GOVERNED_RESPONSES, governed
from mdm.api.dependencies import REQUEST_UOW
from mdm.api.schemas import ErrorOut
from mdm.domain.errors import NotFoundError
from mdm.unit_of_work import UnitOfWork

router = APIRouter(
    prefix="/v1", tags=["systems"], dependencies=governed("read"), responses=GOVERNED_RESPONSES
)
UNKNOWN_SYSTEM: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No connected system of that name."}
}


class SystemOut(BaseModel):
    name: str
    entity: str
    state: str = Field(description="active, or paused (nothing is sent until resumed)")
    pending: int = Field(description="golden records waiting to be written there")
    failing: int = Field(description="pending after at least one failed attempt")
    dead: int = Field(description="dead letters: given up, with the reason")
    delivered: int
    lag_seconds: float | None = Field(description="age of the oldest change still pending")


class SystemsOut(BaseModel):
    systems: list[SystemOut]


class DeliveryOut(BaseModel):
    golden_id: uuid.UUID
    entity: str
    status: str
    attempts: int
    wanted_version: int = Field(description="the golden version the target should reach")
    delivered_version: int | None
    target_id: str | None = Field(description="the record's own id in the target (crosswalk)")
    last_error: str | None
    next_attempt_at: datetime
    dead_at: datetime | None
    changed_at: datetime


class DeliveriesOut(BaseModel):
    deliveries: list[DeliveryOut]
    next: str | None = Field(description="pass as `after` for the next page; null at the end")


@router.get("/systems", response_model=SystemsOut)
def list_systems(uow: UnitOfWork = REQUEST_UOW) -> SystemsOut:
    now = datetime.now(UTC)
    rows = uow.systems.delivery_figures()
    return SystemsOut(
        systems=[
            SystemOut(
                name=r.system, entity=r.entity, state=r.subscription, pending=r.pending,
                failing=r.failing, dead=r.dead, delivered=r.delivered,
                lag_seconds=(now - r.oldest_pending).total_seconds() if r.oldest_pending else None,
            )
            for r in rows
        ]
    )  # fmt: skip


@router.get("/systems/{name}/deliveries", response_model=DeliveriesOut, responses=UNKNOWN_SYSTEM)
def list_deliveries(
    name: str,
    status: Literal["pending", "delivered", "dead"] | None = Query(None),
    after: uuid.UUID | None = Query(None, description="`next` of the previous page"),
    limit: int = Query(100, ge=1, le=1000),
    uow: UnitOfWork = REQUEST_UOW,
) -> DeliveriesOut:
    """Deliveries to the system, in golden-id order, optionally of one status."""
    if not uow.systems.list_subscriptions(name):  # a look-up, not the counts over its log
        raise NotFoundError(f"no connected system named {name!r}")
    rows = uow.systems.delivery_rows(system=name, status=status, after=after, limit=limit)
    items = [
        DeliveryOut(
            golden_id=r.golden_id, entity=r.entity, status=r.status, attempts=r.attempts,
            wanted_version=r.wanted_version, delivered_version=r.delivered_version,
            target_id=r.target_id, last_error=r.last_error, next_attempt_at=r.next_attempt_at,
            dead_at=r.dead_at, changed_at=r.changed_at,
        )
        for r in rows
    ]  # fmt: skip
    following = str(rows[-1].golden_id) if len(rows) == limit else None
    return DeliveriesOut(deliveries=items, next=following)
