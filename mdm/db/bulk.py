"""Bulk writes through PostgreSQL COPY: the ingest and resolution paths use these, not INSERTs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
from sqlalchemy import text
from sqlalchemy.orm import Session


def raw_connection(session: Session) -> psycopg.Connection[Any]:
    """The psycopg connection under the session's current transaction."""
    dbapi = session.connection().connection.driver_connection
    assert isinstance(dbapi, psycopg.Connection)
    return dbapi


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def copy_rows(
    session: Session, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """COPY ``rows`` into ``table`` within the session's transaction; returns the row count."""
    conn = raw_connection(session)
    count = 0
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with conn.cursor() as cur, cur.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def allocate_ids(session: Session, table: str, count: int) -> list[int]:
    """Reserve ``count`` ids from the table's identity sequence in one round trip."""
    if count == 0:
        return []
    seq = session.execute(
        text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}
    ).scalar_one()
    result = session.execute(
        text("SELECT nextval(:s) FROM generate_series(1, :n)"), {"s": seq, "n": count}
    )
    return [r[0] for r in result]
