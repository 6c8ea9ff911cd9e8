"""``mdm user add|password``: local accounts of the stewardship UI. The password is asked at a
terminal (twice) or read as the first line of standard input; never from the command line,
where the process list would show it."""

from __future__ import annotations

import argparse
import getpass
import sys

from mdm.auth.users import InvalidUserError, add_user, set_password
from mdm.cli.output import fail, say
from mdm.domain.errors import ConflictError
from mdm.runtime import open_runtime
from mdm.settings import load_settings


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
