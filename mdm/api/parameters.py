"""Query parameters a route does not declare are refused (422), so that a misspelt ``limt=5``
is told, not silently ignored."""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from mdm.domain.issues import FieldIssue
from mdm.resolve.lookup import InvalidRecordError


class UnknownParameterError(InvalidRecordError):
    """A query parameter the route does not take."""


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


_DECLARED: dict[int, frozenset[str]] = {}  # by id(route): routes live as long as the app


def _declared(route: APIRoute) -> frozenset[str]:
    found = _DECLARED.get(id(route))
    if found is None:
        found = _DECLARED[id(route)] = frozenset(_query_names(route.dependant))
    return found


async def known_query(request: Request) -> None:  # no I/O: not worth a thread
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    unknown = sorted(set(request.query_params) - _declared(route))
    if unknown:
        allowed = ", ".join(sorted(_declared(route))) or "none"
        raise UnknownParameterError(
            tuple(FieldIssue(name, f"not a parameter of this route (it takes: {allowed})")
                  for name in unknown)
        )  # fmt: skip
