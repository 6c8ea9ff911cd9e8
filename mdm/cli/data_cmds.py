"""Commands that move data: ingest, match, export, quarantine."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from mdm import exports
from mdm.cli.output import fail, say, warn
from mdm.cli.progress import progress_bar
from mdm.cli.stopping import EXIT_TEMPFAIL
from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import read_extract
from mdm.ingest.service import IngestSummary, ingest_extract
from mdm.repositories import quarantine as quarantine_store
from mdm.repositories import systems
from mdm.runtime import Runtime, open_runtime
from mdm.settings import load_settings
from mdm.spreadsheet_cells import neutralise

REJECTED = 1


def ingest(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    extract = read_extract(Path(args.file))
    mapping = FieldMapping.load(Path(args.mapping)) if args.mapping else None
    runtime = open_runtime(load_settings())
    with runtime.unit_of_work() as uow, progress_bar(f"{args.source}/{args.entity}") as shown:
        summary = ingest_extract(
            uow,
            extract,
            system=args.source,
            entity=args.entity,
            mapping=mapping,
            full=args.full,
            progress=shown,
        )
    report_ingest(summary, time.perf_counter() - started)
    if summary.unregistered:
        warn(unregistered_note(summary.system))
    if args.match:
        return _request_resolution(runtime, args.entity, summary)
    if summary.new:
        say(
            f"{summary.new} new record(s) wait for matching, which gives them golden records: "
            f"`mdm match --entity {args.entity}` (or ingest with --match)"
        )
    return 0 if summary.clean else REJECTED


def unregistered_note(system: str) -> str:
    return (
        f"source system {system!r} is not registered, so it has the lowest trust "
        f"({systems.UNREGISTERED_TRUST:.2f}) and loses survivorship to every registered system; "
        f"register it on purpose: {systems.REGISTER_HINT.format(name=system)}"
    )


def _request_resolution(runtime: Runtime, entity: str, summary: IngestSummary) -> int:
    from mdm.tasks.dispatch import BrokerUnreachable, request_resolution

    try:
        say(request_resolution(runtime, entity))
    except BrokerUnreachable as exc:
        return fail(
            f"the broker is unreachable ({exc}): the rows are loaded and wait for matching; "
            f"run `mdm match --entity {entity}`, or ingest again with --match once it is back",
            EXIT_TEMPFAIL,
        )
    return 0 if summary.clean else REJECTED


def report_ingest(summary: IngestSummary, seconds: float) -> None:
    """The rejected rows and the counts; ``seconds`` from reading the file to the commit."""
    for row in summary.rejected[:50]:
        say(f"  line {row.line_no}: {row.reason()}")
    if summary.quarantined > 50:
        say(f"  … and {summary.quarantined - 50} more (mdm quarantine list)")
    rate = summary.rows / seconds if seconds else 0.0
    say(
        f"{summary.system}/{summary.entity}: {summary.rows} rows: {summary.new} new, "
        f"{summary.changed} changed, {summary.unchanged} unchanged, {summary.deleted} deleted, "
        f"{summary.quarantined} quarantined ({seconds:.2f} s, {rate:,.0f} rows/s)"
    )
    if summary.echoes:
        say(
            f"  {summary.echoes} rows say back what the hub last wrote to {summary.system}: "
            "echoes of its own writes, left out"
        )
    for note in summary.notes:
        say(f"  {note}")


def _output(path: str | None) -> IO[str] | nullcontext[IO[str]]:
    if path:
        return open(path, "w", encoding="utf-8", newline="")
    return nullcontext(sys.stdout)


def export(args: argparse.Namespace) -> int:
    runtime = open_runtime(load_settings())
    with runtime.unit_of_work() as uow, _output(args.output) as out:
        if args.what == "xref":
            xref = exports.write_xref(uow, args.entity, out)
            count = xref.rows
            if xref.unmatched:
                warn(
                    f"{xref.unmatched} {args.entity} record(s) wait for matching and have no "
                    f"golden record yet (empty golden_id): run `mdm match --entity {args.entity}`"
                )
        else:
            count = exports.write_golden(uow, args.entity, out, args.format)
    if args.output:
        say(f"wrote {count} {args.what} rows to {args.output}")
    return 0


def quarantine(args: argparse.Namespace) -> int:
    runtime = open_runtime(load_settings())
    with runtime.unit_of_work() as uow:
        if args.action == "discard":
            now = datetime.now(UTC)
            done = [i for i in args.ids if uow.quarantine.discard(i, now)]
            say(f"discarded {len(done)} of {len(args.ids)}")
            return 0 if len(done) == len(args.ids) else fail("some ids were not open", 1)
        entries = uow.quarantine.list_entries(
            system=args.source, entity=args.entity, status=None if args.all else "open"
        )
    if args.action == "export":
        return _export_quarantine(entries, args.output)
    for e in entries:
        reasons = "; ".join(f"{x['field']}: {x['reason']}" for x in e.errors)
        say(f"#{e.id} {e.system}/{e.entity} {e.file} line {e.line_no} [{e.status}] {reasons}")
    say(f"{len(entries)} quarantined row(s)")
    return 0


def _export_quarantine(entries: list[quarantine_store.QuarantineEntry], output: str | None) -> int:
    if not output:
        return fail("quarantine export needs --output FILE.csv")
    groups = {(e.system, e.entity) for e in entries}
    if len(groups) > 1:
        return fail("rows of several sources/entities: narrow with --source and --entity")
    columns = list(dict.fromkeys(c for e in entries for c in (*e.header, *e.raw)))
    with open(output, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for e in entries:
            writer.writerow({column: neutralise(value) for column, value in e.raw.items()})
    say(f"wrote {len(entries)} row(s) to {output}: fix them and `mdm ingest` the file again")
    return 0


def match(args: argparse.Namespace) -> int:
    from mdm.resolve.service import resolve_pending
    from mdm.tasks.dispatch import block_distribution

    settings = load_settings()
    if args.distribute and not settings.broker_url:
        return fail("--distribute needs MDM_BROKER_URL: the blocks go to `mdm worker` processes")
    runtime = open_runtime(settings)
    distribute = block_distribution(runtime, args.blocks) if args.distribute else None
    with runtime.unit_of_work() as uow, progress_bar(f"match {args.entity}") as shown:
        summary = resolve_pending(
            uow, args.entity, progress=shown, force_bulk=args.bulk, distribute=distribute
        )
    say(summary.describe())
    return 0
