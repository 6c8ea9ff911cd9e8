"""The audit writes answered calls in batches from one writer: each call is written within
the interval without anyone asking, the calls of an interval in one transaction, and the app's
shutdown writes those still waiting."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from hub.app import create_app
from mdm.api.call_audit import CallAudit
from mdm.repositories import api_keys
from mdm.runtime import Runtime
from mdm.unit_of_work import UnitOfWork
from tests.api_keys import bearer, in_process, issue_key
from tests.conftest import committed_runtime


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_call_audit") as rt:
        yield rt


def _call(request_id: str) -> api_keys.Call:
    return api_keys.Call(datetime.now(UTC), None, "GET", "/v1/events", 200, 1.5, request_id, None)


def _written(runtime: Runtime, request_ids: set[str]) -> set[str]:
    with runtime.unit_of_work() as uow:
        return {c.request_id for c in api_keys.calls(uow.session, limit=1000)} & request_ids


def test_calls_are_written_within_the_interval_unasked(runtime: Runtime) -> None:
    audit = CallAudit(runtime.unit_of_work, 30.0, every=0.05)
    ids = {uuid.uuid4().hex for _ in range(3)}
    for request_id in ids:
        audit.record(_call(request_id))
    deadline = time.monotonic() + 5
    while _written(runtime, ids) != ids and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _written(runtime, ids) == ids
    audit.close()


def test_closing_writes_the_calls_still_waiting(runtime: Runtime) -> None:
    audit = CallAudit(runtime.unit_of_work, 30.0, every=60)
    ids = {uuid.uuid4().hex for _ in range(3)}
    for request_id in ids:
        audit.record(_call(request_id))
    assert _written(runtime, ids) == set()  # waiting for the interval
    audit.close()
    assert _written(runtime, ids) == ids


def test_the_writer_works_under_the_requests_statement_limit(runtime: Runtime) -> None:
    """So that a connection a request limited keeps its limit, rather than being reset by the
    writer and set again by the next request."""
    limits: list[str] = []

    @contextmanager
    def watched() -> Iterator[UnitOfWork]:
        with runtime.unit_of_work() as uow:
            yield uow
            limits.append(uow.session.execute(text("SHOW statement_timeout")).scalar_one())

    audit = CallAudit(watched, 1.5, every=60)
    audit.record(_call(uuid.uuid4().hex))
    audit.close()
    assert limits == ["1500ms"]


def test_the_apps_shutdown_writes_its_answered_calls(runtime: Runtime) -> None:
    token = issue_key(runtime, "read")
    with TestClient(create_app(in_process(runtime))) as client:
        answered = client.get("/v1/events", headers=bearer(token)).headers["X-Request-ID"]
    assert _written(runtime, {answered}) == {answered}
