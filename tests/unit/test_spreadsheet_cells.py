"""Cells a spreadsheet would execute are neutralised; numbers and phone numbers are not."""

from __future__ import annotations

import pytest

from mdm.spreadsheet_cells import neutralise


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3+cmd|x",
     "\t=1", "\r=1", "=1+1", "-A1"],
)  # fmt: skip
def test_formulas_get_a_leading_apostrophe(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["+44 20 7946 0001", "-12.50", "Acme", "", "a=b", "+1 (212) 555-0100"]
)
def test_plain_values_stay(cell: str) -> None:
    assert neutralise(cell) == cell
