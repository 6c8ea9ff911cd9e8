"""The JSON the hub writes (and hashes) is byte for byte what the standard library writes."""

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mdm.db.bulk import as_json, as_sorted_json


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
