from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.dates import to_iso_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", "2024-03-01"),
        (" 2024-03-01 ", "2024-03-01"),
        ("2024-3-1", "2024-03-01"),
        ("2024-03-01T10:00:00Z", "2024-03-01"),
        ("2024/03/01", "2024-03-01"),
        ("20240301", "2024-03-01"),
        ("01.03.2024", "2024-03-01"),
        ("1.3.2024", "2024-03-01"),
        ("01-03-2024", "2024-03-01"),
        ("03/01/2024", "2024-03-01"),  # US: month first
        ("12/31/2024", "2024-12-31"),
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_accepted_layouts(value: str, expected: str) -> None:
    assert to_iso_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "x", "2024-02-30", "2023-02-29", "2024-13-01", "13/01/2024", "31.02.2024",
     "01.03.24", "01.03-2024", "0000-01-01", "2024.03.01", "March 1, 2024"],
)  # fmt: skip
def test_rejected(value: str) -> None:
    assert to_iso_date(value) is None


@given(st.dates(min_value=date(1, 1, 1)))
def test_every_layout_round_trips(day: date) -> None:
    iso = day.isoformat()
    y, m, d = f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"
    for text in (iso, f"{y}/{m}/{d}", f"{d}.{m}.{y}", f"{d}-{m}-{y}", f"{m}/{d}/{y}"):
        assert to_iso_date(text) == iso
    assert to_iso_date(iso) == iso
