"""Engines and sessions: the only place that turns settings into a database connection."""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from mdm.settings import Settings


def database_url(settings: Settings) -> str:
    """The SQLAlchemy URL for the configured server, starting the embedded one if needed."""
    if settings.database_url:
        return normalise_url(settings.database_url)
    from mdm.db.embedded import start_embedded

    return start_embedded(settings.home)


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use the psycopg 3 driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def ensure_database(url: str) -> None:
    """Create the target database when the server does not have it yet."""
    target = make_url(url)
    name = target.database
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar()
            if not exists:
                _create_database(conn, str(name))
    finally:
        admin.dispose()


def _create_database(conn: Connection, name: str) -> None:
    """CREATE DATABASE, taking a concurrent creation of the same name as success."""
    try:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    except DBAPIError:
        query = text("SELECT 1 FROM pg_database WHERE datname = :n")
        if not conn.execute(query, {"n": name}).scalar():
            raise


# A pooled connection back in the pool for longer than this is pinged before it is used again.
PING_IDLE_AFTER_SECONDS = 30.0


def make_engine(
    url: str, *, pool_size: int = 10, ping_idle_after: float = PING_IDLE_AFTER_SECONDS
) -> Engine:
    engine = create_engine(url, pool_size=pool_size, max_overflow=20)
    event.listen(engine, "checkin", _note_idle_since)
    event.listen(engine, "checkout", _liveness_check(ping_idle_after))
    return engine


def _note_idle_since(dbapi_connection: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _liveness_check(ping_idle_after: float) -> Callable[[Any, Any, Any], None]:
    """A pooled connection is handed out alive, or replaced by a new one (raising
    ``DisconnectionError`` makes the pool reconnect). Instead of a round trip on every checkout
    (SQLAlchemy's pre-ping), one back in the pool for less than ``ping_idle_after`` seconds
    with nothing waiting on its socket is taken as alive: a server that ends the session (a
    restart, ``pg_terminate_backend``) says so and closes the socket, which makes it readable,
    and nothing else is sent to an idle connection of this pool. Any other is pinged, as
    before; one just opened is not."""

    def check(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        if dbapi_connection.closed:
            raise DisconnectionError("the connection is closed")
        idle_since = record.info.get("idle_since")
        if idle_since is None:
            return
        recent = time.monotonic() - idle_since < ping_idle_after
        if recent and not _readable(dbapi_connection.fileno()):
            return
        _ping(dbapi_connection)

    return check


def _readable(descriptor: int) -> bool:
    poll = select.poll()
    poll.register(descriptor, select.POLLIN)
    return bool(poll.poll(0))


def _ping(dbapi_connection: Any) -> None:
    """One round trip outside any transaction; a dead connection raises DisconnectionError."""
    try:
        dbapi_connection.autocommit = True
        try:
            dbapi_connection.execute("SELECT 1")
        finally:
            dbapi_connection.autocommit = False
    except psycopg.Error as dead:
        raise DisconnectionError(f"the connection is dead: {dead}") from dead


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    sessions = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
    event.listen(sessions, "after_begin", _apply_limit)
    return sessions


def ping(session: Session) -> None:
    """One round trip: the database answers."""
    session.execute(text("SELECT 1"))


_LIMIT = "statement_limit_ms"  # in Session.info: the statement timeout of its transactions
# In a pooled connection's info (which lives as long as its DBAPI connection): the timeout set
# on the connection itself, in ms; absent, the server's own.
_CONNECTION_LIMIT = "statement_timeout_ms"


def limit_statements(session: Session, seconds: float) -> None:
    """Cut off the statements of this session's transactions after ``seconds`` (PostgreSQL
    cancels them): the one under way at once, each later one as it begins (so a unit of work
    can be limited before its first statement without waiting on the database for it)."""
    session.info[_LIMIT] = max(1, int(seconds * 1000))
    if session.in_transaction():
        _apply_limit(session, None, session.connection())


def _apply_limit(session: Session, _transaction: Any, connection: Connection) -> None:
    """The session's limit on the transaction it begins. A transaction of its own (nothing sent
    on the connection yet) gets it from the connection: set there once, outside any
    transaction (so no rollback undoes it), and kept while every session that takes the
    connection asks for the same; a session asking for none puts the server's own back.
    A session joining a transaction already open limits it alone, with ``SET LOCAL``."""
    ms = session.info.get(_LIMIT)
    dbapi_connection = connection.connection.driver_connection
    if dbapi_connection is None:
        return
    if dbapi_connection.info.transaction_status != TransactionStatus.IDLE:
        if ms is not None:  # an int of ours, so written into the statement (no parameters)
            connection.exec_driver_sql(f"SET LOCAL statement_timeout = {int(ms)}")
        return
    if connection.info.get(_CONNECTION_LIMIT) == ms:
        return
    statement = "RESET statement_timeout" if ms is None else f"SET statement_timeout = {int(ms)}"
    autocommit = dbapi_connection.autocommit  # True when the session reads outside transactions
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute(statement)
    finally:
        dbapi_connection.autocommit = autocommit
    connection.info[_CONNECTION_LIMIT] = ms


def read_outside_transactions(session: Session) -> None:
    """Run this session's statements each in a snapshot of its own, with no transaction around
    them: a statement is one round trip instead of three (BEGIN, the statement, COMMIT). Only
    for work that writes nothing and needs no two of its reads to agree; it must be asked for
    before the session's first statement, and afterwards changes nothing (the transaction
    under way stays)."""
    if not session.in_transaction():
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        session.info[_OUTSIDE] = True


_OUTSIDE = "outside_transactions"  # in Session.info: read_outside_transactions took effect


def ends_without_waiting(session: Session) -> bool:
    """Whether ending the session (commit and close) sends nothing to the server: it holds no
    transaction there (it never began one, or reads outside transactions) and has nothing to
    flush."""
    if session.new or session.dirty or session.deleted:
        return False
    return not session.in_transaction() or bool(session.info.get(_OUTSIDE))
