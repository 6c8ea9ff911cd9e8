"""Ingest one extract: validate, version, quarantine and keep golden records in step.

New records wait for matching (``pending_match``), which gives them their golden records: a
first load of a whole system then creates each golden record once, from its cluster, instead of
one per row that matching would merge away at once. A changed or deleted record that already
has a golden record refreshes it here, in the same transaction.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from matching import collector_paused
from mdm.domain.date_orders import date_orders
from mdm.domain.entities import schema_for
from mdm.domain.progress import Progress, unwatched
from mdm.golden import lifecycle
from mdm.ingest.canonical_batch import check_parts
from mdm.ingest.constants import constants_note
from mdm.ingest.mapping import FieldMapping, named_values, resolve_header
from mdm.ingest.plan import IngestPlan, Planner, repeated_keys, split_unchanged
from mdm.ingest.reader import ExtractRow, ParsedExtract
from mdm.repositories import ingest_runs, systems
from mdm.repositories.quarantine import RejectedRow
from mdm.repositories.source_records import NewVersion
from mdm.sync import echoes
from mdm.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestSummary:
    run_id: int
    system: str
    entity: str
    rows: int
    new: int
    changed: int
    unchanged: int
    deleted: int
    quarantined: int
    seconds: float
    rejected: tuple[RejectedRow, ...]
    unregistered: bool = False  # the system was never registered: it has the lowest trust
    echoes: int = 0  # rows saying back what the hub last wrote to the system: left out
    notes: tuple[
        str, ...
    ] = ()  # how the extract was read (its encoding, its dates), where it matters

    @property
    def clean(self) -> bool:
        return self.quarantined == 0


def ingest_extract(
    uow: UnitOfWork,
    extract: ParsedExtract,
    *,
    system: str,
    entity: str,
    mapping: FieldMapping | None = None,
    full: bool = False,
    progress: Progress = unwatched,
) -> IngestSummary:
    """Load ``extract`` inside the caller's transaction; the caller commits or rolls back.
    ``progress`` hears of the rows checked and written as the parts go by."""
    with collector_paused():
        return _ingest(
            uow, extract, system=system, entity=entity, mapping=mapping, full=full,
            progress=progress,
        )  # fmt: skip


def _ingest(
    uow: UnitOfWork,
    extract: ParsedExtract,
    *,
    system: str,
    entity: str,
    mapping: FieldMapping | None,
    full: bool,
    progress: Progress,
) -> IngestSummary:
    started = time.perf_counter()
    schema = schema_for(entity)
    mapping = mapping or FieldMapping()
    columns = resolve_header(extract.name, extract.header, schema, mapping)
    constants = mapping.constants
    _serialise(uow, system)
    source = uow.systems.get_or_register(system)
    now = datetime.now(UTC)
    run = uow.sources.start_run(source.id, entity, extract.name, full, extract.header, constants)
    existing = uow.sources.load_state(source.id, entity)
    remembered = uow.systems.date_orders_of(system, entity)
    dates = date_orders(schema, columns, [row.values for row in extract.rows], remembered)
    uow.systems.remember_date_orders(source.id, entity, run.id, dates.decisions)
    repeated = repeated_keys(extract.rows, columns)
    unchanged, to_check = split_unchanged(extract.rows, columns, existing, repeated, constants)
    echoed, to_check = split_echoes(uow, system, entity, columns, to_check, repeated, constants)
    planner = Planner(existing, repeated, unchanged, echoed)
    total, done = len(extract.rows), len(extract.rows) - len(to_check)
    progress("checking and writing rows", done, total)
    parts = check_parts(entity, columns, to_check, dates=dates, constants=constants)
    for rows, checked in parts:
        new, changed = planner.place(rows, checked)
        write_versions(uow, source.id, entity, new, changed, run.id, now)
        done += len(rows)
        progress("checking and writing rows", done, total)
    progress("updating golden records of changed records", total, total)
    plan = planner.finish(full=full)
    write_versions(uow, source.id, entity, [], plan.deleted, run.id, now)
    follow_changes(uow, plan, source.name, run.id, now)
    uow.quarantine.keep(run.id, source.id, entity, extract.name, plan.rejected, now)
    loaded = [v.source_id for v in (*plan.new, *plan.changed)]
    uow.quarantine.resolve_loaded(source.id, entity, loaded, now)
    summary = IngestSummary(
        run_id=run.id, system=system, entity=entity, rows=len(extract.rows),
        new=len(plan.new), changed=len(plan.changed), unchanged=plan.unchanged,
        deleted=len(plan.deleted), quarantined=len(plan.rejected),
        seconds=time.perf_counter() - started, rejected=tuple(plan.rejected),
        unregistered=not systems.is_registered(source), echoes=len(echoed),
        notes=(*extract.notes, *constants_note(constants), *dates.notes),
    )  # fmt: skip
    counted = ("rows", "new", "changed", "unchanged", "echoes", "deleted", "quarantined")
    ingest_runs.finish(run, {k: getattr(summary, k) for k in counted})
    return summary


def split_echoes(
    uow: UnitOfWork, system: str, entity: str, columns: Mapping[str, str],
    rows: list[ExtractRow], repeated: Mapping[int, str], constants: Mapping[str, str],
) -> tuple[set[str], list[ExtractRow]]:  # fmt: skip
    """The keys of rows that only say back what the hub last wrote to ``system``
    (:mod:`mdm.sync.echoes`: a target's export read in again), and the other rows; a row says
    what it holds with the mapping's ``constants``."""
    if not rows or not echoes.receives(uow, system, entity):
        return set(), rows
    key = next(c for c, f in columns.items() if f == "source_id")  # the header has one
    named = {
        row.values.get(key, "").strip(): named_values(row.values, columns, constants)
        for row in rows
        if row.line_no not in repeated
    }
    named.pop("", None)
    found = echoes.find(uow, system, entity, named)
    rest = [r for r in rows if r.line_no in repeated or r.values.get(key, "").strip() not in found]
    return found, rest


def _serialise(uow: UnitOfWork, system: str) -> None:
    """Loads of one source system run one after the other: two at once would both add the
    same new records. A load that finds another running says so and waits for it."""
    if not uow.systems.lock_loads(system):
        log.warning("another load of source %r is running: waiting for it to finish", system)
        uow.systems.wait_for_loads(system)


def write_versions(
    uow: UnitOfWork, system_id: int, entity: str, new: list[NewVersion],
    existing: list[NewVersion], run_id: int, now: datetime,
) -> None:  # fmt: skip
    """Write one part's versions: new records first, then every version."""
    record_ids = uow.sources.insert_records(system_id, entity, new, now)
    record_ids += [v.record_id or 0 for v in existing]
    uow.sources.insert_versions([*new, *existing], record_ids, run_id, now)


def follow_changes(
    uow: UnitOfWork, plan: IngestPlan, system: str, run_id: int, now: datetime
) -> None:
    """Point changed and deleted records at their new versions and refresh their golden
    records; deleted ones leave their golden records."""
    existing = [*plan.changed, *plan.deleted]
    uow.sources.advance_records(existing, now)
    touched = uow.golden.golden_ids_for([v.record_id or 0 for v in existing])
    uow.golden.close_xrefs([v.record_id or 0 for v in plan.deleted], now)
    lifecycle.refresh(
        uow, list(touched.values()), now, actor=f"connector:{system}",
        reason=f"ingest run {run_id}",
    )  # fmt: skip
