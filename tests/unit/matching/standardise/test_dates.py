from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.dates import (
    FUTURE_YEARS,
    PAST_YEARS,
    DayMonth,
    SlashEvidence,
    _year,
    slash_evidence,
    to_iso_date,
    to_written_date,
)
from matching.standardise.month_names import MONTHS


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
    ["", "x", "2024-02-30", "2023-02-29", "2024-13-01", "13/13/2024", "31.02.2024",
     "01.03-2024", "0000-01-01", "2024.13.01", "31-01-24", "24-01-31", "2024/1/31/",
     "31/01/024", "1/31/2024/1", "31 Jan", "January 2024", "31 Foo 2024", "31 Jan 202",
     "Jan 2024 31", "31st Jan", "32 Jan 2024", "29 Feb 2023", "31 Jan 2024 10:00",
     "31_Jan_2024", "31 Jan Jan 2024", "1 2 3", "2024 31 Jan"],
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


@pytest.mark.parametrize(
    "value",
    ["31/01/2024", "31 Jan 2024", "Jan 31, 2024", "31-Jan-2024", "31-JAN-24", "31 January 2024",
     "January 31, 2024", "31 janvier 2024", "31. Januar 2024", "2024.01.31", "1/31/24",
     "31/1/24", "31.01.24", "31 Jan. 2024", "Jan. 31 2024", "31.Jan.2024", "31/Jan/2024",
     "31 de enero de 2024", "31 gennaio 2024", "31 januari 2024", "31 de janeiro de 2024",
     "January 31st, 2024", "31st January 2024", "2024-Jan-31", "31 JAN 2024", "jan 31 24",
     " 31 Jan 2024 ", "31\u00a0janv. 2024"],
)  # fmt: skip
def test_the_layouts_of_other_tools(value: str) -> None:
    assert to_iso_date(value) == "2024-01-31"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1er janvier 2024", "2024-01-01"),
        ("5 février 2024", "2024-02-05"),
        ("5 Feber 2024", "2024-02-05"),
        ("5. März 2024", "2024-03-05"),
        ("5 Maerz 2024", "2024-03-05"),
        ("5 MRZ 2024", "2024-03-05"),
        ("5 maart 2024", "2024-03-05"),
        ("5 março 2024", "2024-03-05"),
        ("5 mei 2024", "2024-05-05"),
        ("5 Mai 2024", "2024-05-05"),
        ("5 maggio 2024", "2024-05-05"),
        ("5 août 2024", "2024-08-05"),
        ("5 ago 2024", "2024-08-05"),
        ("Sept. 5, 2024", "2024-09-05"),
        ("5 set 2024", "2024-09-05"),
        ("5 setiembre 2024", "2024-09-05"),
        ("5 outubro 2024", "2024-10-05"),
        ("5 déc. 2024", "2024-12-05"),
        ("5 Jänner 2024", "2024-01-05"),
        ("29 Feb 2024", "2024-02-29"),
    ],
)
def test_month_names_in_each_language(value: str, expected: str) -> None:
    assert to_iso_date(value) == expected


def test_every_word_of_the_month_table_reads_in_either_order_and_separator() -> None:
    for word, month in MONTHS.items():
        expected = f"2024-{month:02d}-07"
        for text in (f"7 {word} 2024", f"{word.upper()} 7, 2024", f"07-{word}-24",
                     f"7. {word.title()}. 2024", f"{word} 7 2024"):  # fmt: skip
            assert to_iso_date(text) == expected, text


def test_a_slash_date_that_only_one_reading_makes_a_date_is_read_so() -> None:
    assert to_iso_date("13/01/2024") == "2024-01-13"  # day over 12: day first
    assert to_iso_date("01/13/2024") == "2024-01-13"  # month first, the default
    # the order a column decided never overrides the only reading that is a date
    assert to_iso_date("13/01/2024", DayMonth.MONTH_FIRST) == "2024-01-13"
    assert to_iso_date("01/13/2024", DayMonth.DAY_FIRST) == "2024-01-13"


