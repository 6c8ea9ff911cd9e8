"""Make golden records agree with a clustering: merges, splits and moved members, with locks."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime

from mdm.domain.members import MemberVersion
from mdm.domain.partition import PartitionPlan, plan_partition
from mdm.golden import creation, lifecycle
from mdm.repositories.history import Change
from mdm.unit_of_work import UnitOfWork


def _holdings(uow: UnitOfWork, golden_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, frozenset[int]]:
    members: dict[uuid.UUID, set[int]] = {}
    for record_id, golden_id in uow.golden.golden_of_members(golden_ids).items():
        members.setdefault(golden_id, set()).add(record_id)
    return {golden_id: frozenset(records) for golden_id, records in members.items()}


def apply_partition(
    uow: UnitOfWork,
    entity: str,
    clusters: Sequence[Sequence[int]],
    *,
    actor: str,
    reason: str,
    now: datetime,
    preferred: dict[int, uuid.UUID] | None = None,
    members: Mapping[int, MemberVersion] | None = None,
) -> PartitionPlan:
    """``clusters`` must hold every member of every golden record they touch. ``members`` may
    hold records already read (current versions), so new golden records need not read them."""
    uow.golden.lock_entity(entity)
    records = [r for c in clusters for r in c]
    current = uow.golden.golden_ids_for(records)
    created_at = uow.golden.lock_goldens(list(current.values()))
    holdings = _holdings(uow, list(created_at))
    plan = plan_partition(
        clusters, current, holdings, lambda g: (created_at.get(g), str(g)), preferred=preferred
    )
    if plan.empty:
        return plan
    # golden records made from records no golden record held are written complete, once
    known = _new_members(uow, plan, members or {})
    new = creation.creatable(plan.changes, known)
    recorded = creation.insert_new(uow, entity, new, known, now) if new else []
    made = {c.golden_id for c in new}
    _write(uow, entity, plan, now, made, current)
    uow.golden.record_changes(recorded, actor=actor, reason=reason, now=now)
    kinds = _change_kinds(plan)
    touched = [c.golden_id for c in plan.changes if c.golden_id not in made]
    touched += list(plan.tombstones)
    if touched:
        lifecycle.refresh(uow, touched, now, actor=actor, reason=reason, kinds=kinds)
    return plan


def _new_members(
    uow: UnitOfWork, plan: PartitionPlan, known: Mapping[int, MemberVersion]
) -> Mapping[int, MemberVersion]:
    """The live members of the golden records ``plan`` creates without a split, read only
    where ``known`` lacks them."""
    wanted = [r for c in plan.changes if c.created and c.split_from is None for r in c.members]
    missing = [r for r in wanted if r not in known]
    if not missing:
        return known
    return {**known, **uow.golden.live_members(missing)}


def _write(
    uow: UnitOfWork,
    entity: str,
    plan: PartitionPlan,
    now: datetime,
    made: set[uuid.UUID],
    current: Mapping[int, uuid.UUID],
) -> None:
    created = [c.golden_id for c in plan.changes if c.created and c.golden_id not in made]
    uow.golden.insert_empty(entity, created, now)
    # only a record that had a golden record has a current cross-reference to close
    uow.golden.close_xrefs([r for r in plan.moves if r in current], now)
    uow.golden.insert_xrefs(plan.moves, now)
    uow.golden.mark_merged(plan.tombstones, now)


def _change_kinds(plan: PartitionPlan) -> dict[uuid.UUID, Change]:
    kinds: dict[uuid.UUID, Change] = {}
    for change in plan.changes:
        if change.absorbed:
            extra = {
                "survivor": str(change.golden_id),
                "merged_away": [str(g) for g in change.absorbed],
            }
            kinds[change.golden_id] = Change(change.golden_id, "merged", extra)
        elif change.created:
            extra = {"split_from": str(change.split_from)} if change.split_from else {}
            kinds[change.golden_id] = Change(
                change.golden_id, "split" if change.split_from else "created", extra
            )
    for merged, survivor in plan.tombstones.items():
        extra = {"survivor": str(survivor), "merged_away": [str(merged)]}
        kinds[merged] = Change(merged, "merged", extra)
    return kinds


def apply_partition_in_chunks(
    uow: UnitOfWork,
    entity: str,
    clusters: Sequence[Sequence[int]],
    *,
    actor: str,
    reason: str,
    now: datetime,
    chunk_records: int = 50_000,
) -> int:
    """``apply_partition`` of a whole entity's clusters a chunk at a time (each chunk's
    members read, survived and written, then let go), so a bulk run's memory does not grow
    with the records; golden records merged away. A chunk holds whole groups of clusters
    that share a current golden record: every golden record a chunk touches has all its
    members in it, as ``apply_partition`` needs."""
    merged = 0
    for chunk in _chunks(uow, clusters, chunk_records):
        plan = apply_partition(uow, entity, chunk, actor=actor, reason=reason, now=now)
        merged += len(plan.tombstones)
    return merged


def _chunks(
    uow: UnitOfWork, clusters: Sequence[Sequence[int]], size: int
) -> Iterator[list[Sequence[int]]]:
    current = uow.golden.golden_ids_for([r for c in clusters for r in c])
    root = list(range(len(clusters)))

    def find(n: int) -> int:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    holder: dict[uuid.UUID, int] = {}
    for number, members in enumerate(clusters):
        for record in members:
            golden = current.get(record)
            if golden is not None:
                first = holder.setdefault(golden, number)
                root[find(number)] = find(first)
    del current, holder
    groups: dict[int, list[Sequence[int]]] = {}
    for number, members in enumerate(clusters):
        groups.setdefault(find(number), []).append(members)
    chunk: list[Sequence[int]] = []
    held = 0
    for group in groups.values():
        chunk.extend(group)
        held += sum(len(members) for members in group)
        if held >= size:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk
