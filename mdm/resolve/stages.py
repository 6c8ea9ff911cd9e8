"""What a resolution reports (its summary, the seconds of each stage) and its last steps,
shared by a bulk run in one process and one split into blocks: golden records made to agree
with the clusters, review tasks for the doubtful pairs between clusters."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mdm.domain.progress import Progress, unwatched
from mdm.golden.partition_apply import apply_partition_in_chunks
from mdm.stewardship import task_upkeep
from mdm.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
ACTOR = "matcher"


class Stages:
    """Seconds spent per stage of a resolution, so a summary can say where the time went;
    ``progress`` hears of each stage as it ends, and the log has a line for each."""

    def __init__(self, progress: Progress = unwatched) -> None:
        self.seconds: dict[str, float] = {}
        self._mark = time.perf_counter()
        self._progress = progress

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = self.seconds.get(name, 0.0) + now - self._mark
        log.info("stage %s done in %.1f s", name, now - self._mark)
        self._mark = now
        self._progress(f"{name} done")


@dataclass(frozen=True)
class ResolveSummary:
    entity: str
    mode: str
    records: int
    candidate_pairs: int
    auto_links: int
    review_tasks: int
    clusters: int
    merged: int
    seconds: float
    stages: tuple[tuple[str, float], ...] = ()

    def describe(self) -> str:
        text = (
            f"{self.entity} ({self.mode}): {self.records} records, {self.candidate_pairs} candidate "
            f"pairs, {self.auto_links} auto-links, {self.review_tasks} new review tasks, "
            f"{self.clusters} clusters, {self.merged} golden records merged ({self.seconds:.2f} s)"
        )
        if self.stages:
            text += "; stages: " + ", ".join(f"{name} {sec:.1f} s" for name, sec in self.stages)
        return text


def settle(
    uow: UnitOfWork,
    entity: str,
    clusters: Sequence[Sequence[int]],
    now: datetime,
    stages: Stages,
) -> tuple[int, int]:
    """Golden records made to agree with ``clusters`` (every active record of the entity), a
    chunk of clusters at a time, then a review task for each doubtful pair of clusters: (new
    tasks, golden records merged away)."""
    merged = apply_partition_in_chunks(
        uow, entity, clusters, actor=ACTOR, reason="matching", now=now
    )
    stages.lap("golden records")
    cluster_of = {r: n for n, c in enumerate(clusters) for r in c}
    tasks = uow.matches.open_review_tasks(entity, cluster_of, now, whole=True)
    task_upkeep.follow_clusters(uow, entity, now)
    return tasks, merged
