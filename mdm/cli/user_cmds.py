"""``mdm user add``: local accounts for the stewardship UI."""

from __future__ import annotations

import argparse
import getpass

from mdm.auth.users import ROLES, InvalidUserError, add_user
from mdm.cli.output import fail, say
from mdm.domain.errors import ConflictError
from mdm.runtime import open_runtime
from mdm.settings import load_settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("user", help="accounts of the stewardship UI")
    actions = p.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create a local account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password", help="the password (asked twice when not given)")
    add.set_defaults(run=add_command)


def read_password() -> str | None:
    first = getpass.getpass("password: ")
    if first != getpass.getpass("password again: "):
        return None
    return first


def add_command(args: argparse.Namespace) -> int:
    password = args.password if args.password is not None else read_password()
    if password is None:
        return fail("the two passwords differ: no user added")
    runtime = open_runtime(load_settings())
    try:
        with runtime.unit_of_work() as session:
            user = add_user(session, args.name, args.role, password)
    except (InvalidUserError, ConflictError) as exc:
        return fail(str(exc))
    finally:
        runtime.close()
    say(f"user {user.name} added with role {user.role}")
    return 0
