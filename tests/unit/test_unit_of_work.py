"""The unit of work: the one place that commits or rolls back, and repositories that reach every
repository function with the unit of work's session."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from typing import Any

import pytest

from mdm.repositories import aggregates
from mdm.repositories.binding import Repository, bound
from mdm.settings import Settings
from mdm.unit_of_work import Context, UnitOfWork, unit_of_work

ROOT = Path(__file__).resolve().parents[2]
CALLS = re.compile(r"\b(\w+)\.(\w+)\(self\.session\b")


class FakeSession:
    """A session holding a transaction (``transacting``) or none, with nothing to flush."""

    new = dirty = deleted = ()

    def __init__(self, *, transacting: bool = True) -> None:
        self.done: list[str] = []
        self.transacting = transacting
        self.info: dict[str, object] = {}

    def in_transaction(self) -> bool:
        return self.transacting

    def commit(self) -> None:
        self.done.append("commit")

    def rollback(self) -> None:
        self.done.append("rollback")

    def close(self) -> None:
        self.done.append("close")


def _context() -> Context:
    return Context.of(Settings(database_url="postgresql://unused@127.0.0.1:1/none"))


def test_a_unit_of_work_commits_when_its_work_ends_and_closes_its_session() -> None:
    session = FakeSession()
    with unit_of_work(lambda: session, _context()) as uow:  # type: ignore[arg-type]
        assert uow.session is session
        assert session.done == []
    assert session.done == ["commit", "close"]


def test_a_unit_of_work_that_left_nothing_to_commit_is_only_closed() -> None:
    session = FakeSession(transacting=False)  # never read, or read outside transactions
    with unit_of_work(lambda: session, _context()):  # type: ignore[arg-type]
        pass
    assert session.done == ["close"]


def test_a_unit_of_work_rolls_back_what_raised_and_commits_nothing() -> None:
    session = FakeSession()
    with pytest.raises(KeyError), unit_of_work(lambda: session, _context()):  # type: ignore[arg-type]
        raise KeyError("failed half way")
    assert session.done == ["rollback", "close"]


def test_a_unit_of_work_carries_the_settings_and_rules_it_was_opened_with() -> None:
    settings = Settings(database_url="postgresql://unused@127.0.0.1:1/none", hours_per_day=7.5)
    uow = UnitOfWork(FakeSession(), Context.of(settings))  # type: ignore[arg-type]
    assert uow.settings.hours_per_day == 7.5
    assert uow.rules.for_entity("customer") is not None


def test_a_bound_function_gets_the_repositorys_session_first() -> None:
    calls: list[tuple[Any, ...]] = []

    def find(session: Any, name: str, *, limit: int = 3) -> str:
        calls.append((session, name, limit))
        return name

    class Things(Repository):
        named = bound(find)

    session = FakeSession()
    assert Things(session).named("acme", limit=1) == "acme"  # type: ignore[arg-type]
    assert calls == [(session, "acme", 1)]


def _session_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and node.args.args
        and node.args.args[0].arg == "session"
    }


def _bound_functions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for _, repository in inspect.getmembers(aggregates, inspect.isclass):
        if not issubclass(repository, Repository) or repository is Repository:
            continue
        for name, member in vars(repository).items():
            if isinstance(member, bound):
                function = member.function
                key = f"{function.__module__.rsplit('.', 1)[1]}.{function.__name__}"
                found.setdefault(key, []).append(f"{repository.__name__}.{name}")
            elif inspect.isfunction(
                member
            ):  # a method written out (it passes more than the session)
                for module, function in CALLS.findall(inspect.getsource(member)):
                    found.setdefault(f"{module}.{function}", []).append(
                        f"{repository.__name__}.{name}"
                    )
    return found


def test_every_repository_function_is_reached_through_exactly_one_repository() -> None:
    bound_ = _bound_functions()
    missing, twice = [], []
    for path in sorted((ROOT / "mdm" / "repositories").glob("*.py")):
        for name in sorted(_session_functions(path)):
            places = bound_.get(f"{path.stem}.{name}", [])
            if not places:
                missing.append(f"{path.stem}.{name}")
            elif len(places) > 1:
                twice.append(f"{path.stem}.{name}: {places}")
    assert not missing, f"repository functions no unit of work reaches: {missing}"
    assert not twice, f"bound in several repositories: {twice}"


def test_every_repository_of_the_unit_of_work_is_an_attribute_of_it() -> None:
    uow = UnitOfWork(FakeSession(), _context())  # type: ignore[arg-type]
    given = {type(v) for v in vars(uow).values() if isinstance(v, Repository)}
    declared = {
        c
        for _, c in inspect.getmembers(aggregates, inspect.isclass)
        if issubclass(c, Repository) and c is not Repository
    }
    assert given == declared
