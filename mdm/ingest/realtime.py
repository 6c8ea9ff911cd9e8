"""Real-time writes of one system's records (the API's ``PUT``/``DELETE``/batch): each record
is checked exactly as a row of an extract is, versioned (an unchanged record adds nothing, a
deletion is a tombstone version), and its golden record kept in step at once: a changed or
deleted record refreshes its golden record, a new one is resolved incrementally when the
entity has a trained model. Otherwise (nothing matched yet, or a backlog that calls for a bulk
run) new records wait for matching and the caller is told they are queued."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from mdm.domain.entities import schema_for
from mdm.domain.errors import DomainError, NotFoundError
from mdm.domain.issues import FieldIssue
from mdm.ingest.canonical_batch import CheckedRow, check_rows
from mdm.ingest.plan import IngestPlan, Planner
from mdm.ingest.reader import ExtractRow
from mdm.ingest.service import follow_changes, write_versions
from mdm.repositories import ingest_runs
from mdm.repositories.source_records import CurrentState, NewVersion
from mdm.resolve.lookup import InvalidRecordError
from mdm.resolve.service import resolve_incrementally
from mdm.unit_of_work import UnitOfWork

MAX_BATCH = 1_000


class StaleVersionError(DomainError):
    """``If-Match`` named a version the record no longer has."""


@dataclass(frozen=True)
class RecordWrite:
    """An upsert (``values``: canonical field -> text) or, with ``values`` None, a deletion."""

    source_id: str
    values: dict[str, str] | None


@dataclass(frozen=True)
class WriteResult:
    source_id: str
    outcome: str  # created | updated | unchanged | deleted
    version: int
    golden_id: uuid.UUID | None
    queued: bool  # waiting for matching: the golden id comes later
    flagged: dict[str, str]  # values of the version now that could not be read: field -> why


def _shape_issues(entity: str, writes: Sequence[RecordWrite], batch: bool) -> list[FieldIssue]:
    schema = schema_for(entity)
    issues: list[FieldIssue] = []
    seen: set[str] = set()
    for n, write in enumerate(writes):
        where = f"records[{n}]." if batch else ""
        if write.source_id in seen:
            issues.append(FieldIssue(f"{where}source_id", "appears more than once in the batch"))
        seen.add(write.source_id)
        for name in sorted(write.values or {}):
            if not schema.is_field(name):
                issues.append(FieldIssue(f"{where}{name}", "not a canonical field"))
    return issues


def _check(
    entity: str, upserts: Sequence[RecordWrite], batch: bool
) -> tuple[list[ExtractRow], list[CheckedRow]]:
    rows = [
        ExtractRow(n, {**(w.values or {}), "source_id": w.source_id}) for n, w in enumerate(upserts)
    ]
    columns = {name: name for row in rows for name in row.values}
    checked = list(check_rows(entity, columns, rows))
    issues = [
        FieldIssue(f"records[{row.line_no}].{i.field}" if batch else i.field, i.reason)
        for row, check in zip(rows, checked, strict=True)
        for i in check.errors
    ]
    if issues:
        raise InvalidRecordError(tuple(issues))
    return rows, checked


def _tombstones(
    deletes: Sequence[RecordWrite], states: dict[str, CurrentState]
) -> list[NewVersion]:
    """Tombstone versions for the live records named; those deleted already are unchanged."""
    versions = []
    for write in deletes:
        state = states.get(write.source_id)
        if state is None:
            raise NotFoundError(f"no record {write.source_id!r} to delete")
        if state.is_deleted:
            continue
        versions.append(
            NewVersion(
                source_id=write.source_id, content_hash="deleted",
                version_no=state.version_no + 1, record_id=state.record_id, is_tombstone=True,
            )
        )  # fmt: skip
    return versions


def write_records(
    uow: UnitOfWork, system: str, entity: str, writes: Sequence[RecordWrite], *,
    if_match: int | None = None, batch: bool = False,
) -> list[WriteResult]:  # fmt: skip
    """Apply ``writes`` in the caller's transaction; all of them or, on any error, none."""
    issues = _shape_issues(entity, writes, batch)
    if issues:
        raise InvalidRecordError(tuple(issues))
    source = uow.systems.get_or_register(system)
    states = uow.sources.states_of(source.id, entity, [w.source_id for w in writes])
    if if_match is not None:
        _check_version(writes, states, if_match)
    upserts = [w for w in writes if w.values is not None]
    rows, checked = _check(entity, upserts, batch)
    planner = Planner(states, {})
    new, changed = planner.place(rows, checked)
    deleted = _tombstones([w for w in writes if w.values is None], states)
    now = datetime.now(UTC)
    if new or changed or deleted:
        header = sorted({name for row in rows for name in row.values})
        run = uow.sources.start_run(source.id, entity, f"api:{system}", False, header)
        write_versions(uow, source.id, entity, new, [*changed, *deleted], run.id, now)
        plan = IngestPlan(new=new, changed=changed, deleted=deleted)
        follow_changes(uow, plan, source.name, run.id, now)
        counts = {"rows": len(writes), "new": len(new), "changed": len(changed),
                  "deleted": len(deleted)}  # fmt: skip
        ingest_runs.finish(run, counts)
    queued = bool(new) and not resolve_incrementally(uow, entity)
    return _results(uow, source.id, entity, writes, states, (new, changed, deleted), queued)


