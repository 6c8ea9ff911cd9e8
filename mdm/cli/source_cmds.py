"""`mdm source`: register the systems records come from (an M&A team's first step)."""

from __future__ import annotations

import argparse

from mdm.cli.output import say
from mdm.repositories import systems
from mdm.runtime import open_runtime
from mdm.settings import load_settings

KINDS = ("crm", "erp", "hr", "psa", "other")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("source", help="register or list source systems")
    p.add_argument("action", choices=("register", "list"))
    p.add_argument("name", nargs="?", help="system name, e.g. beta_crm")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--acquired", action="store_true", help="came with an acquisition (lower trust)")
    p.add_argument("--trust", type=float, help="survivorship trust, 0..1 (default 1, acquired 0.7)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    runtime = open_runtime(load_settings())
    with runtime.unit_of_work() as session:
        if args.action == "register":
            if not args.name:
                say("error: `mdm source register` needs a NAME")
                return 2
            systems.register(
                session, args.name, kind=args.kind, acquired=args.acquired, trust=args.trust
            )
        rows = [
            (s.name, s.kind, s.trust.get("*", 1.0), s.settings.get("acquired", False))
            for s in systems.all_systems(session)
        ]
    for name, kind, trust, acquired in rows:
        say(f"{name:24} {kind:6} trust {trust:.2f}{'  acquired' if acquired else ''}")
    return 0
