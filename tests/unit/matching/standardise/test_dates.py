from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.dates import to_iso_date, to_written_date


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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1994-11-71", "1994-11-71"),  # a day's digit slipped
        ("19.05.1950", "1950-05-19"),  # a real date is the ISO date
        ("1950/19/5", "1950-19-05"),  # a month's digit slipped
        ("1970-05-00", "1970-05-00"),  # a day unknown (or slipped to 0): year and month held
        ("1970-00-14", "1970-00-14"),  # a month unknown: year and day held
        ("1970-00-00", None),  # the year alone: no date to compare
        ("0000-05-01", None),
        ("x", None),
        ("", None),
    ],
)
def test_a_date_a_slip_took_off_the_calendar_is_kept_as_written(
    value: str, expected: str | None
) -> None:
    assert to_written_date(value) == expected


@given(st.dates(min_value=date(1, 1, 1)))
def test_a_calendar_date_is_written_as_its_iso_date(day: date) -> None:
    assert to_written_date(f"{day.day}.{day.month}.{day.year:04d}") == day.isoformat()
