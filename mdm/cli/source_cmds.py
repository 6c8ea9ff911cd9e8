"""`mdm source`: register the systems records come from (an M&A team's first step)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from connectors.config import ConfigError, ConfigProblem, load_config
from mdm.cli.output import fail, say
from mdm.repositories import systems
from mdm.runtime import open_runtime
from mdm.settings import load_settings
from mdm.sync.connections import connect
from mdm.unit_of_work import UnitOfWork


def run(args: argparse.Namespace) -> int:
    if args.action == "register":
        if not args.name:
            return fail("`mdm source register` needs a NAME")
        if args.trust is not None and not 0 <= args.trust <= 1:
            return fail(f"--trust must be between 0 and 1, not {args.trust}")
    runtime = open_runtime(load_settings())
    with runtime.unit_of_work() as uow:
        if args.action == "register":
            uow.systems.register(
                args.name, kind=args.kind, acquired=args.acquired, trust=args.trust
            )
            if args.config:
                for line in connect_config(uow, args.name, Path(args.config)):
                    say(line)
        rows = [
            (s.name, s.kind, s.trust.get("*", 1.0), _status(s)) for s in uow.systems.all_systems()
        ]
    for name, kind, trust, status in rows:
        say(f"{name:24} {kind:6} trust {trust:.2f}{status}")
    return 0


def _status(system: systems.SourceSystem) -> str:
    if not systems.is_registered(system):
        return "  unregistered (mdm source register)"
    return "  acquired" if system.settings.get("acquired") else ""


def connect_config(uow: UnitOfWork, name: str, path: Path) -> list[str]:
    """Validate the connector configuration and subscribe the system to its entities."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path.name, [ConfigProblem("(file)", f"cannot read it ({exc})")]) from None
    config = load_config(path.name, text)
    return connect(uow, name, config, datetime.now(UTC))
