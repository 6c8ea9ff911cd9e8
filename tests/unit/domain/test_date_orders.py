"""How an extract writes its slash and dash dates, decided once per column, and read so in
every row; a column that decides nothing reads as the system's earlier extracts decided."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from matching import DayMonth, SlashEvidence
from mdm.domain.canonical import canonicalise
from mdm.domain.date_orders import (
    PER_VALUE,
    DateColumn,
    DateOrders,
    RememberedOrder,
    date_orders,
)
from mdm.domain.entities import schema_for

COLUMNS = {"Key": "source_id", "Name": "full_name", "Hired": "hire_date", "Mail": "email"}


DAY_FIRST_BEFORE = RememberedOrder(DayMonth.DAY_FIRST, datetime(2026, 11, 30, 9, tzinfo=UTC))


def _orders(*hired: str, remembered: RememberedOrder | None = None) -> DateOrders:
    rows = [
        {"Key": f"P{n}", "Name": "Ann Lee", "Hired": h, "Mail": "03/04/2024"}
        for n, h in enumerate(hired)
    ]
    known = {"hire_date": remembered} if remembered is not None else None
    return date_orders(schema_for("resource"), COLUMNS, rows, known)


def _hired(value: str, dates: DateOrders) -> str | None:
    row = canonicalise("resource", {"source_id": "P", "full_name": "A", "hire_date": value}, dates)
    assert row.accepted
    return row.values["hire_date"]


def test_a_column_with_a_day_over_12_and_none_over_12_as_month_is_day_month() -> None:
    dates = _orders("31/01/2024", "03/04/2024", "", "2024-05-06")
    (column,) = dates.columns  # only the date field: the e-mail column is not read for dates
    assert (column.field, column.column) == ("hire_date", "Hired")
    assert column.evidence == SlashEvidence(1, 0, 1, "03/04/2024")
    assert dates.readings == (("hire_date", DayMonth.DAY_FIRST),)
    assert _hired("03/04/2024", dates) == "2024-04-03"
    assert _hired("31/01/2024", dates) == "2024-01-31"
    assert _hired("03/04/2024", PER_VALUE) == "2024-03-04"  # a record alone: month/day
    assert dates.notes == (
        "hire_date (Hired): slash dates read day/month, as 1 can only be and none is only "
        "the other way; the ambiguous ones (1, like 03/04/2024) too",
    )


def test_a_column_with_a_month_over_12_and_no_day_over_12_is_month_day() -> None:
    dates = _orders("01/31/2024", "03/04/2024")
    assert dates.readings == (("hire_date", DayMonth.MONTH_FIRST),)
    assert _hired("03/04/2024", dates) == "2024-03-04"


def test_a_mixed_column_reads_its_ambiguous_dates_month_day_and_says_so() -> None:
    dates = _orders("31/01/2024", "01/31/2024", "03/04/2024")
    assert dates.readings == ()
    assert _hired("03/04/2024", dates) == "2024-03-04"
    assert _hired("31/01/2024", dates) == _hired("01/31/2024", dates) == "2024-01-31"
    (note,) = dates.notes
    assert "written both ways round (1 only day/month, 1 only month/day)" in note
    assert "the ambiguous ones (1, like 03/04/2024) read month/day, the default: check them" in note
    assert dates.columns[0].reading == "month/day (both orders)"


def test_a_column_whose_dates_all_read_either_way_is_undecided_and_says_so() -> None:
    dates = _orders("03/04/2024", "05/06/2024", "07/07/2024")
    assert dates.readings == ()
    assert _hired("05/06/2024", dates) == "2024-05-06"
    assert dates.notes == (
        "hire_date (Hired): no slash date shows whether it is day/month or month/day; the "
        "ambiguous ones (2, like 03/04/2024) read month/day, the default: check them",
    )
    assert dates.columns[0].reading == "month/day (no evidence)"


def test_a_dash_column_with_a_month_over_12_reads_its_ambiguous_dates_month_day() -> None:
    """A US tool's dashes (``01-31-2024``): ``03-04-2024`` in that column is 4 March."""
    dates = _orders("01-31-2024", "1-13-2024", "03-04-2024", "2024-05-06")
    assert dates.readings == (("hire_date", DayMonth.MONTH_FIRST),)
    assert _hired("03-04-2024", dates) == "2024-03-04"
    assert _hired("01-31-2024", dates) == _hired("01-31-2024", PER_VALUE) == "2024-01-31"
    assert _hired("03-04-2024", PER_VALUE) == "2024-04-03"  # a record alone: day-month
    assert dates.notes == (
        "hire_date (Hired): dash dates read month/day, as 2 can only be and none is only "
        "the other way; the ambiguous ones (1, like 03-04-2024) too",
    )


def test_a_dash_column_with_a_day_over_12_reads_its_ambiguous_dates_day_month() -> None:
    dates = _orders("31-01-2024", "03-04-2024")
    assert dates.readings == (("hire_date", DayMonth.DAY_FIRST),)
    assert _hired("03-04-2024", dates) == "2024-04-03"


def test_slash_and_dash_dates_decide_a_column_together() -> None:
    dates = _orders("31-01-2024", "03/04/2024")
    assert dates.readings == (("hire_date", DayMonth.DAY_FIRST),)
    assert _hired("03/04/2024", dates) == "2024-04-03"
    assert dates.notes[0].startswith("hire_date (Hired): slash and dash dates read day/month")


