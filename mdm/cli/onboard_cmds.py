"""`mdm onboard`: an acquired firm's extracts before they load — a suggested mapping and a
profile."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mdm.cli.output import fail, say, warn
from mdm.cli.progress import progress_bar
from mdm.domain.date_orders import RememberedOrder
from mdm.ingest.constants import constants_note
from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import ParsedExtract, read_extract
from mdm.onboarding.dry_run import dry_run
from mdm.onboarding.outcome import LoadOutcome, outcome_of_last_load
from mdm.onboarding.profile import ExtractProfile, profile_extract
from mdm.onboarding.report_html import profile_html
from mdm.onboarding.suggestion import MappingSuggestion, suggest_mapping
from mdm.runtime import open_runtime
from mdm.settings import load_settings


def mapping_for(extract: ParsedExtract, entity: str, path: str | None) -> FieldMapping:
    """The mapping given, else the one `suggest` would write (said on stderr)."""
    if path:
        return FieldMapping.load(Path(path))
    warn("no --mapping: using the suggested mapping (`mdm onboard suggest` shows it)")
    return suggest_mapping(extract, entity).mapping()


def suggest(args: argparse.Namespace) -> int:
    extract = read_extract(Path(args.file))
    suggestion = suggest_mapping(extract, args.entity)
    Path(args.output).write_text(suggestion.to_yaml(), encoding="utf-8")
    describe(suggestion)
    say(f"wrote the mapping to {args.output}: check it, then `--mapping {args.output}`")
    return 0


def describe(suggestion: MappingSuggestion) -> None:
    width = max((len(c.column) for c in suggestion.columns), default=6)
    for c in suggestion.columns:
        target = c.field or "(ignore)"
        say(f"  {c.column:{width}}  ->  {target:18} {c.confidence:4.2f}  {c.evidence}")
    for k in suggestion.constants:
        say(f"  {'(constant)':{width}}  ->  {k.field} = {k.value}   {k.evidence}")
    mapped = sum(1 for c in suggestion.columns if c.field)
    say(f"{mapped} of {len(suggestion.columns)} columns mapped to {suggestion.entity} fields")


def profile(args: argparse.Namespace) -> int:
    extract = read_extract(Path(args.file))
    mapping = mapping_for(extract, args.entity, args.mapping)
    found = profile_extract(extract, args.entity, mapping, remembered_orders(args))
    if args.report:
        report = Path(args.report)
        if report.suffix.lower() in (".html", ".htm"):
            report.write_text(profile_html(found), encoding="utf-8")
        else:
            report.write_text(json.dumps(found.to_dict(), indent=2, ensure_ascii=False), "utf-8")
    describe_profile(found)
    if args.report:
        say(f"wrote the profile to {args.report}")
    return 0


def remembered_orders(args: argparse.Namespace) -> dict[str, RememberedOrder]:
    """The date orders the earlier extracts of ``--source`` decided (none without it: the
    profile then needs no database)."""
    if not args.source:
        return {}
    with open_runtime(load_settings()).unit_of_work() as uow:
        uow.read_outside_transactions()
        return uow.systems.date_orders_of(args.source, args.entity)


def describe_profile(found: ExtractProfile) -> None:
    say(f"{'field':18} {'complete':>8} {'valid':>6} {'distinct':>8}  top values")
    for f in found.fields:
        top = ", ".join(f"{v} ({n})" for v, n in f.top[:3])
        say(f"{f.field:18} {f.completeness:8.0%} {f.validity:6.0%} {f.distinct:8}  {top}")
    say(
        f"{found.rows} rows: {found.accepted} would load, {found.rejected} would be rejected; "
        f"{found.duplicate_groups} groups of likely duplicates ({found.duplicate_rows} rows)"
    )
    for note in (*constants_note(dict(found.constants)), *found.notes):
        say(f"  {note}")


def dry_run_cmd(args: argparse.Namespace) -> int:
    extract = read_extract(Path(args.file))
    mapping = mapping_for(extract, args.entity, args.mapping)
    runtime = open_runtime(load_settings())
    label = f"dry run {args.source}/{args.entity}"
    with runtime.unit_of_work() as uow, progress_bar(label) as shown:
        outcome = dry_run(
            uow, extract, system=args.source, entity=args.entity, mapping=mapping,
            progress=shown,
        )  # fmt: skip
        uow.rollback()  # nothing of a dry run is ever kept
    Path(args.report).write_text(
        json.dumps(outcome.to_dict(), indent=2, ensure_ascii=False, default=str), "utf-8"
    )
    describe_outcome(outcome)
    say(f"wrote the dry-run report to {args.report}; nothing was loaded")
    return 0


def outcome_cmd(args: argparse.Namespace) -> int:
    runtime = open_runtime(load_settings())
    with runtime.unit_of_work() as uow:
        outcome = outcome_of_last_load(uow, args.source, args.entity)
    if outcome is None:
        return fail(f"{args.source} has loaded no {args.entity} extract")
    if args.report:
        Path(args.report).write_text(
            json.dumps(outcome.to_dict(), indent=2, ensure_ascii=False, default=str), "utf-8"
        )
    describe_outcome(outcome, done=True)
    return 0


def describe_outcome(outcome: LoadOutcome, *, done: bool = False) -> None:
    for note in outcome.notes:
        warn(note)
    would = "" if done else "would "
    say(
        f"{outcome.system}/{outcome.entity}: {outcome.records} records: {outcome.existing} "
        f"{would}join existing golden records, {outcome.new} {would}be new, {outcome.review} "
        f"{would}wait for review, {outcome.rejected} {would}be rejected"
        + (f", {outcome.unchanged} unchanged" if outcome.unchanged else "")
    )
    changed = outcome.golden_changes.get("golden_records", 0)
    if changed:
        say(f"{changed} existing golden records {would}change values")
    if outcome.entity == "rate_card":
        say(f"{len(outcome.rate_conflicts)} rate lines conflict with another system's")
