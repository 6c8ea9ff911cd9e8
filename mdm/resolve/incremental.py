"""Incremental resolution: new or changed records are compared with the candidates their
blocking keys find in PostgreSQL, not with everything, and not the candidates with each other.

Only pairs that touch a pending record are scored. The other pairs of the neighbourhood (stored
records with each other) were scored when those records were resolved and kept in
``match_link``; clustering takes those stored links as they are, so the golden records around
the pending ones come out as they were unless a pending record gives reason to change them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from matching.clustering import cluster
from matching.engine import Matcher
from matching.feature import Prepared, concatenate
from matching.resolution import Link
from mdm.golden.partition_apply import apply_partition
from mdm.repositories import blocking_keys, constraints, links
from mdm.repositories import golden as golden_repo
from mdm.repositories import matching_records as records
from mdm.resolve import keys
from mdm.stewardship import task_upkeep

ACTOR = "matcher"


@dataclass(frozen=True)
class Neighbourhood:
    """The pending records and their candidates, prepared (pending first), the candidate
    pairs to score (indices into ``prepared``, each touching a pending record) and every
    record of the golden records any of them holds (what clustering decides about), with the
    golden record each is in now."""

    prepared: Prepared
    pairs: np.ndarray
    records: list[int]
    golden_of: dict[int, Any]  # record -> its golden record now, for those that have one


@dataclass(frozen=True)
class Outcome:
    candidate_pairs: int
    auto_links: int
    review_tasks: int
    clusters: int
    merged: int


def neighbourhood(
    session: Session,
    matcher: Matcher,
    entity: str,
    pending: Sequence[int],
    must_link: Sequence[tuple[str, str]] = (),
) -> Neighbourhood:
    """Index the pending records' keys, find their candidates through the key index and read
    (and prepare) only the records that will be scored. Records a steward must-linked to a
    pending one belong to the neighbourhood too, with the members of their golden records."""
    fresh = matcher.prepare(records.records_by_id(session, entity, pending))
    batch_keys = keys.keys_of_batch(matcher, fresh)
    blocking_keys.replace_keys(session, entity, pending, batch_keys)
    blocks = blocking_keys.blocks_for(
        session, entity, sorted({k for _, k in batch_keys}), matcher.settings.max_block_size
    )
    pairs = _pairs_by_id(batch_keys, blocks)
    pending_set = {int(str(i)) for i in fresh.ids}
    found = sorted({r for pair in pairs for r in pair} - pending_set)
    partners = _partners(must_link, pending_set)
    goldens = set(golden_repo.golden_ids_for(session, [*pending_set, *found, *partners]).values())
    golden_of = golden_repo.golden_of_members(session, sorted(goldens, key=str))
    prepared = fresh
    if found:
        others = matcher.prepare(records.records_by_id(session, entity, found))
        prepared = concatenate([fresh, others])
    return Neighbourhood(
        prepared,
        _index_pairs(prepared, pairs, matcher.settings.link_only),
        sorted({*pending_set, *found, *partners, *golden_of}),
        golden_of,
    )


def _partners(must_link: Sequence[tuple[str, str]], pending: set[int]) -> set[int]:
    ends = ((int(a), int(b)) for a, b in must_link)
    return {other for a, b in ends for mine, other in ((a, b), (b, a)) if mine in pending}


def _pairs_by_id(
    batch_keys: Iterable[tuple[int, str]], blocks: dict[str, list[int]]
) -> set[tuple[int, int]]:
    """Each pending record with every record sharing one of its keys (itself excepted)."""
    pairs: set[tuple[int, int]] = set()
    for record_id, key in batch_keys:
        for other in blocks.get(key, ()):
            if other != record_id:
                pairs.add((min(record_id, other), max(record_id, other)))
    return pairs


def _index_pairs(prepared: Prepared, pairs: set[tuple[int, int]], link_only: bool) -> np.ndarray:
    """Pairs as row indices (lower first: pending records come first, as in bulk blocking);
    records that could not be read (deleted since) drop out, as do same-source pairs when the
    entity only links across sources."""
    position = {int(str(record_id)): n for n, record_id in enumerate(prepared.ids)}
    rows = sorted(
        (min(position[a], position[b]), max(position[a], position[b]))
        for a, b in pairs
        if a in position and b in position
    )
    found = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
    if link_only and len(found):
        found = found[prepared.sources[found[:, 0]] != prepared.sources[found[:, 1]]]
    return found


def resolve(
    session: Session,
    matcher: Matcher,
    entity: str,
    pending: Sequence[int],
    lap: Callable[[str], None],
) -> Outcome:
    """Score the pending records against their candidates, cluster the neighbourhood with the
    new links and the stored ones, and make the golden records agree."""
    now = datetime.now(UTC)
    must, cannot = constraints.load(session, entity)
    around = neighbourhood(session, matcher, entity, pending, must)
    lap("read and prepare")
    new_links = _score(matcher, around)
    # a pending record's stored links are stale (it changed): only its new ones count
    settled = set(pending)
    kept = links.stored_links(session, entity, [r for r in around.records if r not in settled])
    scored = [(link.left_id, link.right_id, link.probability) for link in new_links]
    clusters = cluster(
        [str(r) for r in around.records],
        [*scored, *kept],
        threshold=matcher.settings.thresholds.upper,
        must_link=_within(must, around.records),
        cannot_link=_within(cannot, around.records),
    )
    lap("match")
    links.store_links(session, entity, new_links, now)
    links.supersede_stale(session, entity, pending, now)
    lap("links")
    partition = [[int(i) for i in c] for c in clusters]
    changed = _changed(partition, around.golden_of)
    plan = apply_partition(session, entity, changed, actor=ACTOR, reason="matching", now=now)
    lap("golden records")
    cluster_of = {r: n for n, c in enumerate(partition) for r in c}
    tasks = links.open_review_tasks(session, entity, cluster_of, now)
    task_upkeep.follow_clusters(session, entity, now, near=around.records)
    auto = sum(1 for link in new_links if link.decision == "auto")
    return Outcome(len(around.pairs), auto, tasks, len(clusters), len(plan.tombstones))


def _changed(partition: list[list[int]], golden_of: dict[int, Any]) -> list[list[int]]:
    """The clusters that are not already exactly one golden record. Leaving the others out
    keeps apply_partition's promise: a golden record a changed cluster touches has all its
    members in changed clusters (a part of it in an unchanged cluster would be all of it)."""
    members: dict[Any, int] = {}
    for golden in golden_of.values():
        members[golden] = members.get(golden, 0) + 1
    changed = []
    for group in partition:
        goldens = {golden_of.get(r) for r in group}
        golden = next(iter(goldens)) if len(goldens) == 1 else None
        if golden is None or members[golden] != len(group):
            changed.append(group)
    return changed


def _score(matcher: Matcher, around: Neighbourhood) -> list[Link]:
    """Links above the lower threshold among the candidate pairs, with their explanations."""
    if not len(around.pairs):
        return []
    return matcher.links(matcher.score(around.prepared, around.pairs))


def _within(pairs: Sequence[tuple[str, str]], record_ids: Sequence[int]) -> list[tuple[str, str]]:
    """Constraints between records of the neighbourhood (the others do not concern it)."""
    inside = {str(r) for r in record_ids}
    return [(a, b) for a, b in pairs if a in inside and b in inside]
