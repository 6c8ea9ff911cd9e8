"""A bulk resolution in one process: every active record of an entity read, matched and
clustered, the result written, with what it holds bounded as the records grow: records read
and prepared a chunk at a time (only their features kept), links explained and stored a chunk
at a time (clustering needs only their probabilities), blocking keys written as they are
made (and swapped in at the end), golden records made a chunk of clusters at a time. Copies
of one record (``matching.copies``) are paired, scored and clustered as one unit, each copy
linked to its representative and a member of its golden record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import chain
from typing import TypeVar, cast

import numpy as np

from matching import (
    Apart,
    Learning,
    Matcher,
    Prepared,
    ScoredPairs,
    Units,
    completed,
    copy_pairs,
    filed_key_columns,
    forget_key_texts,
    named_by,
    scored_units,
)
from mdm.resolve.stages import ACTOR, ResolveSummary, Stages, settle
from mdm.stewardship import learning
from mdm.unit_of_work import UnitOfWork

IdPair = tuple[str, str]
READ_CHUNK = 50_000
T = TypeVar("T")


def read_prepared(uow: UnitOfWork, matcher: Matcher, entity: str) -> Prepared:
    """Every active record of ``entity``, in id order, prepared a chunk at a time (the next
    chunk read while this one is prepared)."""
    uow.sources.analyse()
    ids = uow.sources.active_ids(entity)

    def chunks() -> Iterator[list[dict[str, object]]]:
        for start in range(0, len(ids), READ_CHUNK):
            yield uow.sources.records_by_id(entity, ids[start : start + READ_CHUNK])

    return matcher.prepare_in_chunks(read_ahead(chunks()))


def read_ahead(items: Iterator[T]) -> Iterator[T]:
    """``items`` as they are, the next one made in a thread while the caller works on this
    one: the server finds and sends the next chunk of records meanwhile (the thread and the
    caller take turns with the session, never use it at once: preparing does not touch it)."""
    done = object()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead") as pool:
        coming = pool.submit(next, items, done)
        while (item := coming.result()) is not done:
            coming = pool.submit(next, items, done)
            yield cast(T, item)


def resolve_bulk(
    uow: UnitOfWork, matcher: Matcher, entity: str, pending: Sequence[int], stages: Stages
) -> ResolveSummary:
    """Match every active record of ``entity`` (training first when ``matcher`` has no
    model) and make the golden records agree."""
    now = datetime.now(UTC)
    clusters, pairs, auto = _match(uow, matcher, entity, now, stages)
    tasks, merged = settle(uow, entity, clusters, now, stages)
    uow.sources.warm_staged_keys()  # read into the server's cache while lookups need none of it
    uow.sources.swap_in_staged_keys()  # last: lookups wait for the swap until the commit
    uow.golden.analyse()
    return ResolveSummary(
        entity, "bulk", len(pending), pairs, auto, tasks, len(clusters), merged, 0.0
    )


def _match(
    uow: UnitOfWork, matcher: Matcher, entity: str, now: datetime, stages: Stages
) -> tuple[list[list[int]], int, int]:
    """(clusters, candidate pairs, auto-links), with the model (when trained), blocking keys
    and links stored; the prepared records go when it returns. The blocking keys are filed
    as soon as the candidate pairs are made, and their texts let go before the pairs are
    compared, scored and clustered (they would otherwise be held through all of that)."""
    prepared = read_prepared(uow, matcher, entity)
    stages.lap("read and prepare")
    must, cannot = uow.matches.constraints_of(entity)
    trained = matcher.model is None
    learnt = _trained_and_learnt(matcher, prepared, must, cannot) if trained else None
    copies = copy_pairs(prepared, named_by(must, cannot))
    # every record's pairs when a model is trained on them, or no record is a copy
    pairs = matcher.candidate_pairs(prepared) if matcher.model is None or not len(copies) else None
    stages.lap("candidate pairs")
    _stage_keys(uow, matcher, entity, prepared)
    stages.lap("blocking keys")
    units, scored = scored_units(matcher, prepared, copies, pairs=pairs)
    del pairs
    if trained and matcher.model is not None:
        version = uow.models.save(entity, matcher.model, len(prepared), now)
        if learnt is not None:
            learning.keep(uow, entity, version, learnt, ACTOR, now)
    ids, held_once = prepared.ids, matcher.sources_held_once(prepared)
    apart = matcher.apart_pairs(scored)
    among = scored if len(units.representatives) == len(ids) else units.between(scored)
    found = matcher.scored_links(among)
    extra = completed(matcher, prepared, found, apart)
    del prepared
    found += matcher.scored_links(extra)
    apart += matcher.apart_pairs(extra)
    clusters = _clusters(
        matcher, ids, held_once, units, found, (among, extra), apart, (must, cannot)
    )
    stages.lap("match")
    auto = 0
    for chunk in chain(matcher.link_chunks(scored), matcher.link_chunks(extra)):
        uow.matches.store_links(entity, chunk, now)
        auto += sum(link.decision == "auto" for link in chunk)
    uow.matches.supersede_stale(entity, None, now)  # every record was scored afresh
    uow.matches.forget_apart(entity, None)
    uow.matches.store_apart(entity, apart)
    stages.lap("links")
    return clusters, len(scored), auto


def _clusters(
    matcher: Matcher,
    ids: np.ndarray,
    held_once: dict[str, str] | None,
    units: Units,
    links: list[tuple[str, str, float]],
    scored: tuple[ScoredPairs, ...],
    apart: list[Apart],
    constraints: tuple[list[IdPair], list[IdPair]],
) -> list[list[int]]:
    """Every record's cluster (``ids``: the batch's records): the units' representatives
    clustered on the links between them (``links``, of ``scored``: the pairs scored between
    them, those completion scored too, ``matching.completion``) and the pairs held apart (``apart``: of
    every scored pair, those of a copy left out by the clustering), each copy in its
    representative's cluster (``matching.copies``)."""
    heads = units.representatives
    quiet = [pair for part in scored for pair in matcher.quiet_pairs(part)]
    distinct = [pair for part in scored for pair in matcher.distinct_pairs(part)]
    found = matcher.cluster(
        [str(record_id) for record_id in ids[heads]], links, *constraints, quiet,
        sources=held_once, distinct=distinct, apart=apart,
    )  # fmt: skip
    clusters = found if len(heads) == len(ids) else units.expanded(ids, found)
    return [[int(i) for i in c] for c in clusters]


def _stage_keys(uow: UnitOfWork, matcher: Matcher, entity: str, prepared: Prepared) -> None:
    """Every record's blocking keys staged as the entity's new key index, then their texts
    let go (``forget_key_texts``)."""
    record_ids = np.fromiter((int(str(i)) for i in prepared.ids), np.int64, len(prepared))
    filed = (
        (rule.keys, rule.codes, record_ids[rule.members])
        for rule in filed_key_columns(matcher.settings, prepared)
    )
    uow.sources.stage_all_keys(entity, filed)
    forget_key_texts(prepared)


def _trained_and_learnt(
    matcher: Matcher, prepared: Prepared, must: list[IdPair], cannot: list[IdPair]
) -> Learning | None:
    """A model trained afresh learns again from the stewards' decisions (an earlier model's
    learning is not lost when the records outgrow it); None when none was decided."""
    if not must and not cannot:
        return None
    matcher.train(prepared)
    learnt = learning.learn_from(matcher, prepared, must, cannot)
    if learnt is not None:
        matcher.model = learnt.model
    return learnt
