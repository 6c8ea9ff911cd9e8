"""Golden records without matching, for tests whose subject is what happens to golden records
(reads, history, stewardship, events) rather than how records are found to match."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from mdm.golden.partition_apply import apply_partition
from mdm.repositories import golden as golden_repo
from mdm.repositories import matching_records as records
from mdm.unit_of_work import UnitOfWork


def give_singletons(uow: UnitOfWork, entity: str = "customer") -> None:
    """Each record waiting for matching that has no golden record gets one of its own."""
    pending = records.pending_ids(uow.session, entity)
    held = golden_repo.golden_ids_for(uow.session, pending)
    clusters = [[r] for r in pending if r not in held]
    if clusters:
        now = datetime.now(UTC)
        apply_partition(uow, entity, clusters, actor="test", reason="singletons", now=now)
    uow.session.execute(
        text("UPDATE source_record SET pending_match = false WHERE id = ANY(:ids)"),
        {"ids": pending},
    )
