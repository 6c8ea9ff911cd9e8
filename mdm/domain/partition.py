"""Turn a desired clustering of source records into golden-record changes (pure).

Golden ids never change meaning: each cluster keeps the golden record that already holds most
of its members (ties: the oldest); a golden record that lost every member to other clusters
becomes a tombstone merged into the cluster that took most of them; a cluster left without a
golden record gets a new id (a split).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GoldenChange:
    golden_id: uuid.UUID
    members: tuple[int, ...]
    created: bool = False
    absorbed: tuple[uuid.UUID, ...] = ()
    split_from: uuid.UUID | None = None


@dataclass
class PartitionPlan:
    changes: list[GoldenChange] = field(default_factory=list)
    tombstones: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # merged-away → survivor
    moves: dict[int, uuid.UUID] = field(default_factory=dict)  # record → new golden

    @property
    def empty(self) -> bool:
        return not (self.changes or self.tombstones or self.moves)


def plan_partition(
    clusters: Sequence[Sequence[int]],
    current: Mapping[int, uuid.UUID],
    holdings: Mapping[uuid.UUID, frozenset[int]],
    age: Callable[[uuid.UUID], tuple[object, ...]],
    new_id: Callable[[], uuid.UUID] = uuid.uuid4,
    preferred: Mapping[int, uuid.UUID] | None = None,
) -> PartitionPlan:
    """``current``: record → golden now; ``holdings``: golden → all its records now.

    ``preferred`` names the golden record a cluster must keep (a split keeps the original id
    on the part that stays, whatever its size)."""
    owner = _assign_owners(clusters, current, age, preferred or {})
    plan = PartitionPlan()
    destination: dict[uuid.UUID, Counter[uuid.UUID]] = {}
    for index, members in enumerate(clusters):
        target = owner.get(index)
        created = target is None
        golden = new_id() if target is None else target
        moved = [m for m in members if current.get(m) != golden]
        for record in moved:
            plan.moves[record] = golden
            if record in current:
                destination.setdefault(current[record], Counter())[golden] += 1
        unchanged = (
            not created and not moved and holdings.get(golden, frozenset()) == frozenset(members)
        )
        if unchanged:
            continue
        held = [current[m] for m in members if m in current]
        split_from = Counter(held).most_common(1) if held else []
        plan.changes.append(
            GoldenChange(
                golden,
                tuple(sorted(members)),
                created,
                split_from=split_from[0][0] if created and split_from else None,
            )
        )
    _tombstone_emptied(plan, owner, holdings, destination)
    return plan


def _assign_owners(
    clusters: Sequence[Sequence[int]],
    current: Mapping[int, uuid.UUID],
    age: Callable[[uuid.UUID], tuple[object, ...]],
    preferred: Mapping[int, uuid.UUID],
) -> dict[int, uuid.UUID]:
    owner: dict[int, uuid.UUID] = dict(preferred)
    taken: set[uuid.UUID] = set(preferred.values())
    claims = []
    for index, members in enumerate(clusters):
        for golden, count in Counter(current[m] for m in members if m in current).items():
            claims.append((-count, age(golden), str(golden), index, golden))
    claims.sort(key=lambda c: c[:4])
    for *_, index, golden in claims:
        if index not in owner and golden not in taken:
            owner[index] = golden
            taken.add(golden)
    return owner


def _tombstone_emptied(
    plan: PartitionPlan,
    owner: Mapping[int, uuid.UUID],
    holdings: Mapping[uuid.UUID, frozenset[int]],
    destination: Mapping[uuid.UUID, Counter[uuid.UUID]],
) -> None:
    survivors = set(owner.values())
    absorbed: dict[uuid.UUID, list[uuid.UUID]] = {}
    for golden, records in holdings.items():
        if golden in survivors or not records:
            continue
        if all(r in plan.moves for r in records) and golden in destination:
            target = sorted(destination[golden].items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
            plan.tombstones[golden] = target
            absorbed.setdefault(target, []).append(golden)
    if not absorbed:  # nothing merged away (a first bulk run): the changes stand as made
        return
    plan.changes = [
        GoldenChange(
            c.golden_id,
            c.members,
            c.created,
            tuple(sorted(absorbed.get(c.golden_id, []), key=str)),
            c.split_from,
        )
        if c.golden_id in absorbed
        else c
        for c in plan.changes
    ]
