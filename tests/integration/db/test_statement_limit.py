"""``limit_statements`` cuts off a session's statements whether it is called before the first
statement (the request's unit of work is limited before it has touched the database) or in the
middle of a transaction, and the limit holds for later transactions of the same session. The
limit is kept on the pooled connection between transactions (set once, not per transaction):
a rollback does not undo it, and it does not follow the connection to a session that asked
for none or for another."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from mdm.db.engine import limit_statements, make_engine, make_session_factory


@pytest.fixture
def sessions(migrated_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on a pool of one connection: each takes the one the last gave back."""
    engine = make_engine(migrated_url, pool_size=1)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def fresh_session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as session:
        yield session


def _timeout(session: Session) -> str:
    return str(session.execute(text("SHOW statement_timeout")).scalar_one())


def test_a_limit_set_before_the_first_statement_holds_from_it_on(fresh_session: Session) -> None:
    limit_statements(fresh_session, 0.2)
    assert not fresh_session.in_transaction()  # setting it waited on nothing
    assert _timeout(fresh_session) == "200ms"
    with pytest.raises(OperationalError, match="statement timeout"):
        fresh_session.execute(text("SELECT pg_sleep(2)"))


def test_a_limit_set_mid_transaction_holds_at_once_and_in_the_next(fresh_session: Session) -> None:
    assert _timeout(fresh_session) == "0"
    limit_statements(fresh_session, 1.5)
    assert _timeout(fresh_session) == "1500ms"
    fresh_session.commit()
    assert _timeout(fresh_session) == "1500ms"


def test_a_rollback_keeps_the_limit_for_the_next_transaction(fresh_session: Session) -> None:
    limit_statements(fresh_session, 0.2)
    assert _timeout(fresh_session) == "200ms"
    fresh_session.rollback()
    assert _timeout(fresh_session) == "200ms"
    fresh_session.rollback()
    with pytest.raises(OperationalError, match="statement timeout"):
        fresh_session.execute(text("SELECT pg_sleep(2)"))


def test_the_limit_stays_with_its_session_not_the_pooled_connection(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as limited:
        limit_statements(limited, 0.2)
        pid = limited.execute(text("SELECT pg_backend_pid()")).scalar_one()
        limited.commit()
    with sessions() as other:
        assert other.execute(text("SELECT pg_backend_pid()")).scalar_one() == pid
        assert _timeout(other) == "0"
        other.rollback()
        limit_statements(other, 1.5)
        assert _timeout(other) == "1500ms"
        other.commit()
    with sessions() as unlimited:
        assert _timeout(unlimited) == "0"
