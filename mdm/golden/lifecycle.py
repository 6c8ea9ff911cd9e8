"""Golden records follow their source records: recomputed from their members on change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mdm.db.bulk import same_json
from mdm.domain.survivorship import survive
from mdm.repositories.golden import GoldenState, GoldenUpdate
from mdm.repositories.history import Change
from mdm.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Recomputed:
    """A golden record as stored (``before``) and as its rules compute it from its members."""

    golden_id: uuid.UUID
    before: GoldenState
    has_members: bool
    attributes: dict[str, Any]
    lineage: dict[str, Any]

    @property
    def changed(self) -> tuple[str, ...]:
        old, new = self.before.attributes, self.attributes
        return tuple(sorted(k for k in {*old, *new} if old.get(k) != new.get(k)))

    @property
    def unchanged(self) -> bool:
        same_lineage = same_json(self.lineage, self.before.lineage)
        return not self.changed and self.status == self.before.status and same_lineage

    @property
    def status(self) -> str:
        if self.has_members:
            return "active"
        return "merged" if self.before.status == "merged" else "retired"


def recompute(uow: UnitOfWork, golden_ids: Sequence[uuid.UUID]) -> list[Recomputed]:
    """Apply survivorship (rules, pins) to each golden record's current members; one with no
    members left keeps its last values."""
    unique = sorted(set(golden_ids))
    if not unique:  # a write of new records only: no golden record to read
        return []
    states = uow.golden.states_of(unique)
    pins = uow.golden.pins_of(unique)
    found = []
    for golden_id, members in uow.golden.members_of(unique).items():
        state = states[golden_id]
        if members:
            rules = uow.rules.for_entity(state.entity)
            attributes, lineage = survive(members, rules, pins.get(golden_id))
        else:
            attributes, lineage = state.attributes, state.lineage
        found.append(Recomputed(golden_id, state, bool(members), attributes, lineage))
    return found


def refresh(
    uow: UnitOfWork,
    golden_ids: Sequence[uuid.UUID],
    now: datetime,
    *,
    actor: str,
    reason: str,
    kinds: dict[uuid.UUID, Change] | None = None,
) -> list[Change]:
    """Recompute golden records from their current members and record what changed.

    A golden record left with no members is retired (``deleted``). ``kinds`` overrides the
    event kind for records whose change is a merge or split rather than an update.
    """
    changes: list[Change] = []
    updates: list[GoldenUpdate] = []
    for result in recompute(uow, golden_ids):
        override = (kinds or {}).get(result.golden_id)
        if override is None and result.unchanged:
            continue
        # a tombstone or retired record keeps its last values: nothing to rewrite
        keep = not result.has_members
        attributes = None if keep else result.attributes
        lineage = None if keep else result.lineage
        updates.append(GoldenUpdate(result.golden_id, attributes, lineage, result.status))
        default_kind = "updated" if result.status == "active" else "deleted"
        kind, extra = (override.kind, override.extra) if override else (default_kind, {})
        changes.append(Change(result.golden_id, kind, extra, result.changed))
    uow.golden.update_goldens(updates, now)
    uow.golden.record_changes(changes, actor=actor, reason=reason, now=now)
    return changes
