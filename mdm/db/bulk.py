"""Bulk writes through PostgreSQL COPY: the ingest and resolution paths use these, not INSERTs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import orjson
import psycopg
from sqlalchemy import text
from sqlalchemy.orm import Session

COPY_BATCH = 2_000  # pre-built lines joined per write: few calls, bounded memory
INLINE_ROWS = 1_000  # up to this many rows travel inside the statement (a real-time write's)
_LONG_DIGITS = re.compile(rb"[0-9]{19}")  # 19 digits may pass 2**63: orjson reads them otherwise
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# orjson writes what json.dumps(ensure_ascii=False, separators=(",", ":"), default=str) writes
# for the hub's values (text, numbers, lists, dicts; Decimal, dates and the rest through str),
# several times faster; the content hashes of raw rows depend on it staying byte-identical.
_OPTIONS = (
    orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)
_SORTED = _OPTIONS | orjson.OPT_SORT_KEYS


def raw_connection(session: Session) -> psycopg.Connection[Any]:
    """The psycopg connection under the session's current transaction."""
    dbapi = session.connection().connection.driver_connection
    assert isinstance(dbapi, psycopg.Connection)
    return dbapi


def as_json(value: Any) -> str:
    return orjson.dumps(value, default=str, option=_OPTIONS).decode()


def from_json(data: str | bytes) -> Any:
    """What ``json.loads(data)`` reads, several times faster: orjson, except for a document
    it would read otherwise. orjson reads an integer beyond 64 bits as a float and refuses
    numbers beyond a double and lone surrogates, so a document holding a run of 19 digits or
    more (anywhere: conservative) or one orjson refuses is read by ``json.loads``."""
    if _LONG_DIGITS.search(data.encode() if isinstance(data, str) else data):
        return json.loads(data)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def as_sorted_json(value: Any) -> str:
    """:func:`as_json` with object keys in sorted order (a stable form to hash)."""
    return sorted_json_bytes(value).decode()


def sorted_json_bytes(value: Any) -> bytes:
    """:func:`as_sorted_json` as its UTF-8 bytes, for hashing without decoding it first."""
    return orjson.dumps(value, default=str, option=_SORTED)


def copy_field(value: str) -> str:
    """``value`` escaped for one field of COPY's text format (backslash, tab, newline, CR)."""
    return value.translate(_ESCAPES) if _needs_escape(value) else value


