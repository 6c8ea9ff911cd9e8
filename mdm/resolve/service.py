"""Resolve pending source records into golden records: bulk the first time, then incremental
around the pending records' neighbourhoods (candidates found through indexed blocking keys)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from matching import Matcher, collector_paused
from mdm.domain.entities import schema_for
from mdm.domain.progress import Progress, unwatched
from mdm.metrics.instruments import MATCH_SECONDS
from mdm.repositories import match_models as models
from mdm.resolve import incremental
from mdm.resolve.bulk import resolve_bulk
from mdm.resolve.distributed import Distribution, resolve_in_blocks
from mdm.resolve.matcher_settings import matcher_settings
from mdm.resolve.stages import ResolveSummary, Stages
from mdm.unit_of_work import UnitOfWork

IdPair = tuple[str, str]

INCREMENTAL_BELOW = 0.2  # pending share of active records under which matching is incremental


def resolve_pending(
    uow: UnitOfWork, entity: str, *, force_bulk: bool = False,
    progress: Progress = unwatched, distribute: Distribution | None = None,
) -> ResolveSummary:  # fmt: skip
    """Resolve the entity's pending records. ``distribute``: a bulk run with a stored model
    is split into blocks for the workers (``mdm.resolve.distributed``); a run that must train
    a model first runs here."""
    started = time.perf_counter()
    schema_for(entity)
    uow.golden.lock_entity(entity)
    pending = uow.sources.pending_ids(entity)
    if not pending and not force_bulk:
        return ResolveSummary(
            entity, "nothing pending", 0, 0, 0, 0, 0, 0, time.perf_counter() - started
        )
    settings = matcher_settings(uow, entity)
    stored = uow.models.load(entity, settings.comparisons)
    active = uow.sources.count_active(entity)
    incremental = (
        stored is not None and not force_bulk and len(pending) <= INCREMENTAL_BELOW * active
    )
    # a bulk run retrains once the records have outgrown the batch the model was trained on
    keep = stored is not None and (incremental or not stored.outgrown(active))
    matcher = Matcher(settings, stored.scoring(active) if keep and stored else None)
    stages = Stages(progress)
    progress(f"{'incremental' if incremental else 'bulk'} matching of {len(pending)} records")
    if incremental:
        summary = _resolve_incremental(uow, matcher, entity, pending, stages)
    elif distribute is not None and matcher.model is not None:
        summary = resolve_in_blocks(uow, matcher, entity, pending, active, stages, distribute)
    else:
        with collector_paused():  # a bulk run holds every record: nothing for it to find
            summary = resolve_bulk(uow, matcher, entity, pending, stages)
    uow.sources.mark_resolved(entity)
    uow.models.record_population(entity, active)
    stages.lap("review tasks")
    seconds = time.perf_counter() - started
    MATCH_SECONDS.labels(entity, "resolve").observe(seconds)
    return replace(summary, seconds=seconds, stages=tuple(stages.seconds.items()))


def resolve_incrementally(uow: UnitOfWork, entity: str) -> bool:
    """Resolve the pending records now when an incremental run can (a stored model and a
    backlog small enough); ``False`` when they must wait for a bulk run (``resolve_pending``)."""
    uow.golden.lock_entity(entity)
    pending = uow.sources.pending_ids(entity)
    if not pending:
        return True
    settings = matcher_settings(uow, entity)
    stored = uow.models.load(entity, settings.comparisons)
    if stored is None:
        return False
    active = active_records(uow, entity, stored)
    if len(pending) > INCREMENTAL_BELOW * active:
        return False
    matcher = Matcher(settings, stored.scoring(active))
    incremental.resolve(uow, matcher, entity, pending, _unlogged)
    uow.sources.mark_resolved(entity)
    uow.models.record_population(entity, active)
    return True


def _unlogged(stage: str) -> None:
    """A real-time write's stages: too small and too many to time or log one by one."""


def active_records(uow: UnitOfWork, entity: str, stored: models.StoredModel) -> int:
    """How many active records the entity has, without counting them on every write: the
    population recorded at the last resolution moved by the pending records since (new ones
    in, deleted ones out). Counted when no population was recorded; a bulk resolution
    (``resolve_pending``) counts them and records the exact figure."""
    if stored.population is None:
        return uow.sources.count_active(entity)
    return max(stored.population + uow.sources.population_change(entity), 0)


def _resolve_incremental(
    uow: UnitOfWork, matcher: Matcher, entity: str, pending: Sequence[int], stages: Stages
) -> ResolveSummary:
    """Only pairs touching a pending record are paired (and the pairs of a group of records
    they link surely never scored, ``matching.completion``); stored links stand for the rest."""
    done = incremental.resolve(uow, matcher, entity, pending, stages.lap)
    return ResolveSummary(
        entity, "incremental", len(pending), done.candidate_pairs, done.auto_links,
        done.review_tasks, done.clusters, done.merged, 0.0,
    )  # fmt: skip
