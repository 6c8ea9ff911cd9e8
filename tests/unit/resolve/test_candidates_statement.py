"""The lookup's candidates statement (``mdm.repositories.candidates``) is sent on one line, short
enough for psycopg to keep its conversion rather than make it again on every lookup."""

from __future__ import annotations

from psycopg._queries import MAX_CACHED_STATEMENT_LENGTH
from sqlalchemy.dialects import postgresql

from mdm.repositories.candidates import _statement, one_line


def test_line_breaks_and_their_indentation_become_one_space() -> None:
    sql = "SELECT a,\n       b\n  FROM t\n WHERE c = ':'  AND d = ' x '\n"
    assert one_line(sql) == "SELECT a, b FROM t WHERE c = ':'  AND d = ' x '"


def test_the_customers_statement_is_short_enough_for_psycopg_to_keep() -> None:
    compiled = str(_statement("customer").compile(dialect=postgresql.dialect()))
    assert "\n" not in compiled
    assert len(compiled.encode()) <= MAX_CACHED_STATEMENT_LENGTH
