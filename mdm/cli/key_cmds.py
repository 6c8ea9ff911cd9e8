"""``mdm key create|list|revoke``: the API keys of the systems that call the hub."""

from __future__ import annotations

import argparse

from mdm.auth.api_keys import (
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
