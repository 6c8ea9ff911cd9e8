"""A malformed file is refused whole, with a reason a person understands."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdm.ingest.errors import ExtractError
from mdm.ingest.reader import SEPARATORS, _FieldLimit, _Records, parse_extract, separator


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (  # Café in Latin-1, then a byte Windows-1252 leaves undefined
            b"source_id,name\n1,Caf\xe9\n2,\x81\n",
            "line 2: not UTF-8 (byte 0xe9), nor Windows-1252 (byte 0x81 on line 3); save it as "
            "UTF-8",
        ),
        (b"source_id,name\n1,A\n2,B,extra\n3\n", "ragged rows"),
        (b"source_id,name,name\n1,A,B\n", "repeats name"),
        (b'source_id,name\n1,"unterminated\n', "malformed CSV"),
        (b"source_id,,name\n1,,A\n", "empty column"),
    ],
)
def test_malformed_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ExtractError) as caught:
        parse_extract("x.csv", data)
    assert reason in str(caught.value)


def test_ragged_rows_name_their_lines() -> None:
    with pytest.raises(ExtractError) as caught:
        parse_extract("x.csv", b"source_id,name\n1,A\n2,B,extra\n3\n")
    assert "line 3 has 3 fields" in str(caught.value)
    assert "line 4 has 1 fields" in str(caught.value)


def test_rows_keep_their_line_numbers_across_blank_and_multiline_rows() -> None:
    data = '\ufeffsource_id,name\n1,A\n\n2,"two\nlines"\n3,C\n'.encode()
    parsed = parse_extract("x.csv", data)
    assert parsed.header == ("source_id", "name")
    assert [(r.line_no, r.values["source_id"]) for r in parsed.rows] == [
        (2, "1"),
        (4, "2"),
        (6, "3"),
    ]


_CELLS = st.sampled_from(
    ["a", "b c", "", " ", ",", '"', '""', "x\ny", "x\r\ny", "x\ry", "é", "1,2", "1;2", "a\tb",
     "a|b"]
)  # fmt: skip


def _csv_text(rows: list[list[str]], terminator: str, delimiter: str = ",") -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator=terminator, delimiter=delimiter).writerows(rows)
    return out.getvalue()


@settings(max_examples=300)
@given(
    st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
    st.sampled_from(SEPARATORS),
)
def test_records_are_what_the_csv_module_reads(
    rows: list[list[str]], terminator: str, blank_line: bool, delimiter: str
) -> None:
    """Lines without a quote are split directly; the records and their line numbers must be
    exactly what csv.reader gives for the same text, whatever the quoting, line ends and
    separator."""
    text = _csv_text(rows, terminator, delimiter) + ("\n" if blank_line else "")
    expected = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    ours = _Records(text, delimiter)
    for record in expected:
        assert next(ours) == record
        assert ours.line_num == expected.line_num
    assert next(ours, None) is None


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_an_extract_separated_otherwise_reads_as_with_commas(delimiter: str) -> None:
    """A spreadsheet where the comma is the decimal mark saves its "CSV" with semicolons
    (the rates keep their commas); "Unicode text" uses tabs."""
    rows = [["source_id", "name", "rate"], ["1", "Müller; Söhne", "1250,50"], ["2", "B", "95"]]
    parsed = parse_extract("x.csv", _csv_text(rows, "\r\n", delimiter).encode())
    assert parsed.header == ("source_id", "name", "rate")
    assert [list(r.values.values()) for r in parsed.rows] == rows[1:]
    assert [r.line_no for r in parsed.rows] == [2, 3]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("source_id,name,city", ","),
        ("source_id;name;city", ";"),
        ("source_id\tname", "\t"),
        ("source_id|name", "|"),
        ('"id;name";city,country', ","),  # a quoted separator is part of a column's name
        ("source_id", ","),
        ("id;name,city", ","),  # a tie goes to the comma
        ("\n\nsource_id;name", ";"),  # the first line holding anything
    ],
)
def test_the_separator_is_the_headers(header: str, expected: str) -> None:
    assert separator(header + "\n1,2,3\n") == expected


def test_a_row_the_headers_separator_does_not_split_is_ragged() -> None:
    with pytest.raises(ExtractError) as caught:
        parse_extract("x.csv", b"source_id;name\n1;A\n2,B\n")
    assert "line 3 has 1 fields" in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_behind_its_byte_order_mark_is_read(encoding: str) -> None:
    """Excel's "Unicode text" is UTF-16 with a byte-order mark, separated by tabs."""
    text = "source_id\tname\n1\tZoë Łukasiewicz\n"
    data = text.encode(encoding)
    if encoding != "utf-16":  # these codecs write no mark: put the one they stand for
        data = ("\ufeff" + text).encode(encoding)
    parsed = parse_extract("x.csv", data)
    assert parsed.header == ("source_id", "name")
    assert parsed.rows[0].values == {"source_id": "1", "name": "Zoë Łukasiewicz"}


