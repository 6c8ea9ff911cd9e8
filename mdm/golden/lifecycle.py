"""Golden records follow their source records: created for new ones, refreshed on change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from mdm.db.bulk import same_json
from mdm.domain.survivorship import survive
from mdm.golden import history
from mdm.golden.history import Change
from mdm.repositories import golden as golden_repo
from mdm.repositories.golden import GoldenUpdate
from mdm.survivorship.rules import default_rules


def create_singletons(
    session: Session, entity: str, system: str, run_id: int, now: datetime, *, actor: str
) -> list[uuid.UUID]:
    """Each new source record starts as its own golden record; matching merges them later."""
    made = golden_repo.insert_singletons(session, entity, system, run_id, now)
    changes = [Change(golden_id, "created", changed=tuple(names)) for golden_id, names in made]
    history.record(session, changes, actor=actor, reason="new source record", now=now)
    return [golden_id for golden_id, _ in made]


def refresh(
    session: Session,
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
    unique = sorted(set(golden_ids))
    before = golden_repo.states_of(session, unique)
    pins = golden_repo.pins_of(session, unique)
    entities = golden_repo.entity_of(session, unique)
    changes: list[Change] = []
    updates: list[GoldenUpdate] = []
    for golden_id, members in golden_repo.members_of(session, unique).items():
        old_status, old, old_lineage = before.get(golden_id, ("active", {}, {}))
        if members:
            rules = default_rules().for_entity(entities[golden_id])
            attributes, lineage = survive(members, rules, pins.get(golden_id))
            status = "active"
        else:
            attributes, lineage = old, old_lineage
            status = "merged" if old_status == "merged" else "retired"
        changed = tuple(sorted(k for k in {*old, *attributes} if old.get(k) != attributes.get(k)))
        override = (kinds or {}).get(golden_id)
        same = not changed and status == old_status and same_json(lineage, old_lineage)
        if override is None and same:
            continue
        keep = not members  # a tombstone or retired record keeps its last values
        updates.append(
            GoldenUpdate(golden_id, None if keep else attributes, None if keep else lineage, status)
        )
        default_kind = "updated" if status == "active" else "deleted"
        kind, extra = (override.kind, override.extra) if override else (default_kind, {})
        changes.append(Change(golden_id, kind, extra, changed))
    golden_repo.update_goldens(session, updates, now)
    history.record(session, changes, actor=actor, reason=reason, now=now)
    return changes
