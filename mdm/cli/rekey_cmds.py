"""`mdm rekey`: the golden ids beside a transactional file's source-system keys."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from mdm.cli.output import fail, say
from mdm.ingest.reader import read_extract
from mdm.onboarding.rekey import parse_column, rekey
from mdm.runtime import open_runtime
from mdm.settings import load_settings

UNKNOWN = 1
SHOWN = 50


def run(args: argparse.Namespace) -> int:
    try:
        columns = [parse_column(text) for text in args.column]
    except ValueError as exc:
        return fail(str(exc))
    extract = read_extract(Path(args.file))
    runtime = open_runtime(load_settings())
    with runtime.unit_of_work() as uow:
        done = rekey(uow, extract, args.source, columns)
    with open(args.output, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(
            out, fieldnames=done.header, lineterminator="\n", delimiter=extract.separator
        )
        writer.writeheader()
        writer.writerows(done.rows)
    for u in done.unknown[:SHOWN]:
        say(f"  line {u.line_no}: {u.column} {u.value!r}: {u.reason}")
    if len(done.unknown) > SHOWN:
        say(f"  … and {len(done.unknown) - SHOWN} more")
    say(
        f"wrote {len(done.rows)} rows to {args.output}: {done.keyed} keys given a golden id, "
        f"{len(done.unknown)} unknown"
    )
    return UNKNOWN if done.unknown else 0
