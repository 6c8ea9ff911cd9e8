"""Planning golden changes from clusters: ids keep their meaning through merges and splits."""

from __future__ import annotations

import uuid
from itertools import count

from hypothesis import given
from hypothesis import strategies as st

from mdm.domain.partition import plan_partition

G = [uuid.UUID(int=i) for i in range(1, 20)]


def ids() -> object:
    counter = count(100)
    return lambda: uuid.UUID(int=next(counter))


def age(golden: uuid.UUID) -> tuple[object, ...]:
    return (golden.int,)


def test_merge_keeps_the_golden_that_holds_most_members() -> None:
    current = {1: G[0], 2: G[1], 3: G[1]}
    holdings = {G[0]: frozenset({1}), G[1]: frozenset({2, 3})}
    plan = plan_partition([[1, 2, 3]], current, holdings, age, ids())  # type: ignore[arg-type]
    assert plan.tombstones == {G[0]: G[1]}
    assert plan.moves == {1: G[1]}
    assert [(c.golden_id, c.absorbed) for c in plan.changes] == [(G[1], (G[0],))]


def test_ties_go_to_the_oldest_golden() -> None:
    current = {1: G[3], 2: G[2]}
    holdings = {G[3]: frozenset({1}), G[2]: frozenset({2})}
    plan = plan_partition([[1, 2]], current, holdings, age, ids())  # type: ignore[arg-type]
    assert plan.tombstones == {G[3]: G[2]}


def test_split_gives_the_smaller_part_a_new_id() -> None:
    current = {1: G[0], 2: G[0], 3: G[0]}
    holdings = {G[0]: frozenset({1, 2, 3})}
    plan = plan_partition([[1, 2], [3]], current, holdings, age, ids())  # type: ignore[arg-type]
    new = [c for c in plan.changes if c.created]
    assert len(new) == 1 and new[0].members == (3,) and new[0].split_from == G[0]
    assert plan.moves == {3: new[0].golden_id}
    assert not plan.tombstones


def test_nothing_changes_when_clusters_match_goldens() -> None:
    current = {1: G[0], 2: G[0], 3: G[1]}
    holdings = {G[0]: frozenset({1, 2}), G[1]: frozenset({3})}
    assert plan_partition([[1, 2], [3]], current, holdings, age, ids()).empty  # type: ignore[arg-type]


@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=12), st.randoms())
def test_every_record_ends_in_exactly_one_golden_and_survivors_are_unique(
    assignment: list[int], rnd: object
) -> None:
    records = list(range(len(assignment)))
    current = {r: G[g] for r, g in zip(records, assignment, strict=True)}
    holdings: dict[uuid.UUID, frozenset[int]] = {}
    for r, g in current.items():
        holdings[g] = holdings.get(g, frozenset()) | {r}
    shuffled = records[:]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    clusters = [shuffled[i : i + 3] for i in range(0, len(shuffled), 3)]
    plan = plan_partition(clusters, current, holdings, age, ids())  # type: ignore[arg-type]
    final = {r: plan.moves.get(r, current[r]) for r in records}
    for members in clusters:
        assert len({final[m] for m in members}) == 1
    owners = [final[c[0]] for c in clusters]
    assert len(set(owners)) == len(owners)
    assert not set(plan.tombstones) & set(owners)
    for merged, survivor in plan.tombstones.items():
        assert survivor in owners and merged not in final.values()