def test_a_slash_date_that_reads_either_way_is_read_in_the_order_given() -> None:
    assert to_iso_date("03/04/2024") == "2024-03-04"  # nothing decided: month/day (US)
    assert to_iso_date("03/04/2024", DayMonth.MONTH_FIRST) == "2024-03-04"
    assert to_iso_date("03/04/2024", DayMonth.DAY_FIRST) == "2024-04-03"
    assert to_iso_date("3/4/24", DayMonth.DAY_FIRST) == "2024-04-03"
    # the order is for slash and dash dates only: the dotted layout stays day first
    assert to_iso_date("03.04.2024", DayMonth.MONTH_FIRST) == "2024-04-03"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("01-31-2024", "2024-01-31"), ("1-31-2024", "2024-01-31"), ("12-13-2024", "2024-12-13"),
     ("31-01-2024", "2024-01-31"), ("31-1-2024", "2024-01-31"), ("13-12-2024", "2024-12-13")],
)  # fmt: skip
def test_a_dash_date_is_read_the_only_way_it_is_a_date(value: str, expected: str) -> None:
    """US month-day (``01-31-2024``) as well as day-month, whatever order was given."""
    assert to_iso_date(value) == expected
    assert to_iso_date(value, DayMonth.MONTH_FIRST) == expected
    assert to_iso_date(value, DayMonth.DAY_FIRST) == expected


def test_a_dash_date_that_reads_either_way_is_read_in_the_order_given() -> None:
    assert to_iso_date("03-04-2024") == "2024-04-03"  # nothing decided: day-month, as ever
    assert to_iso_date("03-04-2024", DayMonth.DAY_FIRST) == "2024-04-03"
    assert to_iso_date("03-04-2024", DayMonth.MONTH_FIRST) == "2024-03-04"
    assert to_iso_date("3-4-2024", DayMonth.MONTH_FIRST) == "2024-03-04"


@pytest.mark.parametrize("order", [None, DayMonth.DAY_FIRST, DayMonth.MONTH_FIRST])
def test_iso_and_refused_dash_dates_are_the_same_in_any_order(order: DayMonth | None) -> None:
    assert to_iso_date("2024-01-31", order) == "2024-01-31"
    assert to_iso_date("2024-03-04", order) == "2024-03-04"
    for value in ("13-13-2024", "02-30-2024", "31-02-2024", "01-31-24", "31-01-24", "1-2-202"):
        assert to_iso_date(value, order) is None, value


def test_a_dash_date_off_the_calendar_is_kept_as_written_month_first_when_it_must_be() -> None:
    assert to_written_date("01-31-2024") == "2024-01-31"
    assert to_written_date("02-31-2024") == "2024-02-31"  # day over 12: month-day, as written
    assert to_written_date("31-02-2024") == "2024-02-31"


@pytest.mark.parametrize(
    ("this_year", "digits", "year"),
    [(2025, "44", 2044), (2025, "45", 1945), (2025, "00", 2000), (2025, "99", 1999),
     (2025, "25", 2025), (2026, "45", 2045), (2026, "46", 1946), (2090, "10", 2010),
     (2090, "09", 2109), (2025, "2024", 2024), (2025, "1850", 1850)],
)  # fmt: skip
def test_a_two_digit_year_is_within_80_years_before_and_19_after_this_one(
    this_year: int, digits: str, year: int
) -> None:
    assert _year(digits, this_year) == year


def test_a_two_digit_year_follows_the_current_year() -> None:
    this_year = date.today().year
    ahead, behind = (this_year + FUTURE_YEARS) % 100, (this_year + FUTURE_YEARS + 1) % 100
    assert to_iso_date(f"01.01.{ahead:02d}") == f"{this_year + FUTURE_YEARS}-01-01"
    assert to_iso_date(f"01-JAN-{behind:02d}") == f"{this_year - PAST_YEARS}-01-01"
    assert to_written_date(f"31/02/{ahead:02d}") == f"{this_year + FUTURE_YEARS}-02-31"


_WINDOW = st.dates(
    min_value=date(date.today().year - PAST_YEARS, 1, 1),
    max_value=date(date.today().year + FUTURE_YEARS, 12, 31),
)


@given(_WINDOW)
def test_a_date_in_the_window_round_trips_with_a_two_digit_year(day: date) -> None:
    yy, m, d = f"{day.year % 100:02d}", f"{day.month:02d}", f"{day.day:02d}"
    month = day.strftime("%b")  # English, as the C locale writes it
    for text in (f"{d}.{m}.{yy}", f"{m}/{d}/{yy}", f"{d}-{month.upper()}-{yy}"):
        assert to_iso_date(text) == day.isoformat(), text
    assert to_iso_date(f"{d}/{m}/{yy}", DayMonth.DAY_FIRST) == day.isoformat()