def test_utf16_that_does_not_decode_or_holds_nothing_is_refused() -> None:
    with pytest.raises(ExtractError, match="not UTF-16"):
        parse_extract("x.csv", "\ufeffsource_id\n".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(ExtractError, match="the file is empty"):
        parse_extract("x.csv", "\ufeff  \n".encode("utf-16-le"))


def test_a_line_without_quotes_is_split_at_every_comma() -> None:
    records = _Records("a, b ,c\r\n,,\nlast")
    assert [list(r) for r in records] == [["a", " b ", "c"], ["", "", ""], ["last"]]


def test_a_long_quoted_field_is_read_and_csvs_limit_is_left_as_it_was() -> None:
    before = csv.field_size_limit()
    long = "x" * 200_000  # over csv's default limit of 131,072 characters
    parsed = parse_extract("long.csv", f'source_id,notes\n1,"{long}"\n'.encode())
    assert parsed.rows[0].values["notes"] == long
    assert csv.field_size_limit() == before
    with pytest.raises(csv.Error):  # outside a parse, csv's own limit holds
        next(csv.reader(io.StringIO(f'"{long}"\n')))


def test_overlapping_parses_keep_the_limit_raised_until_the_last_ends() -> None:
    before = csv.field_size_limit()
    fields = _FieldLimit(before * 4)
    with fields.raised():
        with fields.raised():
            assert csv.field_size_limit() == before * 4
        assert csv.field_size_limit() == before * 4  # the outer parse is still reading
    assert csv.field_size_limit() == before


WINDOWS_1252 = "source_id,name,address_line1\n1,Café Élan,Rue de l’Église\n2,Euro € Ltd,Ma’s\n"


def test_a_file_in_windows_1252_is_read_so_and_its_notes_say_so() -> None:
    """Excel on Windows saves "CSV (Comma delimited)" as Windows-1252: é, € and ’ are one
    byte each (0xe9, 0x80, 0x92), none of them UTF-8."""
    parsed = parse_extract("x.csv", WINDOWS_1252.encode("cp1252"))
    assert parsed.header == ("source_id", "name", "address_line1")
    assert [r.values for r in parsed.rows] == [
        {"source_id": "1", "name": "Café Élan", "address_line1": "Rue de l’Église"},
        {"source_id": "2", "name": "Euro € Ltd", "address_line1": "Ma’s"},
    ]
    (note,) = parsed.notes
    assert note.startswith("the file is read as Windows-1252")
    assert "not UTF-8 (line 2, byte 0xe9)" in note


def test_utf8_is_read_as_before_with_nothing_to_note() -> None:
    for data in (WINDOWS_1252.encode(), "\ufeff".encode() + WINDOWS_1252.encode()):
        parsed = parse_extract("x.csv", data)
        assert parsed.rows[1].values["name"] == "Euro € Ltd" and parsed.notes == ()
    assert parse_extract("x.csv", WINDOWS_1252.encode("utf-16")).notes == ()


@pytest.mark.parametrize("byte", [b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"])
def test_a_byte_windows_1252_leaves_undefined_refuses_the_file(byte: bytes) -> None:
    data = "source_id,name\n1,Café\n".encode("cp1252") + b"2,A" + byte + b"\n"
    with pytest.raises(ExtractError, match=f"nor Windows-1252 \\(byte 0x{byte.hex()} on line 3\\)"):
        parse_extract("x.csv", data)


def test_a_file_marked_utf8_that_is_not_is_refused_not_read_as_windows_1252() -> None:
    data = "\ufeff".encode() + "source_id,name\n1,Café\n".encode("cp1252")
    with pytest.raises(ExtractError) as caught:
        parse_extract("x.csv", data)
    assert str(caught.value).endswith("line 2: not UTF-8 (byte 0xe9); save it as UTF-8")
