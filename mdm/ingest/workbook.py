"""Read an Excel (``.xlsx``) extract: the first sheet, its first non-empty row as the header,
every cell as the text a CSV export would have held (dates as ISO dates, whole numbers without
a decimal point). Formulas give their last computed values."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from mdm.ingest.errors import ExtractError
from mdm.ingest.reader import ExtractRow, ParsedExtract, check_header


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    return str(value).strip()


def read_workbook(path: Path) -> ParsedExtract:
    from openpyxl import load_workbook

    name = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractError(name, f"cannot read the workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        lines = [
            (n, [cell_text(v) for v in values])
            for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return _parsed(name, lines)


def _parsed(name: str, lines: list[tuple[int, list[str]]]) -> ParsedExtract:
    filled = [(n, cells) for n, cells in lines if any(cells)]
    if not filled:
        raise ExtractError(name, "the workbook's first sheet is empty")
    header_line, head = filled[0]
    while head and not head[-1]:
        head.pop()
    check_header(name, tuple(head), header_line)
    width = len(head)
    rows: list[ExtractRow] = []
    for line_no, cells in filled[1:]:
        if any(cells[width:]):
            raise ExtractError(
                name, f"row {line_no} has values beyond the header's {width} columns"
            )
        padded = [*cells[:width], *[""] * (width - len(cells))]
        rows.append(ExtractRow(line_no, dict(zip(head, padded, strict=True))))
    return ParsedExtract(name=name, header=tuple(head), rows=rows)