@given(st.dates(min_value=date(1000, 1, 1)))
def test_the_new_layouts_round_trip(day: date) -> None:
    iso = day.isoformat()
    y, m, d = f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"
    name = day.strftime("%B")
    for text in (f"{y}.{m}.{d}", f"{day.day} {name} {y}", f"{name} {day.day}, {y}",
                 f"{d}-{name[:3].upper()}-{y}", f"{y}-{name[:3]}-{d}"):  # fmt: skip
        assert to_iso_date(text) == iso, text
    assert to_iso_date(f"{d}/{m}/{y}", DayMonth.DAY_FIRST) == iso
    assert to_iso_date(f"{m}-{d}-{y}", DayMonth.MONTH_FIRST) == iso
    assert to_iso_date(f"{d}-{m}-{y}", DayMonth.DAY_FIRST) == iso


def test_a_month_name_date_off_the_calendar_is_kept_as_written() -> None:
    assert to_written_date("31 Feb 2024") == "2024-02-31"
    assert to_written_date("13/19/2024") == "2024-13-19"  # neither order: month/day, as written


@pytest.mark.parametrize(
    ("values", "evidence", "order"),
    [
        (["31/01/2024", "03/04/2024", "03/04/2024", "2024-01-01", ""],
         SlashEvidence(1, 0, 2, "03/04/2024"), DayMonth.DAY_FIRST),
        (["01/31/2024", "1/13/24", "3/4/24"], SlashEvidence(0, 2, 1, "3/4/24"),
         DayMonth.MONTH_FIRST),
        (["31/01/2024", "01/31/2024", "03/04/2024"], SlashEvidence(1, 1, 1, "03/04/2024"), None),
        (["03/04/2024", "04/03/2024"], SlashEvidence(0, 0, 2, "03/04/2024"), None),
        # one date either way round, or none at all: no evidence
        (["04/04/2024", "31/31/2024", "02/30/2024", "31.01.2024"], SlashEvidence(), None),
        # dash dates, the year last in four digits, are evidence as slash dates are
        (["31-01-2024", "03-04-2024", "2024-01-02"], SlashEvidence(1, 0, 1, "03-04-2024", 2, 1),
         DayMonth.DAY_FIRST),
        (["01-31-2024", "3-4-2024", "03/04/2024"], SlashEvidence(0, 1, 2, "3-4-2024", 2, 1),
         DayMonth.MONTH_FIRST),
        (["04-04-2024", "13-13-2024", "31-01-24", "2024-31-01"], SlashEvidence(), None),
    ],
)  # fmt: skip
def test_slash_evidence(values: list[str], evidence: SlashEvidence, order: DayMonth | None) -> None:
    found = slash_evidence(values)
    assert found == evidence
    assert found.order is order
    assert found.mixed is (evidence.day_first > 0 and evidence.month_first > 0)


@pytest.mark.parametrize(
    ("values", "written", "default"),
    [
        (["31/01/2024", "03/04/2024"], "slash", "month/day"),
        (["31-01-2024", "03-04-2024"], "dash", "day/month"),
        (["31-01-2024", "01/02/2024"], "slash and dash", "month/day"),
        (["03-04-2024", "03/04/2024"], "slash and dash",
         "month/day with slashes, day/month with dashes"),
    ],
)  # fmt: skip
def test_evidence_says_how_its_dates_are_written_and_read_when_undecided(
    values: list[str], written: str, default: str
) -> None:
    found = slash_evidence(values)
    assert (found.written, found.default) == (written, default)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09/|3/2015", "2015-09-13"),  # | for 1
        ("O9/09/1987", "1987-09-09"),  # O for 0
        ("o4/|9/1958", "1958-04-19"),
        ("10/Z7/1983", "1983-10-27"),  # Z for 2
        ("0G/|7/1964", "1964-06-17"),  # G for 6
        ("19s01027", "1950-10-27"),  # s for 5, compact
        ("19671Zo7", "1967-12-07"),
        ("|942o704", "1942-07-04"),
        (" 2O24-0I-3l ", "2024-01-31"),  # ISO, I and l for 1
        ("3l.0B.2024", "2024-08-31"),  # B for 8, day first
    ],
)
def test_a_written_date_reads_letters_a_scanner_took_for_digits(value: str, expected: str) -> None:
    assert to_written_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "Bob",  # a word of such letters is never a date
        "SOS 2020",
        "lOlO/IO/ZO",  # fewer digits than letters
        "10/n/|977",  # n is no digit's look-alike
        "11/99/185|",  # read, not a calendar date: not kept as written either
        "O2/3O/2024",  # 30 February
        "Jan 3l x",
    ],
)
def test_letters_are_read_as_digits_only_into_a_calendar_date(value: str) -> None:
    assert to_written_date(value) is None


def test_ingest_reading_still_refuses_a_scanned_date() -> None:
    # to_iso_date reads what is loaded: a scanned date is flagged there, read only to compare
    assert to_iso_date("09/|3/2015") is None
