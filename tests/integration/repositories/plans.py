"""The plan PostgreSQL makes of the statement a repository function sends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session


def plan_of(session: Session, call: Callable[[], Any]) -> str:
    """The plan of the last statement ``call`` sends, with the parameters it sent."""
    sent: list[tuple[str, Any]] = []

    def capture(*args: Any) -> None:
        sent.append((args[2], args[3]))  # (conn, cursor, statement, parameters, ...)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    statement, parameters = sent[-1]
    cursor = session.connection().connection.cursor()
    cursor.execute(f"EXPLAIN {statement}", parameters)
    return "\n".join(str(row[0]) for row in cursor.fetchall())
