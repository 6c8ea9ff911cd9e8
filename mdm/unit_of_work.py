"""One unit of work per HTTP request, Celery task or CLI command: it owns the transaction
(committed when the work ends normally, rolled back when it raises: the hub's one commit site),
carries what the work is configured with (settings, survivorship rules, the parsed-model cache)
and gives the repositories, one per aggregate, bound to its session. Services take a unit of
work, never a session, and never commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from mdm.db import engine
from mdm.repositories.aggregates import (
    ApiKeys,
    Events,
    GoldenRecords,
    Matches,
    MatchWork,
    Models,
    Quarantine,
    Reports,
    SourceRecords,
    Systems,
    Users,
)
from mdm.repositories.match_models import ModelCache
from mdm.settings import Settings
from mdm.survivorship.rules import RuleSet, load_rules


@dataclass(frozen=True)
class Context:
    """What every unit of work of one runtime shares: read once when the runtime opens."""

    settings: Settings
    rules: RuleSet
    models: ModelCache = field(default_factory=ModelCache)

    @classmethod
    def of(cls, settings: Settings) -> Context:
        """The settings with the survivorship rules they name (a bad file stops here)."""
        return cls(settings, load_rules(settings.survivorship_rules))


class UnitOfWork:
    """One transaction and the repositories working in it."""

    def __init__(self, session: Session, context: Context) -> None:
        self.session = session  # the repositories' (services use them, never the session)
        self.context = context
        self.sources = SourceRecords(session)
        self.quarantine = Quarantine(session)
        self.golden = GoldenRecords(session)
        self.matches = Matches(session)
        self.work = MatchWork(session)
        self.models = Models(session, context.models)
        self.events = Events(session)
        self.users = Users(session)
        self.systems = Systems(session)
        self.api_keys = ApiKeys(session)
        self.reports = Reports(session)

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def rules(self) -> RuleSet:
        return self.context.rules

    def limit_statements(self, seconds: float) -> None:
        """Cut off this unit of work's statements after ``seconds`` (from its first statement
        on, when none has run yet: this waits on nothing)."""
        engine.limit_statements(self.session, seconds)

    def read_outside_transactions(self) -> None:
        """Read without a transaction (one round trip per read, no BEGIN and COMMIT): for work
        that writes nothing and reads what it needs in one statement; only before the unit of
        work's first statement (``mdm.db.engine.read_outside_transactions``)."""
        engine.read_outside_transactions(self.session)

    def ends_without_waiting(self) -> bool:
        """Whether ending this unit of work waits on nothing (no transaction is open on the
        server, nothing is left to flush): it can end where waiting would block others."""
        return engine.ends_without_waiting(self.session)

    def ping(self) -> None:
        """One round trip: the database answers."""
        engine.ping(self.session)

    def flush(self) -> None:
        self.session.flush()

    def rollback(self) -> None:
        """Drop everything done so far in this unit of work (a dry run keeps nothing)."""
        self.session.rollback()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Work that is always undone: everything inside is rolled back when the block ends,
        the rest of the unit of work stays."""
        nested = self.session.begin_nested()
        try:
            yield
        finally:
            nested.rollback()


@contextmanager
def unit_of_work(sessions: sessionmaker[Session], context: Context) -> Iterator[UnitOfWork]:
    """A unit of work on a new session: commit when the block ends normally, roll back when
    it raises. A unit of work that leaves nothing to commit (it read outside transactions, or
    never read) is only closed: its commit would send nothing, and costs a lookup's answer
    the ORM's transaction bookkeeping all the same."""
    session = sessions()
    try:
        yield UnitOfWork(session, context)
        if not engine.ends_without_waiting(session):
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


UnitsOfWork = Callable[[], AbstractContextManager[UnitOfWork]]
"""Where work that commits step by step (the feed relay, deliveries, metrics scrapes) opens
its units of work: ``runtime.unit_of_work``."""
