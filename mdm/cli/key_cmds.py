"""``mdm key create|list|revoke``: the API keys of the systems that call the hub."""

from __future__ import annotations

import argparse

from mdm.auth.api_keys import (
    DEFAULT_RATE,
    SCOPES,
    InvalidKeyError,
    check_new,
    new_key,
    parse_scopes,
)
from mdm.cli.output import fail, say, warn
from mdm.domain.errors import ConflictError, NotFoundError
from mdm.repositories import systems
from mdm.runtime import open_runtime
from mdm.settings import load_settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("key", help="API keys of calling systems")
    actions = p.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="make a key; it is printed once, as the last line")
    create.add_argument("name")
    create.add_argument("--system", required=True, help="the system the key belongs to")
    create.add_argument("--scopes", required=True, help=f"comma-separated: {','.join(SCOPES)}")
    create.add_argument("--rate", type=int, default=DEFAULT_RATE, help="requests per second")
    create.set_defaults(run=create_command)
    actions.add_parser("list", help="every key (never the secret)").set_defaults(run=list_command)
    revoke = actions.add_parser("revoke", help="stop a key working at once")
    revoke.add_argument("name")
    revoke.set_defaults(run=revoke_command)


def create_command(args: argparse.Namespace) -> int:
    try:
        scopes = parse_scopes(args.scopes)
        check_new(args.name, args.system, args.rate)
    except InvalidKeyError as exc:
        return fail(str(exc))
    made = new_key()
    runtime = open_runtime(load_settings())
    try:
        with runtime.unit_of_work() as uow:
            registered = systems.is_registered(uow.systems.get_or_register(args.system))
            uow.api_keys.insert(args.name, args.system, scopes, args.rate, made)
    except ConflictError as exc:
        return fail(str(exc))
    finally:
        runtime.close()
    if not registered:
        warn(
            f"{args.system} is not a registered system: its writes rank last in survivorship "
            f"until `{systems.REGISTER_HINT.format(name=args.system)}`"
        )
    say(f"key {args.name} for {args.system}: scopes {','.join(scopes)}, {args.rate} requests/s")
    say("the key is shown this once; send it as `Authorization: Bearer KEY`:")
    say(made.token)
    return 0


def list_command(args: argparse.Namespace) -> int:
    runtime = open_runtime(load_settings())
    try:
        with runtime.unit_of_work() as uow:
            rows = uow.api_keys.listing()
    finally:
        runtime.close()
    for row in rows:
        state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
        last = f"{row.last_call:%Y-%m-%d %H:%M:%S}" if row.last_call else "never"
        scopes = ",".join(s for s in SCOPES if s in row.key.scopes)
        say(
            f"{row.key.name:24} {row.key.system:16} {scopes:22} {row.key.rate:>5}/s "
            f"{state:24} last call {last}"
        )
    return 0


def revoke_command(args: argparse.Namespace) -> int:
    settings = load_settings()
    runtime = open_runtime(settings)
    try:
        with runtime.unit_of_work() as uow:
            uow.api_keys.revoke(args.name)
    except NotFoundError as exc:
        return fail(str(exc))
    finally:
        runtime.close()
    trust = settings.api_key_cache_seconds  # as this environment sets it for API processes
    say(f"key {args.name} revoked: API processes refuse it within {trust:g} s")
    return 0
