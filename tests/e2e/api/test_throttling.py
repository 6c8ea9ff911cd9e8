"""Throttling per key (429 with Retry-After and RateLimit headers), in this process and in
Redis (shared by every API process), and the request timeout (503)."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from fastapi import Depends
from fastapi.testclient import TestClient
from sqlalchemy import text

from hub.app import create_app
from mdm.api.dependencies import uow_dependency
from mdm.api.throttle import LocalBuckets, RedisBuckets
from mdm.runtime import Runtime
from mdm.settings import Settings
from mdm.unit_of_work import UnitOfWork
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime

REDIS_URL = os.environ.get("MDM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_api_throttle") as rt:
        yield rt


def with_settings(runtime: Runtime, **changes: object) -> Runtime:
    settings = Settings(**{**runtime.settings.model_dump(), **changes})
    return runtime.with_settings(settings)


def _burst(client: TestClient, token: str, count: int) -> list[int]:
    return [client.get("/v1/events", headers=bearer(token)).status_code for _ in range(count)]


def _within_a_second(attempt: Callable[[], tuple[int, ...]]) -> tuple[int, ...]:
    """What ``attempt`` saw, from one run that took under 0.9 s (a slower one lets the bucket
    of a key at 1 request/s refill, so it proves nothing and is run again with a fresh key)."""
    for _ in range(5):
        started = time.monotonic()
        seen = attempt()
        if time.monotonic() - started < 0.9:
            return seen
    raise AssertionError("five attempts each took over 0.9 s: the machine is too loaded")


def test_a_key_over_its_rate_gets_429_with_retry_after(runtime: Runtime) -> None:
    with TestClient(create_app(with_settings(runtime, redis_url=None))) as client:
        _one_a_second(runtime, client)  # leaving the block writes the calls' audit rows


def _one_a_second(runtime: Runtime, client: TestClient) -> None:
    answers: list[Any] = []

    def attempt() -> tuple[int, ...]:
        token = issue_key(runtime, "read", rate=1)  # one request a second
        answers[:] = [client.get("/v1/events", headers=bearer(token)) for _ in range(2)]
        return tuple(a.status_code for a in answers)

    assert _within_a_second(attempt) == (200, 429)
    first, refused = answers
    assert first.headers["RateLimit-Limit"] == "1" and first.headers["RateLimit-Remaining"] == "0"
    assert first.headers["RateLimit-Policy"] == "1;w=1"
    assert refused.json()["error"]["code"] == "too_many_requests"
    assert refused.headers["Retry-After"] == "1" and refused.headers["RateLimit-Remaining"] == "0"
    other = issue_key(runtime, "read", rate=1)  # another key has its own bucket
    assert _burst(client, other, 1) == [200]


def test_throttling_in_redis_is_shared_by_every_api_process(runtime: Runtime) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # Redis runs on the test machines: fail loudly when it does not
    settings = with_settings(runtime, redis_url=REDIS_URL)
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:

        def attempt() -> tuple[int, ...]:
            token = issue_key(runtime, "read", rate=1)
            answers = (c.get("/v1/events", headers=bearer(token)) for c in (one, two))
            return tuple(a.status_code for a in answers)

        assert _within_a_second(attempt) == (200, 429)  # the second app saw the first's token
    assert any(k.startswith(b"mdm:rate:key:") for k in client.scan_iter("mdm:rate:*"))


def test_the_buckets_refill_at_the_rate() -> None:
    for buckets in (LocalBuckets(), RedisBuckets(REDIS_URL, prefix=f"mdm:test:{uuid.uuid4()}:")):
        taken = [buckets.take("burst", 3).allowed for _ in range(3)]
        assert taken == [True] * 3  # a full bucket holds one second of the rate
        assert buckets.take("slow", 1).allowed and buckets.take("other", 1).allowed
        late = buckets.take("slow", 1)
        assert not late.allowed and 0 < late.retry_after <= 1
        assert late.headers()["Retry-After"] == "1"
        time.sleep(1.05)
        assert buckets.take("slow", 1).allowed


def test_database_work_past_the_request_timeout_is_503(runtime: Runtime) -> None:
    app = create_app(with_settings(runtime, request_timeout_seconds=0.2))

    @app.get("/v1/test-only/slow")
    def slow(uow: UnitOfWork = Depends(uow_dependency)) -> dict[str, str]:
        uow.session.execute(text("SELECT pg_sleep(30)"))
        return {"done": "yes"}

    with TestClient(app, raise_server_exceptions=False) as client:
        started = time.monotonic()
        response = client.get("/v1/test-only/slow")
    # cut off long before pg_sleep(30) would end, with room left for a loaded machine
    assert time.monotonic() - started < 15
    assert response.status_code == 503 and response.json()["error"]["code"] == "request_timeout"
    assert response.headers["Retry-After"] == "1"
