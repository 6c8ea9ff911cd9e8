"""Loading an extract and matching it, with what that did; and a dry run: the same load, the real
ingest and the real matching (same engine, same thresholds, same
survivorship) inside a savepoint that is always rolled back, so the report says what a load
would do and nothing stays written — no source records, cross-references, golden records,
review tasks, audit entries or events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from mdm.domain.progress import Progress, unwatched
from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import ParsedExtract
from mdm.ingest.service import ingest_extract
from mdm.onboarding.outcome import LoadOutcome, outcome_of
from mdm.repositories import systems
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork


def load_and_match(
    uow: UnitOfWork, extract: ParsedExtract, *, system: str, entity: str,
    mapping: FieldMapping | None = None, progress: Progress = unwatched,
    notes: Sequence[str] = (),
) -> LoadOutcome:  # fmt: skip
    """Ingest ``extract``, match what it brought, and say what that did (with ``notes`` and
    the ingest's own, such as how it read the extract's dates)."""
    before = datetime.now(UTC)
    summary = ingest_extract(
        uow, extract, system=system, entity=entity, mapping=mapping, progress=progress
    )
    resolve_pending(uow, entity, progress=progress)
    progress("reporting")
    system_id = uow.systems.get_or_register(system).id
    return outcome_of(uow, summary, before, system_id, [*notes, *summary.notes])


def dry_run(
    uow: UnitOfWork, extract: ParsedExtract, *, system: str, entity: str,
    mapping: FieldMapping | None = None, progress: Progress = unwatched,
) -> LoadOutcome:  # fmt: skip
    """What loading ``extract`` and then matching would do; nothing is kept."""
    notes = _notes(uow, system)
    with uow.savepoint():
        return load_and_match(
            uow, extract, system=system, entity=entity, mapping=mapping, progress=progress,
            notes=notes,
        )  # fmt: skip


def _notes(uow: UnitOfWork, system: str) -> list[str]:
    found = uow.systems.find(system)
    if found is None or not systems.is_registered(found):
        return [
            f"{system} is not registered: it would load at the lowest trust; register it first "
            f"({systems.REGISTER_HINT.format(name=system)})"
        ]
    return []
