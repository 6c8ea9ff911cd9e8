"""The pool hands out live connections without a round trip on every checkout: a connection
the server ended (a restart, ``pg_terminate_backend``) is replaced before anyone uses it, one
used moments ago is not pinged, and one idle for longer than the engine's limit is."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, text

from mdm.db.engine import make_engine


@pytest.fixture
def admin(engine: Engine) -> Iterator[Engine]:
    """A second connection's view of the server (the conftest engine)."""
    yield engine


@contextmanager
def pool_of_one(url: str, **options: float) -> Iterator[Engine]:
    """An engine with a pool of one connection, disposed afterwards."""
    pooled = make_engine(url, pool_size=1, **options)
    try:
        yield pooled
    finally:
        pooled.dispose()


def _backend_pid(pooled: Engine) -> int:
    with pooled.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _last_statement(admin: Engine, pid: int) -> str:
    with admin.connect() as conn:
        query = text("SELECT query FROM pg_stat_activity WHERE pid = :p")
        return str(conn.execute(query, {"p": pid}).scalar_one())


def _wait_gone(admin: Engine, pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with admin.connect() as conn:
            query = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p")
            if not conn.execute(query, {"p": pid}).scalar_one():
                return
        time.sleep(0.02)
    raise AssertionError(f"backend {pid} did not end")


def test_a_connection_the_server_ended_is_replaced_before_it_is_used(
    migrated_url: str, admin: Engine
) -> None:
    with pool_of_one(migrated_url) as pooled:
        first = _backend_pid(pooled)
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": first})
            conn.commit()
        _wait_gone(admin, first)  # the signal is handled asynchronously by the backend
        with pooled.connect() as conn:  # no error: the dead connection never reaches the caller
            again = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
        assert again != first


def test_a_connection_used_moments_ago_is_handed_out_without_a_ping(
    migrated_url: str, admin: Engine
) -> None:
    with pool_of_one(migrated_url) as pooled:
        pid = _backend_pid(pooled)
        with pooled.connect() as conn:
            assert _last_statement(admin, pid) != "SELECT 1"
            conn.execute(text("SELECT 'in use'"))
        assert _backend_pid(pooled) == pid


def test_a_connection_idle_past_the_limit_is_pinged_first(migrated_url: str, admin: Engine) -> None:
    with pool_of_one(migrated_url, ping_idle_after=0.0) as pooled:
        pid = _backend_pid(pooled)
        with pooled.connect():
            assert _last_statement(admin, pid) == "SELECT 1"
