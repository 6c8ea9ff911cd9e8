"""Ingest runs: one row per extract loaded, with its counts once it is done."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from mdm.db.models import IngestRun


def start(
    session: Session, system_id: int, entity: str, file_name: str, full: bool,
    header: Sequence[str], constants: Mapping[str, str] | None = None,
) -> IngestRun:  # fmt: skip
    """``constants``: what the run's mapping gave every row, which its file did not hold."""
    run = IngestRun(
        system_id=system_id, entity=entity, file_name=file_name, full_extract=full,
        header=list(header), constants=dict(constants or {}),
    )  # fmt: skip
    session.add(run)
    session.flush()
    return run


def finish(run: IngestRun, counts: Mapping[str, int]) -> None:
    run.finished_at = datetime.now(UTC)
    run.counts = dict(counts)
