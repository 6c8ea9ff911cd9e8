"""Test databases: a fresh, migrated database per test process on the configured server
(``MDM_DATABASE_URL``, as on CI) or, without one, on an embedded server; each test runs in a
transaction that is rolled back."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from mdm.db import migrate
from mdm.db.engine import database_url, ensure_database, make_engine, normalise_url
from mdm.runtime import Runtime, open_runtime
from mdm.settings import Settings
from mdm.unit_of_work import Context, UnitOfWork

ROOT = Path(__file__).resolve().parents[1]


def server_url() -> str:
    """The server the tests use: MDM_DATABASE_URL, else an embedded one under .mdm-test/."""
    configured = os.environ.get("MDM_DATABASE_URL")
    if configured:
        return normalise_url(configured)
    return database_url(Settings(database_url=None, home=ROOT / ".mdm-test"))


def fresh_database_url(prefix: str = "mdm_test") -> str:
    url = make_url(server_url()).set(database=f"{prefix}_{uuid.uuid4().hex[:10]}")
    rendered = url.render_as_string(hide_password=False)
    ensure_database(rendered)
    return rendered


def drop_database(url: str) -> None:
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated_url() -> Iterator[str]:
    url = fresh_database_url()
    engine = make_engine(url, pool_size=2)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def engine(migrated_url: str) -> Iterator[Engine]:
    eng = make_engine(migrated_url, pool_size=4)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test."""
    connection = engine.connect()
    outer = connection.begin()
    db = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield db
    finally:
        db.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def uow(session: Session) -> UnitOfWork:
    """A unit of work on the test's rolled-back session, with the default settings and rules."""
    return UnitOfWork(session, Context.of(Settings()))


@contextmanager
def committed_runtime(prefix: str, **settings: Any) -> Iterator[Runtime]:
    """A migrated database of its own whose transactions really commit (feeds, workers,
    concurrency and served-app tests need committed data), with the settings the environment
    gives (``MDM_*``) but ``settings``; dropped afterwards."""
    url = fresh_database_url(prefix)
    runtime = open_runtime(Settings(database_url=url, **settings))
    try:
        yield runtime
    finally:
        runtime.close()
        drop_database(url)
