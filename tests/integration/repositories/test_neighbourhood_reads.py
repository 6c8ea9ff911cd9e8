"""An incremental run reads the links and the pairs held apart among its neighbourhood's
records (``stored_links``, ``stored_apart``): a list of 100,000 ids and more after a large
load. Each is read as a semi-join on the list's elements, not compared with every element of
the list row by row (``= ANY``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from mdm.unit_of_work import UnitOfWork

NEIGHBOURHOOD = list(range(1, 100_001))


def plan_of(session: Session, read: Callable[[], Any]) -> str:
    """The plan of the last statement ``read`` sends, with the parameters it sent."""
    sent: list[tuple[str, Any]] = []

    def capture(*args: Any) -> None:
        sent.append((args[2], args[3]))  # (conn, cursor, statement, parameters, ...)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", capture)
    try:
        read()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    statement, parameters = sent[-1]
    cursor = session.connection().connection.cursor()
    cursor.execute(f"EXPLAIN {statement}", parameters)
    return "\n".join(str(row[0]) for row in cursor.fetchall())


@pytest.mark.parametrize("read", ["stored_links", "stored_apart"])
def test_a_large_neighbourhood_is_read_as_a_semi_join(
    session: Session, uow: UnitOfWork, read: str
) -> None:
    """The links among the records (``stored_links``) and the pairs held apart among them
    (``stored_apart``) alike."""
    plan = plan_of(session, lambda: getattr(uow.matches, read)("customer", NEIGHBOURHOOD))
    assert "ANY (" not in plan
    assert "unnest" in plan
