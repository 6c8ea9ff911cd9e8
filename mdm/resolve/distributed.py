"""A bulk resolution split into independent blocks for Celery workers (``mdm worker``, on this
machine or others sharing the PostgreSQL), joined in PostgreSQL: the same clusters as one
process gives.

1. keys: the entity's records in ranges; each block reads its records, gives them their
   blocking keys, stages the keys and returns (record, key hash).
2. The run splits the records into score blocks (``matching.split_into_blocks``): every key
   that pairs goes to one block, which holds all its records (a few records are in two
   blocks), so one large group of records chained by keys is shared out too.
3. score: each block pairs its records on its keys, compares and scores the pairs with the
   stored model (the pairs the whole batch makes on those keys, scored alike) and stages its
   links and the pairs below them held apart (``Matcher.apart_pairs``).
4. join, in the run's own transaction (which holds the entity's lock throughout): every staged
   link, and every pair held apart that clustering weighs, clustered at once, each once
   (clusters may cross blocks, and a pair that keys of two blocks make is staged by both),
   the links, pairs held apart and keys moved from staging into match_link, match_apart and
   blocking_key, golden records and review tasks as one process makes them.

The run's blocks are committed apart (the workers must see them); what the blocks stage only
counts once the run commits, so a run stopped at any point leaves the hub as it was.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from matching import (
    Apart,
    Matcher,
    ScoredPairs,
    completion_pairs,
    named_by,
    scored_alone,
    split_into_blocks,
)
from mdm.repositories import match_work as work
from mdm.resolve.run_copies import Filed, IdPair, RunUnits, read_filed, run_units, sharing
from mdm.resolve.stages import ResolveSummary, Stages, settle
from mdm.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
Queue = Callable[[uuid.UUID, str, int], None]  # sends one block's task: run, phase, block


@dataclass(frozen=True)
class Distribution:
    """How to hand blocks out: ``committed`` opens a unit of work of its own (the run's
    blocks must be visible to the workers before the run commits), ``queue`` sends a block's
    task to the broker."""

    committed: Callable[[], AbstractContextManager[UnitOfWork]]
    queue: Queue
    blocks: int = 4
    poll_seconds: float = 0.25
    remind_seconds: float = 30.0


def resolve_in_blocks(
    uow: UnitOfWork,
    matcher: Matcher,
    entity: str,
    pending: Sequence[int],
    population: int,
    stages: Stages,
    how: Distribution,
) -> ResolveSummary:
    """Bulk resolution of every active record of ``entity`` by the workers; ``matcher``
    holds the stored model, scored for ``population`` records."""
    now = datetime.now(UTC)
    ids = np.asarray(uow.sources.active_ids(entity), dtype=np.int64)
    with _cleaned_on_failure(how, entity):
        with how.committed() as own:
            own.work.forget_runs(entity)
            run_id = own.work.start_run(entity, population, now)
            own.work.add_blocks(run_id, work.KEYS, _ranges(ids, how.blocks))
        _hand_out(uow, run_id, work.KEYS, how)
        stages.lap("keys (blocks)")
        must, cannot = uow.matches.constraints_of(entity)
        units, heads, parts = _units_in_blocks(
            uow, matcher, entity, run_id, ids, named_by(must, cannot), how
        )
        stages.lap("blocks")
        _hand_out(uow, run_id, work.SCORE, how)
        stages.lap("match (blocks)")
        clusters, completed = _clustered(uow, matcher, entity, run_id, heads, units, (must, cannot))
        extra = matcher.links(completed)
        stages.lap("clusters")
        uow.sources.replace_all_from_run(entity, run_id)
        stages.lap("blocking keys")
        uow.matches.store_run_links(entity, run_id, now)
        uow.matches.store_links(entity, [*units.links, *extra], now)
        uow.matches.supersede_stale(entity, None, now)  # every record was scored afresh
        uow.matches.forget_apart(entity, None)
        uow.matches.store_run_apart(entity, run_id)
        uow.matches.store_apart(entity, [*units.apart, *matcher.apart_pairs(completed)])
        stages.lap("links")
        tasks, merged = settle(uow, entity, units.expanded(clusters), now, stages)
        auto = uow.work.decisions(run_id).get("auto", 0)
        auto += sum(link.decision == "auto" for link in [*units.links, *extra])
        pairs = _distinct_pairs(uow, run_id) + units.pairs
        workers = uow.work.done_by(run_id)
    uow.work.forget_runs(entity)  # committed with the resolution
    log.info("%s: %d records in %d score blocks by %s", entity, len(ids), len(parts), workers)
    mode = f"bulk, {len(parts)} score blocks by {len(workers)} worker processes"
    return ResolveSummary(
        entity, mode, len(pending), pairs, auto, tasks, len(clusters), merged, 0.0,
    )  # fmt: skip


def _units_in_blocks(
    uow: UnitOfWork,
    matcher: Matcher,
    entity: str,
    run_id: uuid.UUID,
    ids: np.ndarray,
    keep_apart: set[str],
    how: Distribution,
) -> tuple[RunUnits, np.ndarray, list[np.ndarray]]:
    """The run's units (``_units``), their representatives and the score blocks made of
    those. What the keys blocks filed (every record's keys, the run's largest arrays) is read
    and let go here: the run holds none of it while the blocks score or after."""
    filed = read_filed([result for result, _ in uow.work.results(run_id, work.KEYS)])
    units = _units(uow, matcher, entity, filed, keep_apart)
    heads = units.representatives(ids)
    mine = np.isin(filed.held, heads)
    held, hashes = filed.held[mine], filed.hashes[mine]
    del filed, mine  # not held beside the copies the blocks are split from
    return units, heads, _score_blocks(uow, matcher, run_id, heads, held, hashes, how)


def _clustered(
    uow: UnitOfWork,
    matcher: Matcher,
    entity: str,
    run_id: uuid.UUID,
    heads: np.ndarray,
    units: RunUnits,
    constraints: tuple[list[IdPair], list[IdPair]],
) -> tuple[list[list[str]], ScoredPairs]:
    """Every staged link and pair held apart clustered at once, with the units' own and those
    completion scores (``matching.completion``; returned for the run to store). What
    clustering reads is read here and let go before the run stores its links and golden
    records; of the staged pairs held apart, only those of two records with a link at the
    auto-link threshold are read, the only ones clustering weighs (``Matcher.joinable``; it
    leaves out the units' own others itself)."""
    found = [*uow.work.staged_links(run_id), *units.between]
    quiet = [*uow.work.staged_quiet(run_id), *units.quiet]
    distinct = uow.work.staged_distinct(run_id)
    held_once = matcher.held_once(uow.sources.active_systems(entity))
    linked = sorted(int(record) for record in matcher.joinable(found))
    apart = [*uow.work.staged_apart(run_id, linked), *units.apart]
    extra = _completed(uow, matcher, entity, found, apart)
    found += matcher.scored_links(extra)
    quiet += matcher.quiet_pairs(extra)
    distinct += matcher.distinct_pairs(extra)
    must, cannot = constraints
    clusters = matcher.cluster(
        [str(i) for i in heads.tolist()], found, must, cannot, quiet, sources=held_once,
        distinct=distinct, apart=[*apart, *matcher.apart_pairs(extra)],
    )  # fmt: skip
    return clusters, extra


def _completed(
    uow: UnitOfWork,
    matcher: Matcher,
    entity: str,
    links: list[tuple[str, str, float]],
    apart: list[Apart],
) -> ScoredPairs:
    """The pairs completion scores (``matching.completion``) among the run's ``links`` and
    ``apart``, their records read and prepared here."""
    pairs = completion_pairs(links, apart, matcher.thresholds.upper)
    records = sorted({int(record) for pair in pairs for record in pair})
    read = uow.sources.records_by_id(entity, records) if records else []
    return scored_alone(matcher, matcher.prepare(read), pairs)


def _distinct_pairs(uow: UnitOfWork, run_id: uuid.UUID) -> int:
    """The candidate pairs the score blocks made, a pair two blocks both made once."""
    found = [
        np.frombuffer(result, dtype=np.int64).reshape(-1, 2)
        for result, _ in uow.work.results(run_id, work.SCORE)
    ]
    held = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    return len(np.unique(held, axis=0))


def _ranges(ids: np.ndarray, blocks: int) -> list[np.ndarray]:
    return [part for part in np.array_split(ids, max(1, min(blocks, len(ids)))) if len(part)]


def _score_blocks(
    uow: UnitOfWork,
    matcher: Matcher,
    run_id: uuid.UUID,
    ids: np.ndarray,
    held: np.ndarray,
    hashes: np.ndarray,
    how: Distribution,
) -> list[np.ndarray]:
    """Score blocks of the records ``ids`` (the units' representatives), each with the keys
    it pairs on, from the keys the keys blocks filed them under (``held``, ``hashes``)."""
    index = np.searchsorted(ids, held)
    parts = split_into_blocks(matcher.settings, len(ids), index, hashes, how.blocks)
    with how.committed() as own:
        own.work.add_blocks(
            run_id, work.SCORE, [ids[records] for records, _ in parts], [k for _, k in parts]
        )
    return [records for records, _ in parts]


def _units(
    uow: UnitOfWork, matcher: Matcher, entity: str, filed: Filed, keep_apart: set[str]
) -> RunUnits:
    """The run's units (``mdm.resolve.run_copies``): the records whose content hash another
    holds read here, the copies among them found and their pairs scored."""
    shared = sharing(filed)
    read = uow.sources.records_by_id(entity, shared) if shared else []
    return run_units(matcher, read, keep_apart)


def _hand_out(uow: UnitOfWork, run_id: uuid.UUID, phase: str, how: Distribution) -> None:
    """Queue every block of the phase, then wait until the workers have done them all."""
    done, total = uow.work.progress(run_id, phase)
    for number in range(total):
        how.queue(run_id, phase, number)
    reminded = time.monotonic()
    while done < total:
        time.sleep(how.poll_seconds)
        done, total = uow.work.progress(run_id, phase)
        if time.monotonic() - reminded >= how.remind_seconds:
            log.warning(
                "%s blocks: %d of %d done; waiting for workers (`mdm worker`)", phase, done, total
            )
            reminded = time.monotonic()


@contextmanager
def _cleaned_on_failure(how: Distribution, entity: str) -> Iterator[None]:
    """A run that fails or is stopped takes its blocks and what they staged with it."""
    try:
        yield
    except BaseException:
        try:
            with how.committed() as own:
                own.work.forget_runs(entity, wait_seconds=5)  # not for a block at work
        except Exception:  # the database may be what failed: the next run clears them
            log.warning("could not clear the stopped run's blocks of %s", entity)
        raise
