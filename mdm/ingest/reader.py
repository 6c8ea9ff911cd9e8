"""Read a CSV extract strictly: a malformed file is refused whole, with a clear reason."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matching import collector
from mdm.ingest.errors import ExtractError

csv.field_size_limit(10 * 1024 * 1024)
_CsvReader = Any  # csv's reader type is not importable at run time


@dataclass(frozen=True)
class ExtractRow:
    line_no: int
    values: dict[str, str]


@dataclass(frozen=True)
class ParsedExtract:
    name: str
    header: tuple[str, ...]
    rows: list[ExtractRow]


def read_extract(path: Path) -> ParsedExtract:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(name, f"cannot read the file ({exc.strerror})") from None
    return parse_extract(name, data)


def parse_extract(name: str, data: bytes) -> ParsedExtract:
    text = _decode(name, data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = _header(name, reader)
        with collector.paused():
            rows = _rows(name, reader, header)
    except csv.Error as exc:
        raise ExtractError(name, f"line {reader.line_num}: malformed CSV ({exc})") from None
    return ParsedExtract(name=name, header=header, rows=rows)


def _decode(name: str, data: bytes) -> str:
    if not data.strip():
        raise ExtractError(name, "the file is empty")
    if b"\x00" in data[:65536]:
        raise ExtractError(name, "this is a binary file, not a CSV extract")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExtractError(
            name, f"line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def _header(name: str, reader: _CsvReader) -> tuple[str, ...]:
    for raw in reader:
        if any(cell.strip() for cell in raw):
            header = tuple(cell.strip() for cell in raw)
            if "" in header:
                raise ExtractError(name, f"line {reader.line_num}: the header has an empty column")
            duplicated = sorted({c for c in header if header.count(c) > 1})
            if duplicated:
                raise ExtractError(name, f"the header repeats {', '.join(duplicated)}")
            return header
    raise ExtractError(name, "the file has no header row")


def _rows(name: str, reader: _CsvReader, header: tuple[str, ...]) -> list[ExtractRow]:
    rows: list[ExtractRow] = []
    ragged: list[str] = []
    width = len(header)
    start = reader.line_num + 1
    for raw in reader:
        if not "".join(raw).strip():  # blank, or only whitespace in every cell
            start = reader.line_num + 1
            continue
        if len(raw) != width:
            ragged.append(f"line {start} has {len(raw)} fields")
        else:
            rows.append(ExtractRow(start, dict(zip(header, raw, strict=True))))
        start = reader.line_num + 1
    if ragged:
        shown = "; ".join(ragged[:5]) + (f"; and {len(ragged) - 5} more" if len(ragged) > 5 else "")
        raise ExtractError(name, f"ragged rows (the header has {len(header)} fields): {shown}")
    return rows
