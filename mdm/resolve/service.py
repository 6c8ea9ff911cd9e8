"""Resolve pending source records into golden records (matching arrives with the engine)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.entities import schema_for


@dataclass(frozen=True)
class ResolveSummary:
    entity: str
    records: int
    candidate_pairs: int
    auto_links: int
    review_tasks: int
    clusters: int
    seconds: float

    def describe(self) -> str:
        return (
            f"{self.entity}: {self.records} records, {self.candidate_pairs} candidate pairs, "
            f"{self.auto_links} auto-links, {self.review_tasks} review tasks, "
            f"{self.clusters} clusters ({self.seconds:.2f} s)"
        )


def resolve_pending(session: Session, entity: str) -> ResolveSummary:
    started = time.perf_counter()
    schema_for(entity)
    pending = session.execute(
        text(
            "UPDATE source_record SET pending_match = false "
            "WHERE entity = :e AND pending_match RETURNING id"
        ),
        {"e": entity},
    ).all()
    clusters = session.execute(
        text("SELECT count(*) FROM golden_record WHERE entity = :e AND status = 'active'"),
        {"e": entity},
    ).scalar_one()
    return ResolveSummary(entity, len(pending), 0, 0, 0, clusters, time.perf_counter() - started)
