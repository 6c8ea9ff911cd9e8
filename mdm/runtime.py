"""Everything a process needs to work: settings, a migrated database and a session factory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mdm import logs
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
    logs.configure(settings.log_level, settings.log_format)
    survivorship.configure(settings.survivorship_rules)
    url = database_url(settings)
    ensure_database(url)
    engine = make_engine(url)
    if migrate_schema:
        migrate.upgrade(engine)
    return Runtime(settings=settings, engine=engine, sessions=make_session_factory(engine))
