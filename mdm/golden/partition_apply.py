"""Make golden records agree with a clustering: merges, splits and moved members, with locks."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from mdm.domain.members import MemberVersion
from mdm.domain.partition import GoldenChange, PartitionPlan, plan_partition
from mdm.golden import creation, lifecycle
from mdm.repositories.history import Change
from mdm.unit_of_work import UnitOfWork


def random_ids(batch: int = 4096) -> Callable[[], uuid.UUID]:
    """New golden ids as ``uuid.uuid4`` makes them (16 bytes of the system's random source,
    version 4), the bytes read for ``batch`` ids at once: a bulk run makes hundreds of
    thousands, and each read is a system call that hands the interpreter to another thread
    (the one surviving the next chunk), to wait for it back."""
    pool = b""
    used = 0

    def new_id() -> uuid.UUID:
        nonlocal pool, used
        if used == len(pool):
            pool, used = os.urandom(16 * batch), 0
        used += 16
        return uuid.UUID(bytes=pool[used - 16 : used], version=4)

    return new_id


def _holdings(uow: UnitOfWork, golden_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, frozenset[int]]:
    members: dict[uuid.UUID, set[int]] = {}
    for record_id, golden_id in uow.golden.golden_of_members(golden_ids).items():
        members.setdefault(golden_id, set()).add(record_id)
    return {golden_id: frozenset(records) for golden_id, records in members.items()}


@dataclass(frozen=True)
class _Planned:
    """A chunk of clusters read and planned: the plan, each record's golden record before it,
    and the golden records to create from records no golden record held, with their members."""

    plan: PartitionPlan
    current: Mapping[int, uuid.UUID]
    new: list[GoldenChange]
    members: Mapping[int, MemberVersion]


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
    planned = _plan(uow, entity, clusters, preferred, members or {})
    if planned.plan.empty:
        return planned.plan
    # golden records made from records no golden record held are written complete, once
    new = planned.new
    recorded = creation.insert_new(uow, entity, new, planned.members, now) if new else []
    _finish(uow, entity, planned, recorded, actor=actor, reason=reason, now=now)
    return planned.plan


def _plan(
    uow: UnitOfWork,
    entity: str,
    clusters: Sequence[Sequence[int]],
    preferred: dict[int, uuid.UUID] | None,
    members: Mapping[int, MemberVersion],
) -> _Planned:
    """``clusters``' golden records locked and read, and the plan that makes them agree."""
    uow.golden.lock_entity(entity)
    records = [r for c in clusters for r in c]
    current = uow.golden.golden_ids_for(records)
    created_at = uow.golden.lock_goldens(list(current.values()))
    holdings = _holdings(uow, list(created_at))
    plan = plan_partition(
        clusters, current, holdings, lambda g: (created_at.get(g), str(g)), random_ids(),
        preferred=preferred,
    )  # fmt: skip
    if plan.empty:
        return _Planned(plan, current, [], members)
    known = _new_members(uow, plan, members)
    return _Planned(plan, current, creation.creatable(plan.changes, known), known)


def _finish(
    uow: UnitOfWork,
    entity: str,
    planned: _Planned,
    recorded: list[Change],
    *,
    actor: str,
    reason: str,
    now: datetime,
) -> None:
    """The rest of ``planned`` written once its new golden records are (``recorded``: their
    history entries): cross-references, tombstones, history, golden records it changed."""
    plan = planned.plan
    made = {c.golden_id for c in planned.new}
    _write(uow, entity, plan, now, made, planned.current)
    uow.golden.record_changes(recorded, actor=actor, reason=reason, now=now)
    kinds = _change_kinds(plan)
    touched = [c.golden_id for c in plan.changes if c.golden_id not in made]
    touched += list(plan.tombstones)
    if touched:
        lifecycle.refresh(uow, touched, now, actor=actor, reason=reason, kinds=kinds)


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
    members in it, as ``apply_partition`` needs, and no other chunk reads what it writes.

    The chunks overlap: a thread survives a chunk's new golden records (no database) while
    this one writes the chunk before it; chunks are written in their order, as one after
    another would write them. A chunk is read once the thread is done: read beside it, every
    wait for the server (a large result comes in many reads) would also wait for the thread
    to hand the interpreter back."""
    merged = 0
    rules = uow.rules.for_entity(entity)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="survive")
    with pool, _handing_over_soon():
        waiting: tuple[_Planned, Future[creation.Survived]] | None = None
        for chunk in _chunks(uow, clusters, chunk_records):
            if waiting is not None:
                wait([waiting[1]])
            planned = _plan(uow, entity, chunk, None, {})
            survived = None
            if not planned.plan.empty:
                survived = pool.submit(
                    creation.survive_new, entity, planned.new, planned.members, rules, now
                )
            if waiting is not None:
                merged += _written(uow, entity, *waiting, actor=actor, reason=reason, now=now)
            waiting = (planned, survived) if survived is not None else None
        if waiting is not None:
            merged += _written(uow, entity, *waiting, actor=actor, reason=reason, now=now)
    return merged


@contextmanager
def _handing_over_soon(seconds: float = 0.0002) -> Iterator[None]:
    """The interpreter handed over to a thread that asks for it after ``seconds`` (Python's
    default: 5 ms) for the block: this thread waits for the server in many short waits (a
    COPY's megabytes go a socket buffer at a time), and after each one it asks the thread
    surviving the next chunk for the interpreter back."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _written(
    uow: UnitOfWork,
    entity: str,
    planned: _Planned,
    survived: Future[creation.Survived],
    *,
    actor: str,
    reason: str,
    now: datetime,
) -> int:
    """``planned`` written once its new golden records have survived; golden records merged
    away."""
    recorded = creation.insert_survived(uow, survived.result())
    _finish(uow, entity, planned, recorded, actor=actor, reason=reason, now=now)
    return len(planned.plan.tombstones)


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
