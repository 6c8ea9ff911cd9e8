"""Everything a process needs to work: settings, a migrated database and units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from mdm import logs
from mdm.db import migrate
from mdm.db.engine import database_url, ensure_database, make_engine, make_session_factory
from mdm.settings import Settings
from mdm.unit_of_work import Context, UnitOfWork, unit_of_work


@dataclass(frozen=True)
class Runtime:
    context: Context  # settings, survivorship rules, parsed models: shared by its units of work
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        with unit_of_work(self.sessions, self.context) as uow:
            yield uow

    def with_settings(self, settings: Settings) -> Runtime:
        """The same database and rules, working with other settings."""
        return replace(self, context=replace(self.context, settings=settings))

    def close(self) -> None:
        self.engine.dispose()


def open_runtime(settings: Settings, *, migrate_schema: bool = True) -> Runtime:
    """Connect (starting the embedded server when no URL is set) and bring the schema to head;
    a bad survivorship rules file stops it here, with the reason."""
    logs.configure(settings.log_level, settings.log_format)
    context = Context.of(settings)
    url = database_url(settings)
    ensure_database(url)
    engine = make_engine(url)
    if migrate_schema:
        migrate.upgrade(engine)
    return Runtime(context=context, engine=engine, sessions=make_session_factory(engine))
