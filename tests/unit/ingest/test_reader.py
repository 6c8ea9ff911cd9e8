"""A malformed file is refused whole, with a reason a person understands."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdm.ingest.errors import ExtractError
from mdm.ingest.reader import _FieldLimit, _Records, parse_extract


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("source_id,name\n1,Café\n".encode("latin-1"), "line 2: not UTF-8"),
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
    ["a", "b c", "", " ", ",", '"', '""', "x\ny", "x\r\ny", "x\ry", "é", "1,2"]
)


def _csv_text(rows: list[list[str]], terminator: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator=terminator).writerows(rows)
    return out.getvalue()


@settings(max_examples=300)
@given(
    st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
def test_records_are_what_the_csv_module_reads(
    rows: list[list[str]], terminator: str, blank_line: bool
) -> None:
    """Lines without a quote are split directly; the records and their line numbers must be
    exactly what csv.reader gives for the same text, whatever the quoting and line ends."""
    text = _csv_text(rows, terminator) + ("\n" if blank_line else "")
    expected = csv.reader(io.StringIO(text, newline=""), strict=True)
    ours = _Records(text)
    for record in expected:
        assert next(ours) == record
        assert ours.line_num == expected.line_num
    assert next(ours, None) is None


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
