"""Every ``mdm`` command runs a function its module holds, and the command line answers
``--help`` without loading what the commands use (the matcher, the database layer)."""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from mdm.cli.commands import Command, Handler, build_parser
from tests.fresh_interpreter import run_fresh

if TYPE_CHECKING:
    from fastapi import FastAPI

    from mdm.runtime import Runtime


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = (), run: Command | None = None
) -> Iterator[tuple[tuple[str, ...], Command | None]]:
    """Every leaf command of ``parser`` (one that holds no sub-commands), with its words and
    what it runs (its own default, else the nearest command above it that sets one)."""
    run = parser.get_default("run") or run
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield path, run
    for group in groups:
        for name, child in group.choices.items():
            yield from _commands(child, (*path, name), run)


def _app(runtime: Runtime) -> FastAPI:
    raise AssertionError("no command is run here")


COMMANDS = sorted(_commands(build_parser(_app)), key=lambda c: c[0])


def test_every_command_is_listed() -> None:
    words = {c[0][0] for c in COMMANDS}
    assert {"ingest", "match", "serve", "onboard", "sync", "learn", "key", "rekey"} <= words
    assert len(COMMANDS) >= 25


@pytest.mark.parametrize(("words", "run"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_a_command_runs_a_function_of_its_module(
    words: tuple[str, ...], run: Command | None
) -> None:
    assert isinstance(run, Handler), words
    command = run.function()
    assert command.__module__ == f"mdm.cli.{run.module}"
    assert inspect.isfunction(command)
    assert list(inspect.signature(command).parameters) == ["args"]


def test_help_loads_neither_the_matcher_nor_the_database_layer() -> None:
    code = "from hub.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    heavy = ("numpy", "pandas", "sqlalchemy", "psycopg", "fastapi", "celery", "matching.engine")
    shown, loaded = run_fresh(code, heavy)
    assert "usage: mdm" in shown
    assert loaded == []


def test_a_command_needing_no_database_loads_no_database_layer() -> None:
    code = "from hub.cli import main\nmain(['fields', 'customer'])\n"
    shown, loaded = run_fresh(code, ("numpy", "pandas", "sqlalchemy", "psycopg", "celery"))
    assert "source_id" in shown
    assert loaded == []
