"""Excel (.xlsx) extracts read as the CSV export of the same sheet would be."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from mdm.ingest.errors import ExtractError
from mdm.ingest.reader import read_extract
from mdm.ingest.workbook import cell_text


def _book(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_cells_read_as_the_text_a_csv_export_holds() -> None:
    assert cell_text(None) == ""
    assert cell_text(1200.0) == "1200"
    assert cell_text(99.95) == "99.95"
    assert cell_text(date(2024, 3, 1)) == "2024-03-01"
    assert cell_text(datetime(2024, 3, 1)) == "2024-03-01"
    assert cell_text(datetime(2024, 3, 1, 9, 30)) == "2024-03-01T09:30:00"
    assert cell_text(True) == "true"
    assert cell_text("  Acme  ") == "Acme"


def test_a_workbook_is_read_from_its_first_sheet_with_line_numbers(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "accounts.xlsx",
        [[], ["source_id", "name", "rate"], ["A1", "Acme", 150.5], [], ["A2", "Beta", None]],
    )
    extract = read_extract(path)
    assert extract.header == ("source_id", "name", "rate")
    assert [(r.line_no, r.values) for r in extract.rows] == [
        (3, {"source_id": "A1", "name": "Acme", "rate": "150.5"}),
        (5, {"source_id": "A2", "name": "Beta", "rate": ""}),
    ]


def test_a_bad_workbook_is_refused_with_its_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK not really a workbook")
    with pytest.raises(ExtractError, match="cannot read the workbook"):
        read_extract(broken)
    with pytest.raises(ExtractError, match="repeats name"):
        read_extract(
            _book(tmp_path / "twice.xlsx", [["source_id", "name", "name"], ["1", "a", "b"]])
        )
    with pytest.raises(ExtractError, match="line 2: the header has an empty column"):
        read_extract(
            _book(tmp_path / "gap.xlsx", [[], ["source_id", None, "name"], ["1", "", "a"]])
        )
    with pytest.raises(ExtractError, match="beyond the header"):
        read_extract(_book(tmp_path / "wide.xlsx", [["source_id", "name"], ["1", "a", "extra"]]))
