"""COPY text format: every field escaped so tabs, newlines and backslashes survive."""

from __future__ import annotations

import json

import pytest

from mdm.db.bulk import as_json, as_sorted_json, copy_field


def _unescape(field: str) -> str:
    """What PostgreSQL reads back from one field of COPY text."""
    out, i = [], 0
    codes = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
    while i < len(field):
        if field[i] == "\\":
            out.append(codes[field[i + 1]])
            i += 2
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


@pytest.mark.parametrize(
    "value", ["plain", "tab\there", "two\nlines", "cr\r\n", "back\\slash", "\\N", "é ü 中", ""]
)
def test_fields_round_trip_and_never_split_a_line(value: str) -> None:
    field = copy_field(value)
    assert "\t" not in field and "\n" not in field and "\r" not in field
    assert _unescape(field) == value


def test_json_in_copy_text_reads_back_as_the_same_value() -> None:
    value = {"b": "x\\y", "a": "tab\tnew\nline", "c": [1, None, "é"]}
    assert json.loads(_unescape(copy_field(as_json(value)))) == value


def test_sorted_json_is_the_sorted_dict_serialised() -> None:
    value = {"z": "1", "a": "2", "m": "3"}
    assert as_sorted_json(value) == as_json(dict(sorted(value.items())))
