"""``mdm``: the hub's command line (README: Command line). Exit status 0 = clean, 1 = rows rejected,
2 = refused, 75 = the database went away (run it again), 128 + N = stopped by signal N."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence

import psycopg
import sqlalchemy.exc

from connectors.config import ConfigError
from mdm import logs
from mdm.cli import (
    data_cmds,
    field_cmds,
    key_cmds,
    learn_cmds,
    onboard_cmds,
    ops_cmds,
    rekey_cmds,
    source_cmds,
    stopping,
    sync_cmds,
    user_cmds,
)
from mdm.cli.output import fail
from mdm.domain.entities import ENTITY_NAMES, UnknownEntityError
from mdm.domain.field_guide import fields_of
from mdm.ingest.errors import ExtractError
from mdm.survivorship.rules import RulesError
from mdm.tasks.dispatch import BrokerUnreachable


def _entity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--entity", required=True, choices=ENTITY_NAMES)


_MARK = {"": "", "yes": "*"}


def _canonical_fields_text() -> str:
    """The header names an extract may use, per entity (`mdm fields ENTITY` explains each)."""
    lines = [
        "canonical fields (an extract's header; * required, + at least one of these;",
        "mdm fields ENTITY explains each):",
    ]
    for entity in ENTITY_NAMES:
        names = [d.name + _MARK.get(d.required, "+") for d in fields_of(entity)]
        lines.append(
            textwrap.fill(
                ", ".join(names), 96, initial_indent=f"  {entity}: ", subsequent_indent="    "
            )
        )
    return "\n".join(lines)


def _ingest_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        help="load a CSV or Excel (.xlsx) extract of one source system",
        epilog=_canonical_fields_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file")
    p.add_argument("--source", required=True, help="source system name, e.g. acme_crm")
    _entity(p)
    p.add_argument(
        "--mapping",
        help="YAML mapping of the file's columns to canonical fields (list them: mdm fields ENTITY)",
    )
    p.add_argument("--full", action="store_true", help="a full extract: absent records are deleted")
    p.add_argument(
        "--match", action="store_true", help="then resolve (on a worker when a broker is set)"
    )
    p.set_defaults(run=data_cmds.ingest)


def _export_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="write cross-references or golden records")
    p.add_argument("what", choices=("xref", "golden"))
    _entity(p)
    p.add_argument("--output", help="file to write (default: standard output)")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.set_defaults(run=data_cmds.export)


def _quarantine_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("quarantine", help="rows that failed validation")
    p.add_argument("action", choices=("list", "export", "discard"))
    p.add_argument("ids", nargs="*", type=int, help="quarantine ids (for discard)")
    p.add_argument("--source")
    p.add_argument("--entity", choices=ENTITY_NAMES)
    p.add_argument("--all", action="store_true", help="include fixed and discarded rows")
    p.add_argument("--output", help="CSV to write the rejected rows to, to fix and re-ingest")
    p.set_defaults(run=data_cmds.quarantine)


def _serve_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], app: ops_cmds.AppFactory
) -> None:
    p = sub.add_parser("serve", help="serve the API and the stewardship UI")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(run=ops_cmds.serve, app=app)


def _ops_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("match", help="resolve everything pending for an entity")
    _entity(p)
    p.add_argument(
        "--bulk", action="store_true", help="every record afresh, not only around the pending ones"
    )
    p.add_argument(
        "--distribute", action="store_true",
        help="split a bulk run into blocks for the workers (`mdm worker`, needs MDM_BROKER_URL)",
    )  # fmt: skip
    p.add_argument("--blocks", type=int, default=4, help="blocks a distributed run is split into")
    p.set_defaults(run=data_cmds.match)
    p = sub.add_parser("worker", help="run a Celery worker (needs MDM_BROKER_URL)")
    p.add_argument("--concurrency", type=int, default=2, help="worker processes (default 2)")
    p.set_defaults(run=ops_cmds.worker)
    p = sub.add_parser("migrate", help="bring the database schema to the latest revision")
    p.set_defaults(run=ops_cmds.migrate)
    p = sub.add_parser("demo", help="the demo data set")
    p.add_argument("action", choices=("load", "generate"))
    p.add_argument("--out", default="demo-data", help="folder for `demo generate`")
    p.add_argument("--force", action="store_true", help="load even if already loaded")
    p.set_defaults(run=ops_cmds.demo)
    p = sub.add_parser("db", help="the embedded PostgreSQL server")
    p.add_argument("action", choices=("stop", "url"))
    p.set_defaults(run=ops_cmds.db)


def build_parser(app: ops_cmds.AppFactory | None = None) -> argparse.ArgumentParser:
    """The commands; ``serve`` among them when given the ``app`` to serve (the composition
    root, :mod:`hub.cli`, gives it: the hub does not know the stewardship UI)."""
    parser = argparse.ArgumentParser(prog="mdm", description="Master data management hub")
    sub = parser.add_subparsers(dest="command", required=True)
    _ingest_parser(sub)
    _export_parser(sub)
    _quarantine_parser(sub)
    _ops_parsers(sub)
    learn_cmds.add_parser(sub)
    if app is not None:
        _serve_parser(sub, app)
    user_cmds.add_parser(sub)
    source_cmds.add_parser(sub)
    field_cmds.add_parser(sub)
    key_cmds.add_parser(sub)
    onboard_cmds.add_parser(sub)
    sync_cmds.add_parsers(sub)
    rekey_cmds.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, app: ops_cmds.AppFactory | None = None) -> int:
    args = build_parser(app).parse_args(argv)
    stopping.stop_on_signals()
    logs.start_run()
    try:
        return int(args.run(args))
    except (ExtractError, UnknownEntityError, RulesError, ConfigError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt as stop:
        return stopping.exit_status(stop)
    except BrokenPipeError:
        return stopping.quiet_stdout()
    except (sqlalchemy.exc.OperationalError, psycopg.OperationalError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return fail(
            f"lost the database ({reason}): nothing of this command was committed unless it "
            "said so; run it again (every command is safe to repeat)",
            stopping.EXIT_TEMPFAIL,
        )
    except BrokerUnreachable as exc:
        return fail(
            f"the broker is unreachable ({exc}): nothing was queued; run it again once it is back",
            stopping.EXIT_TEMPFAIL,
        )
