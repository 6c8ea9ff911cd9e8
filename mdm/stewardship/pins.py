"""Pinned values: checked exactly as ingest checks the same field of the golden record's own
entity, given with a reason, and put on the survivor when the id was merged away."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mdm.domain.canonical import canonicalise
from mdm.domain.entities import schema_for
from mdm.domain.errors import ConflictError, NotFoundError
from mdm.domain.issues import FieldIssue
from mdm.golden import lifecycle
from mdm.golden import queries as golden_queries
from mdm.unit_of_work import UnitOfWork


class InvalidPinError(ValueError):
    """The value (or attribute, or reason) cannot be pinned; ``issue`` says which and why."""

    def __init__(self, issue: FieldIssue) -> None:
        super().__init__(f"{issue.field}: {issue.reason}")
        self.issue = issue
        self.issues = (issue,)


@dataclass(frozen=True)
class Pinned:
    golden_id: str  # where the pin went: the survivor when the id asked for was merged away
    attribute: str
    value: Any
    redirected_from: str | None = None


def pinnable(entity: str) -> tuple[str, ...]:
    """Attributes a steward may pin: not the key, not references to other records."""
    schema = schema_for(entity)
    return tuple(f for f in schema.fields if f != "source_id" and f not in schema.references)


def checked_value(entity: str, attribute: str, value: str) -> Any:
    """``value`` as ingest would store it for ``attribute`` of ``entity``, or the reason it
    would be refused or flagged invalid there."""
    if attribute not in pinnable(entity):
        raise InvalidPinError(FieldIssue(attribute, f"not a pinnable attribute of a {entity}"))
    text = value.strip()
    if not text:
        raise InvalidPinError(
            FieldIssue(attribute, "a pinned value cannot be empty: unpin instead")
        )
    row = canonicalise(entity, {"source_id": "pin", attribute: text})
    for issue in row.errors:
        if issue.field == attribute:
            raise InvalidPinError(issue)
    if attribute in row.invalid:
        raise InvalidPinError(FieldIssue(attribute, row.invalid[attribute]))
    return row.values.get(attribute)


def _survivor(uow: UnitOfWork, golden_id: uuid.UUID) -> tuple[str, uuid.UUID]:
    entity = uow.golden.entity_of([golden_id]).get(golden_id)
    if entity is None:
        raise NotFoundError(f"no golden record {golden_id}")
    survivor = golden_queries.survivor_of(uow, entity, golden_id) or golden_id
    status = uow.golden.states_of([survivor])[survivor].status
    if status != "active":
        raise ConflictError(f"golden record {golden_id} is {status}: pin a value on an active one")
    return entity, survivor


def pin(
    uow: UnitOfWork, golden_id: str, attribute: str, value: str, user: str, reason: str
) -> Pinned:
    """Pin a checked value on the golden record (its survivor, if merged away), with why."""
    requested = uuid.UUID(golden_id)
    entity, target = _survivor(uow, requested)
    canonical = checked_value(entity, attribute, value)
    why = reason.strip()
    if not why:
        raise InvalidPinError(FieldIssue("reason", "say why the value is pinned"))
    uow.golden.set_pin(target, attribute, canonical, user, why)
    lifecycle.refresh(
        uow, [target], datetime.now(UTC), actor=f"steward:{user}",
        reason=f"pinned {attribute}: {why}",
    )  # fmt: skip
    moved = str(requested) if target != requested else None
    return Pinned(str(target), attribute, canonical, moved)


def unpin(uow: UnitOfWork, golden_id: str, attribute: str, user: str) -> str:
    target = _survivor(uow, uuid.UUID(golden_id))[1]
    uow.golden.drop_pin(target, attribute)
    lifecycle.refresh(
        uow, [target], datetime.now(UTC), actor=f"steward:{user}",
        reason=f"unpinned {attribute}",
    )  # fmt: skip
    return str(target)