def _needs_escape(value: str) -> bool:
    return "\\" in value or "\t" in value or "\n" in value or "\r" in value


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON documents (jsonb does not keep key order)."""
    return as_sorted_json(a) == as_sorted_json(b)


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


def copy_lines(
    session: Session, table: str, columns: Sequence[str], lines: Iterable[str],
    *, overlapped: bool = False, frozen: bool = False,
) -> int:  # fmt: skip
    """COPY pre-built text-format lines (fields escaped with :func:`copy_field`, ``\\n`` ended).

    Much cheaper than :func:`copy_rows` when the caller already holds the fields as text.
    ``overlapped``: a thread sends the lines while ``lines`` computes the next ones, so the
    server stores them meanwhile (for lines that cost as much to make as to store; up to
    psycopg's queue, 128 MB, may wait in memory).
    ``frozen``: the rows are written frozen and their pages marked all-visible (``FREEZE``:
    only into a table created in the same transaction), so that index-only scans read no heap
    page for them and no vacuum has to visit them first.
    """
    conn = raw_connection(session)
    count = 0
    batch: list[str] = []
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN" + (
        " WITH (FREEZE)" if frozen else ""
    )
    with conn.cursor() as cur, cur.copy(statement, writer=_writer(cur, overlapped)) as copy:
        for line in lines:
            batch.append(line)
            if len(batch) >= COPY_BATCH:
                copy.write("".join(batch))
                count += len(batch)
                batch.clear()
        if batch:
            copy.write("".join(batch))
            count += len(batch)
    return count


def _writer(cursor: psycopg.Cursor[Any], overlapped: bool) -> psycopg.copy.Writer | None:
    return psycopg.copy.QueuedLibpqWriter(cursor) if overlapped else None


def allocate_ids(session: Session, table: str, count: int) -> list[int]:
    """Reserve ``count`` ids from the table's identity sequence in one round trip (the
    sequence is looked up once, not for every id)."""
    if count == 0:
        return []
    with raw_connection(session).cursor() as cur:
        cur.execute(
            "WITH s AS MATERIALIZED (SELECT CAST(pg_get_serial_sequence(%s, 'id') AS regclass) "
            "AS seq) SELECT nextval(s.seq) FROM s CROSS JOIN generate_series(1, %s)",
            (table, count),
        )
        return [r[0] for r in cur.fetchall()]


@contextmanager
def server_settings(session: Session, values: Mapping[str, str]) -> Iterator[None]:
    """The server's run-time ``values`` (``{"jit": "off"}``) for the statements of the block
    only: set as ``SET LOCAL`` would, then put back as they were (a block that raises leaves
    them to the transaction's rollback)."""
    read = text("SELECT current_setting(:name)")
    before = {name: session.execute(read, {"name": name}).scalar_one() for name in values}
    change = text("SELECT set_config(:name, :value, true)")
    for name, value in values.items():
        session.execute(change, {"name": name, "value": value})
    yield
    for name, value in before.items():
        session.execute(change, {"name": name, "value": value})


def lz4_settings(session: Session) -> dict[str, str]:
    """The run-time setting that compresses values with lz4 (for :func:`server_settings`)
    where the server has it; none where it does not (a build without lz4, the embedded one,
    keeps pglz)."""
    found = session.execute(
        text(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
    ).scalar()
    return {"default_toast_compression": "lz4"} if found else {}


@contextmanager
def staged(
    session: Session, table: str, ddl: str, rows: Iterable[Sequence[Any]] | None = None,
    *, lines: Iterable[str] | None = None, analyze: bool | Sequence[str] = False,
    lz4: bool = False,
) -> Iterator[None]:  # fmt: skip
    """A temporary table ``table`` (columns ``ddl``, e.g. ``"id uuid, a jsonb"``) holding
    ``rows`` (or pre-built COPY ``lines``) for the statements of the block, dropped after it
    (:func:`execute_staged` stages this way the sets too large to send inline).

    ``analyze``: the table ANALYZEd once it is filled (the planner counts its rows); a list
    of column names ANALYZEs only those (JSON columns that no plan reads cost most of an
    ANALYZE's time).

    ``lz4``: its values compressed with lz4 where the server has it (:func:`lz4_settings`).
    PostgreSQL copies a compressed value from one table to another as it is, so a large
    JSON value staged here is stored compressed as it was staged: with pglz, the default,
    unless the staging compresses it with lz4, several times faster."""
    session.execute(text(f"CREATE TEMP TABLE {table} ({ddl}) ON COMMIT DROP"))
    columns = [column.split()[0] for column in ddl.split(",")]
    with server_settings(session, lz4_settings(session) if lz4 else {}):
        if lines is not None:
            copy_lines(session, table, columns, lines)
        else:
            copy_rows(session, table, columns, rows or ())
    if analyze:
        named = "" if analyze is True else f" ({', '.join(analyze)})"
        session.execute(text(f"ANALYZE {table}{named}"))
    yield
    session.execute(text(f"DROP TABLE {table}"))


def execute_staged(
    session: Session, statement: str, params: Mapping[str, Any], table: str, ddl: str,
    rows: Sequence[Sequence[Any]], *, lines: Callable[[], Iterable[str]] | None = None,
    analyze: bool | Sequence[str] = False, lz4: bool = False,
) -> None:  # fmt: skip
    """Run ``statement``, which reads ``rows`` as the table ``table`` (columns ``ddl``, e.g.
    ``"id uuid, a jsonb"``): the one way the hub sends many rows to a set-based UPDATE or INSERT.

    Up to :data:`INLINE_ROWS` rows travel in the statement itself, one array per column
    unnested in a CTE named ``table`` (one round trip; the planner counts the rows from the
    arrays). More are staged in a temporary table by COPY (``lines()``: pre-built COPY lines,
    cheaper than rows), ANALYZEd when ``analyze`` (:func:`staged`), compressed with lz4 when ``lz4`` (for
    large JSON values, :func:`staged`), and dropped after the statement."""
    if len(rows) <= INLINE_ROWS:
        columns = [column.split() for column in ddl.split(",")]
        arrays = {
            f"{table}_{name}": [_bindable(kind, row[n]) for row in rows]
            for n, (name, kind) in enumerate(columns)
        }
        session.execute(text(_reading_arrays(statement, table, columns)), {**params, **arrays})
        return
    copied = {"lines": lines()} if lines is not None else {"rows": rows}
    with staged(session, table, ddl, analyze=analyze, lz4=lz4, **copied):
        session.execute(text(statement), params)


def _bindable(kind: str, value: Any) -> Any:
    """A float column's value as a float (an array of ints and floats cannot be sent)."""
    return float(value) if kind == "float8" and value is not None else value


def _reading_arrays(statement: str, table: str, columns: list[list[str]]) -> str:
    """``statement`` with a first CTE named ``table`` (its references read the CTE, not a
    table) unnesting the arrays bound as ``:{table}_{column}``."""
    arrays = ", ".join(f"CAST(:{table}_{name} AS {kind}[])" for name, kind in columns)
    names = ", ".join(name for name, _ in columns)
    cte = f"{table} ({names}) AS (SELECT * FROM unnest({arrays}))"
    body = statement.lstrip()
    if re.match(r"WITH\s", body, re.IGNORECASE):
        return f"WITH {cte}, {body[4:].lstrip()}"
    return f"WITH {cte} {body}"
