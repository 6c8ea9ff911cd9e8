"""The JSON the hub writes (and hashes) is byte for byte what the standard library writes."""

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mdm.db.bulk import as_json, as_sorted_json, from_json


def reference(value: Any, *, sort: bool) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str, sort_keys=sort)


texts = st.text(st.characters(exclude_categories=["Cs"]))  # any Unicode a decoded file holds
rows = st.dictionaries(texts, texts)


@given(rows)
def test_a_raw_row_serialises_exactly_as_the_standard_library_does(row: dict[str, str]) -> None:
    assert as_sorted_json(row) == reference(row, sort=True)
    assert as_json(row) == reference(row, sort=False)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**53), 2**53) | texts,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
        max_leaves=20,
    )
)
def test_nested_values_serialise_as_the_standard_library_does(value: Any) -> None:
    assert as_sorted_json(value) == reference(value, sort=True)


def test_values_json_cannot_hold_are_written_as_their_text() -> None:
    value = {
        "rate": Decimal("150.00"),
        "at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "on": date(2026, 1, 2),
        "id": uuid.UUID(int=7),
        "tab\tand\nnewline": "\x00\x1f\u2028",
    }
    assert as_json(value) == reference(value, sort=False)


documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner) | st.dictionaries(texts, inner),
)


@given(documents)
def test_json_is_read_as_the_standard_library_reads_it(value: Any) -> None:
    text = json.dumps(value)
    assert repr(from_json(text.encode())) == repr(json.loads(text))
    assert repr(from_json(text)) == repr(json.loads(text))


def test_documents_orjson_would_read_otherwise_are_read_as_the_standard_library_reads_them() -> (
    None
):
    for text in (
        '{"a": 123456789012345678901234567890}',  # orjson: a float
        "[-9223372036854775809, 18446744073709551616]",  # just past 64 bits
        '{"a": 1.5e400}',  # orjson refuses: past a double
        '{"a": "\\ud800"}',  # orjson refuses: a lone surrogate
    ):
        assert repr(from_json(text.encode())) == repr(json.loads(text))
