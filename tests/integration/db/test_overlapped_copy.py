"""``copy_lines(..., overlapped=True)``: a thread sends the lines while the caller's generator
makes the next ones; the table gets the same rows, and a generator that fails fails the COPY."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db import bulk


def _lines(count: int, fail_at: int | None = None) -> Iterator[str]:
    for n in range(count):
        if n == fail_at:
            raise ValueError("survivorship failed")
        yield f"{n}\t{bulk.copy_field(f'value {n}' + chr(9) * (n % 2))}\n"


def _copied(session: Session, lines: Iterator[str], overlapped: bool) -> list[tuple[int, str]]:
    session.execute(text("CREATE TEMP TABLE copied (n int, v text) ON COMMIT DROP"))
    count = bulk.copy_lines(session, "copied", ("n", "v"), lines, overlapped=overlapped)
    rows = [(r[0], r[1]) for r in session.execute(text("SELECT n, v FROM copied ORDER BY n"))]
    session.execute(text("DROP TABLE copied"))
    assert count == len(rows)
    return rows


def test_overlapped_copy_writes_what_a_plain_one_writes(session: Session) -> None:
    count = bulk.COPY_BATCH * 2 + 7  # several batches through the queue
    plain = _copied(session, _lines(count), overlapped=False)
    assert _copied(session, _lines(count), overlapped=True) == plain
    assert len(plain) == count and plain[1] == (1, "value 1\t")


def test_a_failing_generator_fails_the_overlapped_copy(session: Session) -> None:
    session.execute(text("CREATE TEMP TABLE copied (n int, v text) ON COMMIT DROP"))
    with pytest.raises(ValueError, match="survivorship failed"):
        bulk.copy_lines(
            session, "copied", ("n", "v"), _lines(bulk.COPY_BATCH * 3, fail_at=bulk.COPY_BATCH + 5),
            overlapped=True,
        )  # fmt: skip
