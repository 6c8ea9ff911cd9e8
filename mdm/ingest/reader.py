"""Read a CSV extract strictly: a malformed file is refused whole, with a clear reason.

The separator is the header's: a comma, or the semicolon, tab or bar that spreadsheet
programs write where the comma is the decimal mark (German, French, Dutch, ... Excel "CSV"),
or that "Unicode text" exports use. It is whichever of them the header line holds most often
outside quotes (a comma on a tie, and for a header of one column); every row is then read
with it, and a row that does not split into the header's fields is refused as ragged, as
before. Text is UTF-8 (a byte-order mark is dropped), or UTF-16 when the file starts with
UTF-16's byte-order mark (Excel's "Unicode text"). A file that is not UTF-8 but is
Windows-1252 (what Excel on Windows saves as "CSV (Comma delimited)"; no byte of it one that
Windows-1252 leaves undefined) is read as Windows-1252, and its extract's notes say so: a file
in another code page would read too, with wrong letters, and a person should look."""

from __future__ import annotations

import codecs
import csv
import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from matching import collector_paused
from mdm.ingest.errors import ExtractError

FIELD_LIMIT = 10 * 1024 * 1024  # characters in one quoted field (csv's own default: 131,072)


class _FieldLimit:
    """csv's field size limit belongs to the process, not to a reader: it is raised while an
    extract is parsed and put back when the last extract being parsed (threads of one
    process may parse several at once) is done, so nothing else reading CSV sees it changed."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._readers = 0
        self._before = 0

    @contextmanager
    def raised(self) -> Iterator[None]:
        with self._lock:
            if self._readers == 0:
                self._before = csv.field_size_limit(max(self._limit, csv.field_size_limit()))
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if self._readers == 0:
                    csv.field_size_limit(self._before)


_FIELDS = _FieldLimit(FIELD_LIMIT)  # one per process, as csv's limit is


class ExtractRow(NamedTuple):
    """A named tuple, not a dataclass: an extract makes one per row, 100,000s of them."""

    line_no: int
    values: dict[str, str]


@dataclass(frozen=True)
class ParsedExtract:
    name: str
    header: tuple[str, ...]
    rows: list[ExtractRow]
    separator: str = ","
    """What separated the file's fields (a file the hub writes again keeps it)."""
    notes: tuple[str, ...] = ()
    """What a person loading it should know of how it was read (its encoding, where not the
    one it should be): the ingest, the profile and the dry run report them."""


