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

from sqlalchemy.orm import Session

from matching import collector_paused
from mdm.domain.entities import schema_for
from mdm.domain.progress import Progress, unwatched
from mdm.golden import lifecycle
from mdm.ingest.canonical_batch import check_parts
from mdm.ingest.mapping import FieldMapping, resolve_header
from mdm.ingest.plan import IngestPlan, Planner, repeated_keys, split_unchanged
from mdm.ingest.reader import ExtractRow, ParsedExtract
from mdm.repositories import golden as golden_repo
from mdm.repositories import ingest_runs, quarantine, source_records, systems
from mdm.repositories.quarantine import RejectedRow
from mdm.repositories.source_records import NewVersion
from mdm.sync import echoes

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

    @property
    def clean(self) -> bool:
        return self.quarantined == 0


def ingest_extract(
    session: Session,
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
            session, extract, system=system, entity=entity, mapping=mapping, full=full,
            progress=progress,
        )  # fmt: skip


def _ingest(
    session: Session,
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
    columns = resolve_header(extract.name, extract.header, schema, mapping or FieldMapping())
    _serialise(session, system)
    source = systems.get_or_register(session, system)
    now = datetime.now(UTC)
    run = ingest_runs.start(session, source.id, entity, extract.name, full, extract.header)
    existing = source_records.load_state(session, source.id, entity)
    repeated = repeated_keys(extract.rows, columns)
    unchanged, to_check = split_unchanged(extract.rows, columns, existing, repeated)
    echoed, to_check = split_echoes(session, system, entity, columns, to_check, repeated)
    planner = Planner(existing, repeated, unchanged, echoed)
    total, done = len(extract.rows), len(extract.rows) - len(to_check)
    progress("checking and writing rows", done, total)
    for rows, checked in check_parts(entity, columns, to_check):
        new, changed = planner.place(rows, checked)
        write_versions(session, source.id, entity, new, changed, run.id, now)
        done += len(rows)
        progress("checking and writing rows", done, total)
    progress("updating golden records of changed records", total, total)
    plan = planner.finish(full=full)
    write_versions(session, source.id, entity, [], plan.deleted, run.id, now)
    follow_changes(session, plan, source.name, run.id, now)
    quarantine.keep(session, run.id, source.id, entity, extract.name, plan.rejected, now)
    loaded = [v.source_id for v in (*plan.new, *plan.changed)]
    quarantine.resolve_loaded(session, source.id, entity, loaded, now)
    summary = IngestSummary(
        run_id=run.id, system=system, entity=entity, rows=len(extract.rows),
        new=len(plan.new), changed=len(plan.changed), unchanged=plan.unchanged,
        deleted=len(plan.deleted), quarantined=len(plan.rejected),
        seconds=time.perf_counter() - started, rejected=tuple(plan.rejected),
        unregistered=not systems.is_registered(source), echoes=len(echoed),
    )  # fmt: skip
    counted = ("rows", "new", "changed", "unchanged", "echoes", "deleted", "quarantined")
    ingest_runs.finish(run, {k: getattr(summary, k) for k in counted})
    return summary


def split_echoes(
    session: Session, system: str, entity: str, columns: Mapping[str, str],
    rows: list[ExtractRow], repeated: Mapping[int, str],
) -> tuple[set[str], list[ExtractRow]]:  # fmt: skip
    """The keys of rows that only say back what the hub last wrote to ``system``
    (:mod:`mdm.sync.echoes`: a target's export read in again), and the other rows."""
    if not rows or not echoes.receives(session, system, entity):
        return set(), rows
    key = next(c for c, f in columns.items() if f == "source_id")  # the header has one
    named = {
        row.values.get(key, "").strip(): {
            columns[c]: v for c, v in row.values.items() if c in columns
        }
        for row in rows
        if row.line_no not in repeated
    }
    named.pop("", None)
    found = echoes.find(session, system, entity, named)
    rest = [r for r in rows if r.line_no in repeated or r.values.get(key, "").strip() not in found]
    return found, rest


def _serialise(session: Session, system: str) -> None:
    """Loads of one source system run one after the other: two at once would both add the
    same new records. A load that finds another running says so and waits for it."""
    if not systems.lock_loads(session, system):
        log.warning("another load of source %r is running: waiting for it to finish", system)
        systems.wait_for_loads(session, system)


def write_versions(
    session: Session, system_id: int, entity: str, new: list[NewVersion],
    existing: list[NewVersion], run_id: int, now: datetime,
) -> None:  # fmt: skip
    """Write one part's versions: new records first, then every version."""
    record_ids = source_records.insert_records(session, system_id, entity, new, now)
    record_ids += [v.record_id or 0 for v in existing]
    source_records.insert_versions(session, [*new, *existing], record_ids, run_id, now)


def follow_changes(
    session: Session, plan: IngestPlan, system: str, run_id: int, now: datetime
) -> None:
    """Point changed and deleted records at their new versions and refresh their golden
    records; deleted ones leave their golden records."""
    existing = [*plan.changed, *plan.deleted]
    source_records.advance_records(session, existing, now)
    touched = golden_repo.golden_ids_for(session, [v.record_id or 0 for v in existing])
    golden_repo.close_xrefs(session, [v.record_id or 0 for v in plan.deleted], now)
    lifecycle.refresh(
        session, list(touched.values()), now, actor=f"connector:{system}",
        reason=f"ingest run {run_id}",
    )  # fmt: skip
