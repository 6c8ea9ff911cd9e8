"""``read_outside_transactions``: each statement of the session runs in a snapshot of its own
(no BEGIN and COMMIT around it), still under the session's statement limit; asked for once a
transaction is under way it changes nothing; the pooled connection goes back to transactions
for the next session. Ending such a session waits on nothing, as does ending one that never
read; ending one with a transaction open on the server does. A unit of work reading outside
transactions ends without a commit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from mdm.db.engine import (
    ends_without_waiting,
    limit_statements,
    make_engine,
    make_session_factory,
    read_outside_transactions,
)
from mdm.settings import Settings
from mdm.unit_of_work import Context, unit_of_work

# Two statements in one transaction share its start time; outside one, each has its own.
SAME_TRANSACTION = "SELECT now() = statement_timestamp()"


@pytest.fixture
def sessions(migrated_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on a pool of one connection: each takes the one the last gave back."""
    engine = make_engine(migrated_url, pool_size=1)
    yield make_session_factory(engine)
    engine.dispose()


def _in_transaction(session: Session) -> bool:
    session.execute(text("SELECT pg_sleep(0.01)"))
    return not bool(session.execute(text(SAME_TRANSACTION)).scalar_one())


def test_each_read_has_a_snapshot_of_its_own(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        read_outside_transactions(session)
        assert not _in_transaction(session)
        status = session.execute(text("SELECT pg_current_xact_id_if_assigned()")).scalar()
        assert status is None


def test_the_statement_limit_holds_outside_transactions(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        limit_statements(session, 0.2)
        read_outside_transactions(session)
        assert not _in_transaction(session)
        with pytest.raises(OperationalError, match="statement timeout"):
            session.execute(text("SELECT pg_sleep(2)"))


def test_asked_for_mid_transaction_it_changes_nothing(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        session.execute(text("SELECT 1"))
        read_outside_transactions(session)
        assert _in_transaction(session)


def test_the_next_session_on_the_connection_has_transactions(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as reader:
        read_outside_transactions(reader)
        pid = reader.execute(text("SELECT pg_backend_pid()")).scalar_one()
        reader.commit()
    with sessions() as other:
        assert other.execute(text("SELECT pg_backend_pid()")).scalar_one() == pid
        assert _in_transaction(other)


def test_which_sessions_end_without_waiting(sessions: sessionmaker[Session]) -> None:
    with sessions() as untouched:
        assert ends_without_waiting(untouched)
    with sessions() as reader:
        read_outside_transactions(reader)
        reader.execute(text("SELECT 1"))
        assert ends_without_waiting(reader)
    with sessions() as transacting:
        transacting.execute(text("SELECT 1"))
        assert not ends_without_waiting(transacting)
        read_outside_transactions(transacting)  # too late: the transaction stays
        assert not ends_without_waiting(transacting)


def test_a_unit_of_work_reading_outside_transactions_ends_without_a_commit(
    sessions: sessionmaker[Session],
) -> None:
    context = Context.of(Settings(database_url="postgresql://unused@127.0.0.1:1/none"))
    committed: list[Session] = []
    with unit_of_work(sessions, context) as uow:
        event.listen(uow.session, "after_commit", committed.append)
        uow.read_outside_transactions()
        pid = uow.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    assert committed == []
    with sessions() as other:  # the one connection went back to the pool, for transactions
        assert other.execute(text("SELECT pg_backend_pid()")).scalar_one() == pid
        assert _in_transaction(other)
