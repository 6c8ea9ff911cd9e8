"""`mdm user add NAME --role ROLE [--password P]` makes an account the UI accepts."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mdm.auth.users import authenticate, list_users
from mdm.runtime import open_runtime
from mdm.settings import Settings
from tests.e2e.conftest import Cli


def test_user_add_then_sign_in(cli: Cli) -> None:
    added = cli("user", "add", "sam", "--role", "steward", stdin="long enough\n")
    assert added.returncode == 0, added.stderr
    assert "user sam added with role steward" in added.stdout
    again = cli("user", "add", "sam", "--role", "viewer", stdin="long enough\n")
    assert again.returncode == 2 and "exists already" in again.stderr
    short = cli("user", "add", "tim", "--role", "viewer", stdin="short\n")
    assert short.returncode == 2 and "at least 8" in short.stderr
    runtime = open_runtime(Settings(database_url=cli.env["MDM_DATABASE_URL"]))
    try:
        with runtime.unit_of_work() as uow:
            user = authenticate(uow, "sam", "long enough")
            assert user is not None and user.role == "steward" and user.can_decide
            assert authenticate(uow, "sam", "wrong password") is None
            assert [u.name for u in list_users(uow)] == ["sam"]
            stored = uow.session.execute(text("SELECT password_hash FROM app_user")).scalar_one()
            assert stored.startswith("$argon2id$")
    finally:
        runtime.close()


def test_user_add_refuses_an_unknown_role(cli: Cli) -> None:
    answer = cli("user", "add", "sam", "--role", "owner", stdin="long enough\n")
    assert answer.returncode == 2 and "invalid choice" in answer.stderr


def test_the_password_is_asked_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    from mdm.cli import user_cmds

    monkeypatch.setattr(user_cmds.sys.stdin, "isatty", lambda: True)
    answers = iter(["first try", "second try"])
    monkeypatch.setattr(user_cmds.getpass, "getpass", lambda prompt: next(answers))
    assert user_cmds.read_password() is None
    answers = iter(["same words", "same words"])
    assert user_cmds.read_password() == "same words"


def test_the_password_never_comes_from_the_command_line(cli: Cli) -> None:
    answer = cli("user", "add", "sam", "--role", "viewer", "--password", "long enough")
    assert answer.returncode == 2 and "unrecognized arguments" in answer.stderr


def test_a_password_change_from_stdin(cli: Cli) -> None:
    cli("user", "add", "sam", "--role", "viewer", stdin="long enough\n", check=True)
    changed = cli("user", "password", "sam", stdin="another long one\n")
    assert changed.returncode == 0 and "0 session(s) ended" in changed.stdout
    runtime = open_runtime(Settings(database_url=cli.env["MDM_DATABASE_URL"]))
    try:
        with runtime.unit_of_work() as uow:
            assert authenticate(uow, "sam", "another long one") is not None
            assert authenticate(uow, "sam", "long enough") is None
    finally:
        runtime.close()