def _check_version(
    writes: Sequence[RecordWrite], states: dict[str, CurrentState], if_match: int
) -> None:
    (write,) = writes
    state = states.get(write.source_id)
    current = 0 if state is None else state.version_no
    if current != if_match:
        raise StaleVersionError(
            f"record {write.source_id!r} is at version {current}, not {if_match}: read it again"
        )


def _results(
    uow: UnitOfWork, system_id: int, entity: str, writes: Sequence[RecordWrite],
    before: dict[str, CurrentState],
    written: tuple[list[NewVersion], list[NewVersion], list[NewVersion]], queued: bool,
) -> list[WriteResult]:  # fmt: skip
    after = uow.sources.states_of(system_id, entity, [w.source_id for w in writes])
    records = [s.record_id for s in after.values()]
    goldens = uow.golden.golden_ids_for(records)
    flagged = uow.sources.flagged_of(records)
    outcome = {v.source_id: kind for kind, vs in zip(("created", "updated", "deleted"), written,
               strict=True) for v in vs}  # fmt: skip
    results = []
    for write in writes:
        state = after[write.source_id]
        golden = goldens.get(state.record_id)
        results.append(
            WriteResult(
                write.source_id, outcome.get(write.source_id, "unchanged"), state.version_no,
                golden, queued and golden is None and not state.is_deleted,
                flagged.get(state.record_id, {}),
            )
        )  # fmt: skip
    return results


@dataclass(frozen=True)
class RecordState:
    source_id: str
    version: int
    deleted: bool
    golden_id: uuid.UUID | None
    flagged: dict[str, str]  # values of the current version that could not be read


def record_state(uow: UnitOfWork, system: str, entity: str, source_id: str) -> RecordState:
    """Where a record stands: its version, whether deleted, its golden record (None: queued),
    and the values of its version that could not be read."""
    schema_for(entity)
    source = uow.systems.find(system)
    states = {} if source is None else uow.sources.states_of(source.id, entity, [source_id])
    state = states.get(source_id)
    if state is None:
        raise NotFoundError(f"no {entity} record {source_id!r} from {system!r}")
    golden = uow.golden.golden_ids_for([state.record_id]).get(state.record_id)
    flagged = uow.sources.flagged_of([state.record_id]).get(state.record_id, {})
    return RecordState(source_id, state.version_no, state.is_deleted, golden, flagged)
