"""What a route is given by the request: the runtime and the request's one unit of work (the
key check reads the caller's key in it too)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from mdm.runtime import Runtime
from mdm.unit_of_work import UnitOfWork


def runtime_dependency(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def uow_dependency(request: Request) -> AsyncIterator[UnitOfWork]:
    """The request's unit of work; its database work is cut off after the request timeout.
    Opening it waits on nothing (its session connects at its first statement, in the thread
    that runs it), so it opens here on the event loop rather than costing a trip through the
    thread pool; ending it (commit, or rollback when the route raised) waits on the database,
    so that runs in the thread pool, shielded from the request's cancellation, unless it waits
    on nothing either (a unit of work that read outside transactions, or never read)."""
    runtime: Runtime = request.app.state.runtime
    work = runtime.unit_of_work()
    uow = work.__enter__()
    uow.limit_statements(runtime.settings.request_timeout_seconds)
    try:
        yield uow
    except BaseException as error:
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(work.__exit__, type(error), error, error.__traceback__)
        raise
    if uow.ends_without_waiting():  # nothing to commit on the server (a lookup's reads)
        work.__exit__(None, None, None)
        return
    with anyio.CancelScope(shield=True):
        await run_in_threadpool(work.__exit__, None, None, None)


# How routes and the key check take the request's unit of work: ended (committed) before the
# answer is sent, so a commit that fails answers an error instead of a success already sent,
# and background tasks (a resolution request) run after the commit. One scope for every user,
# so a request has one unit of work.
REQUEST_UOW = Depends(uow_dependency, scope="function")
