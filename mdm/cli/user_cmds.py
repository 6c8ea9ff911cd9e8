"""``mdm user add|password``: local accounts of the stewardship UI. The password is asked at a
terminal (twice) or read as the first line of standard input; never from the command line,
where the process list would show it."""

from __future__ import annotations

import argparse
import getpass
import sys

from mdm.auth.users import ROLES, InvalidUserError, add_user, set_password
from mdm.cli.output import fail, say
from mdm.domain.errors import ConflictError
from mdm.runtime import open_runtime
from mdm.settings import load_settings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("user", help="accounts of the stewardship UI")
    actions = p.add_subparsers(dest="action", required=True)
    add = actions.add_parser(
        "add", help="create a local account (password from the terminal or standard input)"
    )
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.set_defaults(run=add_command)
    change = actions.add_parser(
        "password", help="set a new password; every session of the account ends"
    )
    change.add_argument("name")
    change.set_defaults(run=password_command)


def read_password() -> str | None:
    """Asked twice at a terminal (``None`` when the two differ); else the first stdin line."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("password again: "):
        return None
    return first


def add_command(args: argparse.Namespace) -> int:
    password = read_password()
    if password is None:
        return fail("the two passwords differ: no user added")
    runtime = open_runtime(load_settings())
    try:
        with runtime.unit_of_work() as uow:
            user = add_user(uow, args.name, args.role, password)
    except (InvalidUserError, ConflictError) as exc:
        return fail(str(exc))
    finally:
        runtime.close()
    say(f"user {user.name} added with role {user.role}")
    return 0


def password_command(args: argparse.Namespace) -> int:
    password = read_password()
    if password is None:
        return fail("the two passwords differ: the password is unchanged")
    runtime = open_runtime(load_settings())
    try:
        with runtime.unit_of_work() as uow:
            ended = set_password(uow, args.name, password)
    except InvalidUserError as exc:
        return fail(str(exc))
    finally:
        runtime.close()
    say(f"password of {args.name} changed; {ended} session(s) ended")
    return 0
