"""The command line's shape: every ``mdm`` command, its arguments and the function that runs
it (README: Command line). A command's function lives in its module (``data_cmds``,
``ops_cmds``, ...) and is imported only when that command runs, so ``mdm --help`` and a
mistyped argument answer at once, without loading the matcher or the database layer."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from mdm.auth.api_keys import DEFAULT_RATE, SCOPES
from mdm.auth.users import ROLES
from mdm.domain.entities import ENTITY_NAMES
from mdm.domain.field_guide import fields_of
from mdm.domain.source_systems import ACQUIRED_TRUST, KINDS, OTHER_KIND, UNREGISTERED_TRUST

if TYPE_CHECKING:
    from mdm.cli.ops_cmds import AppFactory

Command = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Handler:
    """The function ``name`` of ``mdm.cli.<module>``: a command, imported when it runs."""

    module: str
    name: str

    def function(self) -> Command:
        command: Command = getattr(import_module(f"mdm.cli.{self.module}"), self.name)
        return command

    def __call__(self, args: argparse.Namespace) -> int:
        return self.function()(args)


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
    p.set_defaults(run=Handler("data_cmds", "ingest"))


def _export_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="write cross-references or golden records")
    p.add_argument("what", choices=("xref", "golden"))
    _entity(p)
    p.add_argument("--output", help="file to write (default: standard output)")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.set_defaults(run=Handler("data_cmds", "export"))


def _quarantine_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("quarantine", help="rows that failed validation")
    p.add_argument("action", choices=("list", "export", "discard"))
    p.add_argument("ids", nargs="*", type=int, help="quarantine ids (for discard)")
    p.add_argument("--source")
    p.add_argument("--entity", choices=ENTITY_NAMES)
    p.add_argument("--all", action="store_true", help="include fixed and discarded rows")
    p.add_argument("--output", help="CSV to write the rejected rows to, to fix and re-ingest")
    p.set_defaults(run=Handler("data_cmds", "quarantine"))


def _serve_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], app: AppFactory
) -> None:
    p = sub.add_parser("serve", help="serve the API and the stewardship UI")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.set_defaults(run=Handler("ops_cmds", "serve"), app=app)


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
    p.set_defaults(run=Handler("data_cmds", "match"))
    p = sub.add_parser("worker", help="run a Celery worker (needs MDM_BROKER_URL)")
    p.add_argument("--concurrency", type=int, default=2, help="worker processes (default 2)")
    p.set_defaults(run=Handler("ops_cmds", "worker"))
    p = sub.add_parser("migrate", help="bring the database schema to the latest revision")
    p.set_defaults(run=Handler("ops_cmds", "migrate"))
    p = sub.add_parser("demo", help="the demo data set")
    p.add_argument("action", choices=("load", "generate"))
    p.add_argument("--out", default="demo-data", help="folder for `demo generate`")
    p.add_argument("--force", action="store_true", help="load even if already loaded")
    p.set_defaults(run=Handler("ops_cmds", "demo"))
    p = sub.add_parser("db", help="the embedded PostgreSQL server")
    p.add_argument("action", choices=("stop", "url"))
    p.set_defaults(run=Handler("ops_cmds", "db"))


def _learn_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "learn",
        help="re-estimate an entity's matching model from stewards' decisions",
        description=(
            "Every merge and 'not a match' a steward decided is a labelled pair: the model's "
            "m and thresholds are re-estimated from them and stored as its next version; "
            "the decisions themselves stay as they are (a merge stays merged, a 'not a "
            "match' stays apart). Records matched from now on are scored with the new version; "
            "`mdm match --entity E --bulk` scores every pair again with it."
        ),
    )
    p.add_argument("--entity", required=True, choices=ENTITY_NAMES)
    p.set_defaults(run=Handler("learn_cmds", "learn_command"))


def _user_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("user", help="accounts of the stewardship UI")
    actions = p.add_subparsers(dest="action", required=True)
    add = actions.add_parser(
        "add", help="create a local account (password from the terminal or standard input)"
    )
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.set_defaults(run=Handler("user_cmds", "add_command"))
    change = actions.add_parser(
        "password", help="set a new password; every session of the account ends"
    )
    change.add_argument("name")
    change.set_defaults(run=Handler("user_cmds", "password_command"))


def _source_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("source", help="register or list source systems")
    p.add_argument("action", choices=("register", "list"))
    p.add_argument("name", nargs="?", help="system name, e.g. beta_crm")
    p.add_argument(
        "--kind", choices=(*KINDS, OTHER_KIND), help="what the system is (survivorship ranks kinds)"
    )
    p.add_argument("--acquired", action="store_true", help="came with an acquisition (lower trust)")
    p.add_argument(
        "--trust",
        type=float,
        help=f"survivorship trust, 0..1 (default 1, acquired {ACQUIRED_TRUST}; "
        f"unregistered systems have {UNREGISTERED_TRUST})",
    )
    p.add_argument("--config", help="YAML connector configuration (README: Syndication)")
    p.set_defaults(run=Handler("source_cmds", "run"))


def _fields_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "fields", help="the canonical fields of an entity, their meaning and an example"
    )
    p.add_argument("entity", choices=ENTITY_NAMES)
    p.set_defaults(run=Handler("field_cmds", "run"))


def _key_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("key", help="API keys of calling systems")
    actions = p.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="make a key; it is printed once, as the last line")
    create.add_argument("name")
    create.add_argument("--system", required=True, help="the system the key belongs to")
    create.add_argument("--scopes", required=True, help=f"comma-separated: {','.join(SCOPES)}")
    create.add_argument("--rate", type=int, default=DEFAULT_RATE, help="requests per second")
    create.set_defaults(run=Handler("key_cmds", "create_command"))
    actions.add_parser("list", help="every key (never the secret)").set_defaults(
        run=Handler("key_cmds", "list_command")
    )
    revoke = actions.add_parser("revoke", help="stop a key working at once")
    revoke.add_argument("name")
    revoke.set_defaults(run=Handler("key_cmds", "revoke_command"))


def _extract_step(
    steps: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str
) -> argparse.ArgumentParser:
    """An onboarding step that reads one extract of an entity."""
    p = steps.add_parser(name, help=help)
    p.add_argument("file", help="CSV or Excel (.xlsx) extract")
    p.add_argument("--entity", required=True, choices=ENTITY_NAMES)
    return p


def _onboard_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("onboard", help="onboard an acquired system's extracts")
    steps = p.add_subparsers(dest="step", required=True)
    s = _extract_step(steps, "suggest", "suggest a mapping from the headers and the values")
    s.add_argument("--output", required=True, help="the mapping to write (YAML, for --mapping)")
    s.set_defaults(run=Handler("onboard_cmds", "suggest"))
    p = _extract_step(steps, "profile", "completeness, validity, values and duplicates per field")
    p.add_argument("--mapping", help="YAML mapping (default: the suggested one)")
    p.add_argument(
        "--source", help="the system the extract comes from: its earlier extracts' date orders"
    )
    p.add_argument("--report", help="write the profile: FILE.html for people, else JSON")
    p.set_defaults(run=Handler("onboard_cmds", "profile"))
    d = _extract_step(
        steps, "dry-run", "validate and match against the golden records, keep nothing"
    )
    d.add_argument("--mapping", help="YAML mapping (default: the suggested one)")
    d.add_argument("--source", required=True, help="the system the extract comes from")
    d.add_argument("--report", required=True, help="the JSON report to write")
    d.set_defaults(run=Handler("onboard_cmds", "dry_run_cmd"))
    o = steps.add_parser("outcome", help="what the latest load did, counted as a dry run counts")
    o.add_argument("--source", required=True)
    o.add_argument("--entity", required=True, choices=ENTITY_NAMES)
    o.add_argument("--report", help="the JSON report to write")
    o.set_defaults(run=Handler("onboard_cmds", "outcome_cmd"))


def _sync_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sync", help="deliver golden records to connected systems")
    actions = p.add_subparsers(dest="action", required=True)
    run = actions.add_parser("run", help="deliver everything pending, exit when caught up")
    run.add_argument("--system", help="only this system")
    run.add_argument(
        "--queue", action="store_true", help="leave the delivery to a worker (needs a broker)"
    )
    actions.add_parser("status", help="pending, failing and dead deliveries per system")
    replay = actions.add_parser("replay", help="deliver again what changed since a time")
    replay.add_argument("name")
    replay.add_argument(
        "--from", dest="since", required=True, help="ISO time, e.g. 2026-01-31T00:00Z"
    )
    dead = actions.add_parser("dead", help="dead letters")
    dead.add_argument("what", choices=("list", "retry"))
    dead.add_argument("--system")
    for action in ("pause", "resume"):
        q = actions.add_parser(action, help=f"{action} deliveries to a system")
        q.add_argument("name")
    p.set_defaults(run=Handler("sync_cmds", "sync"))
    pull = sub.add_parser("pull", help="read a connected system's changes since its cursor")
    pull.add_argument("name")
    pull.add_argument("--entity", required=True, choices=ENTITY_NAMES)
    pull.set_defaults(run=Handler("sync_cmds", "pull_command"))


def _rekey_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rekey", help="add COL_golden_id beside source keys in a transactional file")
    p.add_argument("file", help="CSV or Excel (.xlsx) file naming the source system's keys")
    p.add_argument("--source", required=True, help="the system whose keys the file names")
    p.add_argument(
        "--column", action="append", required=True, metavar="COL=ENTITY",
        help="a column of keys and the entity they name (repeatable)",
    )  # fmt: skip
    p.add_argument("--output", required=True, help="the CSV to write")
    p.set_defaults(run=Handler("rekey_cmds", "run"))


def build_parser(app: AppFactory | None = None) -> argparse.ArgumentParser:
    """The commands; ``serve`` among them when given the ``app`` to serve (the composition
    root, :mod:`hub.cli`, gives it: the hub does not know the stewardship UI)."""
    parser = argparse.ArgumentParser(prog="mdm", description="Master data management hub")
    sub = parser.add_subparsers(dest="command", required=True)
    _ingest_parser(sub)
    _export_parser(sub)
    _quarantine_parser(sub)
    _ops_parsers(sub)
    _learn_parser(sub)
    if app is not None:
        _serve_parser(sub, app)
    _user_parser(sub)
    _source_parser(sub)
    _fields_parser(sub)
    _key_parser(sub)
    _onboard_parser(sub)
    _sync_parsers(sub)
    _rekey_parser(sub)
    return parser
