"""``mdm``: the hub's command line (README: Command line). Exit status 0 = clean, 1 = rows rejected,
2 = refused, 75 = the database went away (run it again), 128 + N = stopped by signal N.

The commands and their arguments are :mod:`mdm.cli.commands`; this runs the one asked for and
turns what went wrong into a message and an exit status (:mod:`mdm.cli.running`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mdm.cli.commands import build_parser

if TYPE_CHECKING:
    from mdm.cli.ops_cmds import AppFactory


def main(argv: Sequence[str] | None = None, *, app: AppFactory | None = None) -> int:
    args = build_parser(app).parse_args(argv)
    from mdm.cli.running import run  # the error types it maps load with what the command uses

    return run(args)
