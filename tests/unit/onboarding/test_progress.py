"""Progress bars are drawn only where a person watches: a terminal."""

from __future__ import annotations

import io

from mdm.cli.progress import progress_bar
from mdm.domain.progress import unwatched


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_the_output_is_not_a_terminal() -> None:
    out = io.StringIO()
    with progress_bar("acme_crm/customer", out) as shown:
        shown("checking and writing rows", 10, 20)
    assert shown is unwatched and out.getvalue() == ""


def test_a_terminal_sees_the_stage_and_the_rows_done() -> None:
    out = Terminal()
    with progress_bar("acme_crm/customer", out) as shown:
        shown("checking and writing rows", 4_000, 10_000)
        shown("checking and writing rows", 10_000, 10_000)
    drawn = out.getvalue()
    assert "acme_crm/customer: checking and writing rows" in drawn
    assert "10000/10000" in drawn
