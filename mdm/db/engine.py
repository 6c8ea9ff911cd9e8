"""Engines and sessions: the only place that turns settings into a database connection."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
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


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    return create_engine(url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


def ping(session: Session) -> None:
    """One round trip: the database answers."""
    session.execute(text("SELECT 1"))


def limit_statements(session: Session, seconds: float) -> None:
    """Cut off this transaction's statements after ``seconds`` (PostgreSQL cancels them)."""
    session.execute(
        text("SELECT set_config('statement_timeout', :ms, true)"),
        {"ms": str(max(1, int(seconds * 1000)))},
    )