def read_extract(path: Path) -> ParsedExtract:
    """A CSV extract, or the first sheet of an Excel workbook (``.xlsx``)."""
    name = path.name
    if path.suffix.lower() == ".xlsx":
        from mdm.ingest.workbook import read_workbook

        return read_workbook(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(name, f"cannot read the file ({exc.strerror})") from None
    return parse_extract(name, data)


def parse_extract(name: str, data: bytes) -> ParsedExtract:
    text, notes = _decode(name, data)
    delimiter = separator(text)
    records = _Records(text, delimiter)
    try:
        with _FIELDS.raised():
            header = _header(name, records)
            with collector_paused():
                rows = _rows(name, records, header)
    except csv.Error as exc:
        raise ExtractError(name, f"line {records.line_num}: malformed CSV ({exc})") from None
    return ParsedExtract(name=name, header=header, rows=rows, separator=delimiter, notes=notes)


class _Records:
    """The records of CSV text, as ``csv.reader`` reads them (strict, lines split where
    ``io.StringIO(newline="")`` splits them), with ``line_num`` counting physical lines.

    A line without a quote is one record whose fields are what lies between its commas, so it
    is split directly (several times faster); the csv module reads the lines that hold a quote,
    with the lines that follow while a quoted field is still open.
    """

    def __init__(self, text: str, delimiter: str = ",") -> None:
        self.line_num = 0
        self._delimiter = delimiter
        self._lines = self._physical_lines(text)
        self._back: str | None = None
        self._csv = csv.reader(self._next_lines(), strict=True, delimiter=delimiter)

    @staticmethod
    def _physical_lines(text: str) -> Iterator[str]:
        pieces = text.split("\n")
        last = len(pieces) - 1
        for index, piece in enumerate(pieces):
            if index == last:
                if piece:
                    yield from io.StringIO(piece, newline="")
            elif "\r" in piece[:-1]:  # a lone carriage return also ends a line
                yield from io.StringIO(piece + "\n", newline="")
            else:
                yield piece + "\n"

    def _next_lines(self) -> Iterator[str]:
        while True:
            line = self._back if self._back is not None else next(self._lines, None)
            self._back = None
            if line is None:
                return
            self.line_num += 1
            yield line

    def __iter__(self) -> Iterator[list[str]]:
        return self

    def __next__(self) -> list[str]:
        line = next(self._lines, None) if self._back is None else self._back
        if line is None:
            raise StopIteration
        if '"' in line:
            self._back = line
            return next(self._csv)
        self._back = None
        self.line_num += 1
        end = -2 if line.endswith("\r\n") else -1 if line.endswith(("\n", "\r")) else None
        content = line[:end]
        return content.split(self._delimiter) if content else []


_LEADING_SPACE = re.compile(r"\s*")
HEADER_SCAN = 65536
"""Characters read, after any blank lines, to find the header line's separator: not the whole
extract, which may be a million lines."""
SEPARATORS = (",", ";", "\t", "|")
"""The separators an extract's header may use, the first winning a tie."""


def separator(text: str) -> str:
    """The separator of CSV ``text``: of ``SEPARATORS``, the one its first line that holds
    anything holds most often outside double quotes (a comma when it holds none)."""
    blank = _LEADING_SPACE.match(text)  # the blank lines before the header
    start = blank.end() if blank else 0
    for line in text[start : start + HEADER_SCAN].splitlines():
        if line.strip():
            unquoted = "".join(line.split('"')[::2])
            counts = [unquoted.count(candidate) for candidate in SEPARATORS]
            return SEPARATORS[counts.index(max(counts))] if max(counts) else ","
    return ","


def _decode(name: str, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The file's text, and the notes on how it was read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _utf16(name, data), ()
    if not data.strip():
        raise ExtractError(name, "the file is empty")
    if b"\x00" in data[:65536]:
        raise ExtractError(name, "this is a binary file, not a CSV extract")
    marked = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if marked else data  # the mark is dropped
    try:
        return body.decode("utf-8"), ()
    except UnicodeDecodeError as exc:  # its offset is into body
        line, byte = _line_of(body, exc.start), body[exc.start]
    where = f"line {line}: not UTF-8 (byte 0x{byte:02x})"
    if marked:  # says UTF-8 itself: no other reading
        raise ExtractError(name, f"{where}; save it as UTF-8")
    try:
        text = data.decode("cp1252")  # refuses the five bytes Windows-1252 leaves undefined
    except UnicodeDecodeError as exc:
        raise ExtractError(
            name,
            f"{where}, nor Windows-1252 (byte 0x{data[exc.start]:02x} on line "
            f"{_line_of(data, exc.start)}); save it as UTF-8",
        ) from None
    return text, (
        f'the file is read as Windows-1252 (Excel\'s "CSV (Comma delimited)"), as it is not '
        f"UTF-8 (line {line}, byte 0x{byte:02x}): check that its accented letters and symbols "
        "read right",
    )


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _utf16(name: str, data: bytes) -> str:
    """UTF-16 text behind its byte-order mark, refused as ``_decode`` refuses UTF-8."""
    try:
        text = data.decode("utf-16")  # the mark says the byte order, and is dropped
    except UnicodeDecodeError:
        raise ExtractError(name, "starts as UTF-16 text does, but is not UTF-16") from None
    if not text.strip():
        raise ExtractError(name, "the file is empty")
    if "\x00" in text[:65536]:
        raise ExtractError(name, "this is a binary file, not a CSV extract")
    return text


def _header(name: str, reader: _Records) -> tuple[str, ...]:
    for raw in reader:
        if any(cell.strip() for cell in raw):
            header = tuple(cell.strip() for cell in raw)
            check_header(name, header, reader.line_num)
            return header
    raise ExtractError(name, "the file has no header row")


def check_header(name: str, header: tuple[str, ...], line_no: int) -> None:
    """Refuse a header (on line ``line_no``) with an empty column or a column named twice."""
    if "" in header:
        raise ExtractError(name, f"line {line_no}: the header has an empty column")
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise ExtractError(name, f"the header repeats {', '.join(duplicated)}")


def _rows(name: str, reader: _Records, header: tuple[str, ...]) -> list[ExtractRow]:
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
            # the lengths are equal (checked above), so strict zip would only check again
            rows.append(ExtractRow(start, dict(zip(header, raw, strict=False))))
        start = reader.line_num + 1
    if ragged:
        shown = "; ".join(ragged[:5]) + (f"; and {len(ragged) - 5} more" if len(ragged) > 5 else "")
        raise ExtractError(name, f"ragged rows (the header has {len(header)} fields): {shown}")
    return rows
