"""``execute_staged`` gives a statement the same rows whether they travel inline (a CTE over
arrays, the real-time path) or through a temporary table filled by COPY (large sets)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db import bulk

DDL = "id uuid, n bigint, p float8, doc jsonb, label text, flag bool"
ROWS = [
    (uuid.UUID(int=1), 7, 1, '{"a": [1, "x"]}', "tab\there", True),  # an int in a float column
    (uuid.UUID(int=2), 2**40, 0.25, None, None, False),
    (uuid.UUID(int=3), -1, None, "[]", "back\\slash\nnew line", None),
]
INSERT = "INSERT INTO seen SELECT id, n, p, doc, label, flag FROM rows_tmp"
WITH_INSERT = (
    "WITH counted AS (SELECT count(*) AS c FROM rows_tmp) "
    "INSERT INTO seen SELECT id, n + c, p, doc, label, flag FROM rows_tmp, counted"
)


def _seen(session: Session, statement: str, params: dict[str, Any], **options: Any) -> list[Any]:
    session.execute(text(f"CREATE TEMP TABLE seen ({DDL}) ON COMMIT DROP"))
    bulk.execute_staged(session, statement, params, "rows_tmp", DDL, ROWS, **options)
    found = list(session.execute(text("SELECT * FROM seen ORDER BY id")))
    session.execute(text("DROP TABLE seen"))
    return found


def _with_copy_lines() -> dict[str, Any]:
    def line(row: tuple[Any, ...]) -> str:
        cells = ("\\N" if v is None else bulk.copy_field(str(v)) for v in row)
        return "\t".join(cells) + "\n"

    return {"lines": lambda: map(line, ROWS)}


@pytest.mark.parametrize("statement", [INSERT, WITH_INSERT])
@pytest.mark.parametrize(
    "copy", [{}, {"analyze": True}, {"analyze": ["n"]}, {"lz4": True}, "lines"]
)
def test_inline_and_staged_rows_read_the_same(
    session: Session, monkeypatch: pytest.MonkeyPatch, statement: str, copy: Any
) -> None:
    options = _with_copy_lines() if copy == "lines" else copy
    inline = _seen(session, statement, {}, **options)
    monkeypatch.setattr(bulk, "INLINE_ROWS", len(ROWS) - 1)
    staged = _seen(session, statement, {}, **options)
    assert inline == staged
    assert [r[0] for r in inline] == [r[0] for r in ROWS]
    assert inline[0][2] == 1.0 and inline[0][3] == {"a": [1, "x"]}
    assert inline[1][3] is None and inline[2][4] == "back\\slash\nnew line"
    extra = 3 if statement == WITH_INSERT else 0
    assert [r[1] for r in inline] == [7 + extra, 2**40 + extra, -1 + extra]


def test_staged_sets_leave_no_table_behind(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "INLINE_ROWS", 0)
    _seen(session, INSERT, {})
    exists = "SELECT to_regclass('pg_temp.rows_tmp') IS NOT NULL"
    assert session.execute(text(exists)).scalar_one() is False


def test_large_json_staged_with_lz4_is_stored_as_staged(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A compressed value is copied from the staging table as it is: the table it lands in
    holds it compressed with lz4 though its own column would compress with pglz. A server
    built without lz4 (the embedded one) stages with pglz, as before, and says so."""
    monkeypatch.setattr(bulk, "INLINE_ROWS", 0)
    show = text("SELECT current_setting('default_toast_compression')")
    before = session.execute(show).scalar_one()
    doc = json.dumps({"values": [f"value {n}" for n in range(1000)]})  # well over 2 kB
    session.execute(text("CREATE TEMP TABLE kept (doc jsonb COMPRESSION pglz) ON COMMIT DROP"))
    statement = "INSERT INTO kept SELECT doc FROM docs_tmp"
    bulk.execute_staged(session, statement, {}, "docs_tmp", "doc jsonb", [(doc,)], lz4=True)
    kept = session.execute(text("SELECT pg_column_compression(doc), doc FROM kept")).one()
    has_lz4 = (
        "lz4"
        in session.execute(
            text("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        ).scalar_one()
    )
    assert bulk.lz4_settings(session) == ({"default_toast_compression": "lz4"} if has_lz4 else {})
    assert kept == ("lz4" if has_lz4 else "pglz", json.loads(doc))
    assert session.execute(show).scalar_one() == before
