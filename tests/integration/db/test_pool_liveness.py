"""The pool hands out live connections without a round trip on every checkout: a connection
the server ended (a restart, ``pg_terminate_backend``) is replaced before anyone uses it, one
used moments ago is not pinged, and one idle for longer than the engine's limit is."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from mdm.db.engine import make_engine


@pytest.fixture
def admin(engine: Engine) -> Iterator[Engine]:
    """A second connection's view of the server (the conftest engine)."""
    yield engine


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
    pooled = make_engine(migrated_url, pool_size=1)
    try:
        first = _backend_pid(pooled)
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": first})
            conn.commit()
        _wait_gone(admin, first)  # the signal is handled asynchronously by the backend
        with pooled.connect() as conn:  # no error: the dead connection never reaches the caller
            again = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
        assert again != first
    finally:
        pooled.dispose()


def test_a_connection_used_moments_ago_is_handed_out_without_a_ping(
    migrated_url: str, admin: Engine
) -> None:
    pooled = make_engine(migrated_url, pool_size=1)
    try:
        pid = _backend_pid(pooled)
        with pooled.connect() as conn:
            assert _last_statement(admin, pid) != "SELECT 1"
            conn.execute(text("SELECT 'in use'"))
        assert _backend_pid(pooled) == pid
    finally:
        pooled.dispose()


def test_a_connection_idle_past_the_limit_is_pinged_first(migrated_url: str, admin: Engine) -> None:
    pooled = make_engine(migrated_url, pool_size=1, ping_idle_after=0.0)
    try:
        pid = _backend_pid(pooled)
        with pooled.connect():
            assert _last_statement(admin, pid) == "SELECT 1"
    finally:
        pooled.dispose()
