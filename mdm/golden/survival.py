"""Survivorship of many new golden records at once, on every core: a bulk resolution creates
hundreds of thousands, and surviving them (choosing each value, formatting the phone numbers
and names as they read) is most of a core's work there. Groups of members are split between
forked workers that inherit them (nothing is pickled on the way in) and send back each golden
record's attributes and lineage, in order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from mdm.domain.members import MemberVersion
from mdm.domain.survivorship import survive
from mdm.domain.survivorship_rules import EntityRules
from mdm.ingest import forked

PARALLEL_FROM = 2_000  # golden records below which forking costs more than it saves
PART = 2_000  # golden records per task
Survived = tuple[dict[str, Any], dict[str, Any]]  # attributes, lineage


@dataclass(frozen=True)
class _Job:
    groups: Sequence[Sequence[int]]  # each golden record's member record ids
    members: Mapping[int, MemberVersion]
    rules: EntityRules


_WORKER_JOB: _Job | None = None  # in a forked worker only: the job it was started for


def _start_worker(parent_pid: int, job: _Job) -> None:
    global _WORKER_JOB
    forked.start_worker(parent_pid, niceness=0)  # the parent waits: no one to give way to
    _WORKER_JOB = job


def _survive_part(bounds: tuple[int, int]) -> list[Survived]:
    job = _WORKER_JOB
    assert job is not None, "a survivorship worker is started with its job"
    return [_one(job, group) for group in job.groups[bounds[0] : bounds[1]]]


def _one(job: _Job, group: Sequence[int]) -> Survived:
    return survive([job.members[r] for r in group], job.rules)


def survive_each(
    groups: Sequence[Sequence[int]], members: Mapping[int, MemberVersion], rules: EntityRules,
    *, parallel_from: int = PARALLEL_FROM,
) -> Iterator[Survived]:  # fmt: skip
    """The attributes and lineage of a golden record made of each group of ``members`` (by
    record id), in the order of ``groups``: what ``survive`` gives for each, in forked
    workers when the groups are many."""
    job = _Job(groups, members, rules)
    workers = min(os.cpu_count() or 1, 4)
    forking = "fork" in multiprocessing.get_all_start_methods()
    if len(groups) < parallel_from or workers < 2 or not forking:
        for group in groups:
            yield _one(job, group)
        return
    yield from _in_pool(job, workers)


def _in_pool(job: _Job, workers: int) -> Iterator[Survived]:
    bounds = [
        (start, min(start + PART, len(job.groups))) for start in range(0, len(job.groups), PART)
    ]
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker, initargs=(os.getpid(), job),
    )  # fmt: skip
    try:
        with forked.signals_held():  # the workers fork as the first part is submitted
            parts = pool.map(_survive_part, bounds)
        for part in parts:
            yield from part
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