def test_an_undecided_dash_column_reads_its_ambiguous_dates_day_month_and_says_so() -> None:
    dates = _orders("03-04-2024", "05-06-2024")
    assert dates.readings == ()
    assert _hired("05-06-2024", dates) == "2024-06-05"
    assert dates.notes == (
        "hire_date (Hired): no dash date shows whether it is day/month or month/day; the "
        "ambiguous ones (2, like 03-04-2024) read day/month, the default: check them",
    )
    assert dates.columns[0].reading == "day/month (no evidence)"
    both = _orders("03-04-2024", "05/06/2024")
    assert both.columns[0].reading == (
        "month/day with slashes, day/month with dashes (no evidence)"
    )


@pytest.mark.parametrize(
    "hired", [("2024-01-31", "31.01.2024", "31 Jan 2024"), ("04/04/2024",), ("31/01/2024",)]
)
def test_nothing_to_say_where_no_value_is_ambiguous(hired: tuple[str, ...]) -> None:
    assert _orders(*hired).notes == ()


def test_every_date_column_is_decided_on_its_own() -> None:
    rows = [
        {"id": "1", "role": "Dev", "from": "31/01/2024", "to": "01/31/2025"},
        {"id": "2", "role": "Dev", "from": "03/04/2024", "to": "03/04/2025"},
    ]
    columns = {"id": "source_id", "role": "role", "from": "effective_from", "to": "effective_to"}
    dates = date_orders(schema_for("rate_card"), columns, rows)
    assert dict(dates.readings) == {
        "effective_from": DayMonth.DAY_FIRST, "effective_to": DayMonth.MONTH_FIRST,
    }  # fmt: skip
    row = {"source_id": "2", "role": "Dev", "currency": "EUR", "rate": "1",
           "effective_from": "03/04/2024", "effective_to": "03/04/2025"}  # fmt: skip
    values = canonicalise("rate_card", row, dates).values
    assert (values["effective_from"], values["effective_to"]) == ("2024-04-03", "2025-03-04")


def test_a_column_is_named_by_its_field_when_it_has_the_fields_name() -> None:
    column = DateColumn("hire_date", "hire_date", SlashEvidence(0, 0, 3, "01/02/2024"))
    assert (column.note() or "").startswith("hire_date: no slash date shows")


def test_a_column_of_ambiguous_dates_reads_them_as_the_systems_earlier_extracts_decided() -> None:
    dates = _orders("03/04/2024", "05/06/2024", remembered=DAY_FIRST_BEFORE)
    assert dates.readings == (("hire_date", DayMonth.DAY_FIRST),)
    assert _hired("05/06/2024", dates) == "2024-06-05"
    assert dates.decisions == ()  # it decided nothing: nothing to remember
    assert dates.notes == (
        "hire_date (Hired): the ambiguous ones (2, like 03/04/2024) read day/month, as this "
        "system's earlier extracts (run of 2026-11-30) showed",
    )
    assert dates.columns[0].reading == (
        "day/month (no evidence; this system's earlier extracts, run of 2026-11-30)"
    )


def test_a_mixed_column_reads_its_ambiguous_dates_as_the_earlier_extracts_decided() -> None:
    dates = _orders("31/01/2024", "01/31/2024", "03/04/2024", remembered=DAY_FIRST_BEFORE)
    assert dates.readings == (("hire_date", DayMonth.DAY_FIRST),)
    assert dates.decisions == ()
    assert _hired("03/04/2024", dates) == "2024-04-03"
    (note,) = dates.notes
    assert "written both ways round (1 only day/month, 1 only month/day)" in note
    assert note.endswith(
        "the ambiguous ones (1, like 03/04/2024) read day/month, as this system's earlier "
        "extracts (run of 2026-11-30) showed"
    )


def test_a_column_that_decides_the_remembered_order_reads_it_and_says_only_its_own() -> None:
    dates = _orders("31/01/2024", "03/04/2024", remembered=DAY_FIRST_BEFORE)
    assert dates.decisions == dates.readings == (("hire_date", DayMonth.DAY_FIRST),)
    assert dates.notes == (
        "hire_date (Hired): slash dates read day/month, as 1 can only be and none is only "
        "the other way; the ambiguous ones (1, like 03/04/2024) too",
    )
    assert _orders("31/01/2024", remembered=DAY_FIRST_BEFORE).notes == ()


def test_a_column_that_decides_the_opposite_order_is_read_so_and_says_the_order_changed() -> None:
    dates = _orders("01/31/2024", "03/04/2024", remembered=DAY_FIRST_BEFORE)
    assert dates.decisions == dates.readings == (("hire_date", DayMonth.MONTH_FIRST),)
    assert _hired("03/04/2024", dates) == "2024-03-04"
    assert dates.notes == (
        "hire_date (Hired): slash dates read month/day, as 1 can only be and none is only "
        "the other way; the ambiguous ones (1, like 03/04/2024) too; this system's order "
        "changed: its earlier extracts (run of 2026-11-30) showed day/month",
    )
    # nothing ambiguous to misread now, but the earlier extracts' may have been: said all the same
    (note,) = _orders("01/31/2024", remembered=DAY_FIRST_BEFORE).notes
    assert "this system's order changed" in note


def test_an_order_remembered_for_another_field_reads_nothing_here() -> None:
    rows = [{"Key": "P1", "Name": "Ann Lee", "Hired": "03/04/2024"}]
    other = {"effective_from": DAY_FIRST_BEFORE}
    dates = date_orders(schema_for("resource"), COLUMNS, rows, other)
    assert dates.readings == ()
    assert _hired("03/04/2024", dates) == "2024-03-04"
