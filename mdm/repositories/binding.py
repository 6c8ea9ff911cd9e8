"""A repository is a set of the repository modules' functions bound to one session: written
once as ``find = bound(users.find)``, called as ``uow.users.find(name)``, typed as the function
without its session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from sqlalchemy.orm import Session

P = ParamSpec("P")
R = TypeVar("R")


class Repository:
    """Functions of the repository modules, bound to the session of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session


class bound(Generic[P, R]):  # lower case: read as a declaration, `find = bound(users.find)`
    """A repository function taking the session first, as a method of a :class:`Repository`."""

    def __init__(self, function: Callable[Concatenate[Session, P], R]) -> None:
        self.function = function

    @overload
    def __get__(self, owner: None, kind: type) -> bound[P, R]: ...

    @overload
    def __get__(self, owner: Repository, kind: type) -> Callable[P, R]: ...

    def __get__(self, owner: Repository | None, kind: type) -> Any:
        if owner is None:
            return self
        function, session = self.function, owner.session

        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            return function(session, *args, **kwargs)

        return call
