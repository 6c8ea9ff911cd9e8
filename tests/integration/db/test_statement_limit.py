"""``limit_statements`` cuts off a session's statements whether it is called before the first
statement (the request's unit of work is limited before it has touched the database) or in the
middle of a transaction, and the limit holds for later transactions of the same session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from mdm.db.engine import limit_statements, make_engine, make_session_factory


@pytest.fixture
def fresh_session(migrated_url: str) -> Iterator[Session]:
    engine = make_engine(migrated_url, pool_size=1)
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


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
