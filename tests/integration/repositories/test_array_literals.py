"""Lists sent as one array literal each read back in PostgreSQL as the same lists, whatever
their values hold."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.repositories.array_literals import int_array, text_array

AWKWARD = [
    "plain", "", " ", "NULL", "null", "a,b", "{braces}", 'say "hi"', "back\\slash", "\\",
    '\\"', "tab\there", "new\nline", "name:o'brien", "ünïcödé 名前", "trailing\\",
]  # fmt: skip


def test_text_values_read_back_as_sent(session: Session) -> None:
    found = session.execute(
        text("SELECT CAST(:values AS text[])"), {"values": text_array(AWKWARD)}
    ).scalar_one()
    assert found == AWKWARD
    empty = session.execute(text("SELECT CAST(:v AS text[])"), {"v": text_array([])}).scalar_one()
    assert empty == []


def test_int_values_read_back_as_sent(session: Session) -> None:
    values = [0, 1, -5, 200, 2_147_483_647]
    found = session.execute(
        text("SELECT CAST(:values AS int[]), CAST(:none AS int[])"),
        {"values": int_array(values), "none": int_array([])},
    ).one()
    assert list(found) == [values, []]


def test_a_literal_unnests_beside_another_as_lists_do(session: Session) -> None:
    rows = session.execute(
        text("SELECT * FROM unnest(CAST(:k AS text[]), CAST(:n AS int[])) AS w(key, n)"),
        {"k": text_array(["a", 'b"', "c,d"]), "n": int_array([3, 2, 1])},
    ).all()
    assert [tuple(r) for r in rows] == [("a", 3), ('b"', 2), ("c,d", 1)]
