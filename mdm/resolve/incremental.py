"""Incremental resolution: new or changed records are compared with the candidates their
blocking keys find in PostgreSQL, not with everything, and not the candidates with each other.

Only pairs that touch a pending record are paired. The other pairs of the neighbourhood (stored
records with each other) were scored when those records were resolved and kept in
``match_link``, and those held apart in ``match_apart``; clustering takes them as they are,
so the golden records around the pending ones come out as they were unless a pending record
gives reason to change them. The pairs a pending record's sure links bring into one group of
records surely linked that none of those scored (its pairs with the members of a golden record
its keys did not find, two golden records' pairs it bridges) are completed, as a bulk run
completes them (``matching.completion``): the neighbourhood holds every member of the golden
records around, prepared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from matching import Apart, Matcher, Prepared, resolve_around, rows_of
from mdm.golden.partition_apply import apply_partition
from mdm.stewardship import task_upkeep
from mdm.unit_of_work import UnitOfWork

ACTOR = "matcher"


@dataclass(frozen=True)
class Neighbourhood:
    """What the database holds around the pending records, read for the matcher: the pending
    records, prepared; the records their blocking keys find (``blocks``: key -> record ids,
    the pending ones included; a key held by more records than its rule's evidence cap,
    copies among them, by the first of each group of copies, as the bulk run counts them:
    ``blocking_keys.KEY_BLOCKS_SQL``); every record of the golden records any of them holds
    (what clustering decides about), with the golden record each is in now; ``candidates``:
    those records as far as they can still be read, prepared (the golden records' other
    members too, so the matcher knows the copies among them: only the records ``blocks``
    holds are paired); and the links kept between the records that are not pending."""

    pending: Prepared
    blocks: dict[str, list[str]]
    candidates: Prepared
    records: list[int]
    golden_of: dict[int, Any]  # record -> its golden record now, for those that have one
    stored_links: list[tuple[str, str, float]]
    stored_quiet: list[tuple[str, str]]  # those of them holding no evidence against
    stored_distinct: list[tuple[str, str]]  # those of them decided distinct
    stored_apart: list[Apart]  # the pairs scored below them held apart


@dataclass(frozen=True)
class Outcome:
    candidate_pairs: int
    auto_links: int
    review_tasks: int
    clusters: int
    merged: int


def neighbourhood(
    uow: UnitOfWork,
    matcher: Matcher,
    entity: str,
    pending: Sequence[int],
    must_link: Sequence[tuple[str, str]] = (),
) -> Neighbourhood:
    """File the pending records under the keys the matcher gives them, find their candidates
    through the key index (keys too common for their rule left out, a group of copies
    counted once against each rule's caps, as the lookup counts them: ``blocks_for``) and
    read the records that will be scored and the other members of their golden records.
    Records a steward must-linked to a pending one belong to the neighbourhood too, with the
    members of their golden records. A pending record's stored links are stale (it changed):
    they are left out."""
    fresh = matcher.prepare(uow.sources.records_by_id(entity, pending))
    filed = [(int(record), key) for record, key in matcher.indexed_keys(fresh)]
    uow.sources.replace_keys(entity, pending, filed)
    keys = sorted({k for _, k in filed})
    caps, evidence, *_ = matcher.key_terms(keys)
    blocks = matcher.pairing_blocks(uow.sources.blocks_for(entity, keys, caps, evidence))
    pending_set = {int(str(i)) for i in fresh.ids}
    found = sorted({r for members in blocks.values() for r in members} - pending_set)
    partners = _partners(must_link, pending_set)
    goldens = set(uow.golden.golden_ids_for([*pending_set, *found, *partners]).values())
    golden_of = uow.golden.golden_of_members(sorted(goldens, key=str))
    around = sorted({*pending_set, *found, *partners, *golden_of})
    settled = set(pending)
    kept = [r for r in around if r not in settled]
    links, quiet, distinct = uow.matches.stored_links(entity, kept)
    others = [r for r in around if r not in pending_set]
    return Neighbourhood(
        fresh,
        {key: [str(r) for r in members] for key, members in blocks.items()},
        read_once(uow, matcher, entity, others),
        around,
        golden_of,
        links,
        quiet,
        distinct,
        uow.matches.stored_apart(entity, kept),
    )


def read_once(uow: UnitOfWork, matcher: Matcher, entity: str, ids: Sequence[int]) -> Prepared:
    """The active records of ``ids`` prepared, in id order, each group of equal records
    (``records_read_once``) read and prepared once and repeated for each of its records: a
    golden record of hundreds of copies costs a few records' reading and preparing."""
    groups = uow.sources.records_read_once(entity, ids) if ids else []
    prepared = matcher.prepare([record for record, _ in groups])
    order = sorted((member, row) for row, (_, members) in enumerate(groups) for member in members)
    rows = rows_of(prepared, np.asarray([row for _, row in order], dtype=np.int64))
    return replace(rows, ids=np.asarray([str(member) for member, _ in order], dtype=object))


def _partners(must_link: Sequence[tuple[str, str]], pending: set[int]) -> set[int]:
    ends = ((int(a), int(b)) for a, b in must_link)
    return {other for a, b in ends for mine, other in ((a, b), (b, a)) if mine in pending}


def resolve(
    uow: UnitOfWork,
    matcher: Matcher,
    entity: str,
    pending: Sequence[int],
    lap: Callable[[str], None],
) -> Outcome:
    """Score the pending records against their candidates, cluster the neighbourhood with the
    new links and the stored ones, and make the golden records agree."""
    now = datetime.now(UTC)
    must, cannot = uow.matches.constraints_of(entity)
    around = neighbourhood(uow, matcher, entity, pending, must)
    lap("read and prepare")
    resolution = resolve_around(
        matcher,
        around.pending, around.candidates, around.blocks, stored_links=around.stored_links,
        stored_quiet=around.stored_quiet, stored_distinct=around.stored_distinct,
        stored_apart=around.stored_apart, must_link=must, cannot_link=cannot,
        around=[str(r) for r in around.records],
    )  # fmt: skip
    lap("match")
    uow.matches.store_links(entity, resolution.links, now)
    uow.matches.supersede_stale(entity, pending, now)
    uow.matches.forget_apart(entity, pending)
    uow.matches.store_apart(entity, resolution.apart)
    lap("links")
    partition = [[int(i) for i in c] for c in resolution.clusters]
    changed = _changed(partition, around.golden_of)
    plan = apply_partition(uow, entity, changed, actor=ACTOR, reason="matching", now=now)
    lap("golden records")
    cluster_of = {r: n for n, c in enumerate(partition) for r in c}
    tasks = uow.matches.open_review_tasks(entity, cluster_of, now)
    task_upkeep.follow_clusters(uow, entity, now, near=around.records)
    stats = resolution.stats
    return Outcome(
        stats.candidate_pairs, stats.auto_links, tasks, stats.clusters, len(plan.tombstones)
    )


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
