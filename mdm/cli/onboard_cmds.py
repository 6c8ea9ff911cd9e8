"""`mdm onboard`: an acquired firm's extracts, before they load — a suggested mapping."""

from __future__ import annotations

import argparse
from pathlib import Path

from mdm.cli.output import say
from mdm.domain.entities import ENTITY_NAMES
from mdm.ingest.reader import read_extract
from mdm.onboarding.suggestion import MappingSuggestion, suggest_mapping


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("onboard", help="onboard an acquired system's extracts")
    steps = p.add_subparsers(dest="step", required=True)
    s = steps.add_parser("suggest", help="suggest a mapping from the headers and the values")
    s.add_argument("file", help="CSV or Excel (.xlsx) extract")
    s.add_argument("--entity", required=True, choices=ENTITY_NAMES)
    s.add_argument("--output", required=True, help="the mapping to write (YAML, for --mapping)")
    s.set_defaults(run=suggest)


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
    mapped = sum(1 for c in suggestion.columns if c.field)
    say(f"{mapped} of {len(suggestion.columns)} columns mapped to {suggestion.entity} fields")
