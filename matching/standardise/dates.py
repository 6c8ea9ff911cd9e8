"""Calendar dates in the layouts source systems write, to ISO 8601 (``YYYY-MM-DD``).

Accepted layouts (surrounding whitespace ignored, 1- or 2-digit day and month):

==============  ================================  ==========================================
layout          example                           reading
==============  ================================  ==========================================
``YYYY-MM-DD``  ``2024-01-31``                    ISO 8601 (a ``T...`` time part is ignored)
``YYYY/MM/DD``  ``2024/01/31``                    year first, then month, then day
``YYYY.MM.DD``  ``2024.01.31``                    year first (Hungarian, East Asian, ...)
``YYYYMMDD``    ``20240131``                      compact ISO
``DD.MM.YYYY``  ``31.01.2024``, ``31.01.24``      day first (German, Swiss, ...)
``A-B-YYYY``    ``31-01-2024``, ``01-31-2024``    day-month (Dutch, ...) or month-day (US): below
``A/B/YYYY``    ``31/01/2024``, ``1/31/24``       day/month or month/day: see below
``DD MON YYYY`` ``31 Jan 2024``, ``31-JAN-24``,   a month name (:mod:`.month_names`: English,
                ``31. Januar 2024``,              German, French, Spanish, Italian, Dutch,
                ``31 de enero de 2024``           Portuguese; full or abbreviated, with or
``MON DD YYYY`` ``Jan 31, 2024``,                 without its dot), the day before or after
                ``January 31st 2024``             it, the year last; Oracle's ``DD-MON-YY``
``YYYY MON DD`` ``2024-Jan-31``                   a month name after a four-digit year
==============  ================================  ==========================================

The parts of a month-name date are separated by spaces, ``-``, ``.``, ``,`` or ``/``; a day may
carry its ordinal (``1st``, ``1er``) and Spanish and Portuguese dates their ``de``.

Slash dates with the year last, and dash dates with a four-digit year last, are the layouts
written both ways round. A value is never guessed: where only one reading is a calendar date it
is that one (``31/01/2024`` is 31 January, ``01/31/2024`` and ``01-31-2024`` too); where both
are (``03/04/2024``, the first two parts 12 or less) it is read in ``order``, which a caller
decides for a whole column of an extract from the column's values (:func:`slash_evidence`,
slash and dash dates alike): a column whose values include some that only day/month reads and
none that only month/day reads is day/month, and the reverse. With no such decision (one value
alone, a column that shows both or neither) a slash date is month/day, the US reading the hub
has always given these dates, and a dash date day-month, as the hub has always read it.

Two-digit years are read where the layout puts the year last and nothing else can be there:
the slash and dot layouts and after a month name. The century is the one that puts the year
within 80 years before and 19 after the current year (:data:`PAST_YEARS`,
:data:`FUTURE_YEARS`; as Java's ``SimpleDateFormat`` does): in 2025, ``44`` is 2044 and ``45``
is 1945. The hub's dates are hire dates, never more than a year or two ahead and within a
working life back, and a rate's effective dates, a few years either way: the window holds
all of them. A birth date would not fit it (someone born in 1940 is read as 2040) and would
need a window that ends today; no field of the hub holds one. A two-digit year loses the
century for good: an "open" end written ``31-DEC-99`` (year 9999) is 1999, which a rate
card's end-after-start check then refuses. ``DD-MM-YY`` stays invalid: ``YY-MM-DD``
(``24-01-31``) is a common short ISO form and the two cannot be told apart.

Anything that is not a real calendar date gives None (``to_written_date`` keeps, for
comparing, a date that a slip took off the calendar, and reads a scanned date whose digits
were taken for letters: :func:`scanned_digits`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from matching.standardise.month_names import MONTHS
from matching.standardise.text import fold

PAST_YEARS = 80  # a two-digit year is read at most this many years before the current one
FUTURE_YEARS = 19  # ... and at most this many after it


class DayMonth(StrEnum):
    """How a slash or dash date that is a calendar date either way round (``03/04/2024``,
    ``03-04-2024``) is read."""

    MONTH_FIRST = "month/day"  # US; the reading when nothing decided otherwise
    DAY_FIRST = "day/month"  # British, French, Spanish, Italian, ...


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR_FIRST = re.compile(r"^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
_DASHED = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_NAMED = re.compile(r"^[^\W_]+(?:[\s.,/-]+[^\W_]+)*\.?$")  # words and numbers, separated
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er)?$")  # a day, with its ordinal
_FILLERS = frozenset({"de"})  # "31 de enero de 2024"
# the characters a scanner takes a digit for, and that digit: 0 as O or o, 1 as I, l or |, ...
_SCANNED_AS = {"0": "OoDQ", "1": "Il|i", "2": "Zz", "5": "Ss", "6": "Gb", "8": "B", "9": "gq"}
_SCANNED = str.maketrans({letter: digit for digit, held in _SCANNED_AS.items() for letter in held})
_SCANNED_CHARACTER = "[\\d" + re.escape("".join(_SCANNED_AS.values())) + "]"
_SCANNED_SHAPE = re.compile(rf"^{_SCANNED_CHARACTER}+(?:[/.\- ]{_SCANNED_CHARACTER}+)*$")

# an Enum's member costs more to look up on its class than the rest of a cached reading
_MONTH_FIRST, _DAY_FIRST = DayMonth.MONTH_FIRST, DayMonth.DAY_FIRST
_CENTURY = "century"  # a reading's answer while the current year is not known: ask with it

Parts = tuple[str, int, int]  # the year as written (2 or 4 digits), the month, the day


def _year(digits: str, this_year: int) -> int:
    """A year as written; two digits within the window around ``this_year``."""
    year = int(digits)
    if len(digits) != 2:
        return year
    year += this_year - this_year % 100
    if year > this_year + FUTURE_YEARS:
        return year - 100
    if year < this_year - PAST_YEARS:
        return year + 100
    return year


def _slash(first: int, second: int, day_first: bool) -> tuple[int, int]:
    """(month, day) of a slash date's first two parts: the reading that is a date where only
    one can be, else the order asked for."""
    if first > 12 >= second:
        return second, first
    if second > 12 >= first:
        return first, second
    return (second, first) if day_first else (first, second)


def _named(value: str) -> Parts | None:
    """A date with its month as a word, the year last (or first, when four digits)."""
    if not _NAMED.match(value):
        return None
    words = [w for w in fold(value).split() if w not in _FILLERS]
    if len(words) != 3:
        return None
    if words[1] in MONTHS and len(words[0]) == 4 and words[0].isdigit():  # 2024-Jan-31
        words = [words[2], words[1], words[0]]
    elif words[0] in MONTHS:  # Jan 31, 2024
        words = [words[1], words[0], words[2]]
    day, month, year = _DAY.match(words[0]), MONTHS.get(words[1]), words[2]
    if day is None or month is None or not year.isdigit() or len(year) not in (2, 4):
        return None
    return year, month, int(day[1])


def _parts(value: str, order: DayMonth | None) -> Parts | None:
    """The parts by the first layout that fits, not yet checked on the calendar; ``order``
    None: none decided (slash dates month/day, dash dates day-month)."""
    for pattern in (_ISO, _COMPACT):
        found = pattern.match(value)
        if found:
            return found[1], int(found[2]), int(found[3])
    found = _YEAR_FIRST.match(value)
    if found:
        return found[1], int(found[3]), int(found[4])
    found = _DOTTED.match(value)
    if found:
        return found[3], int(found[2]), int(found[1])
    found = _DASHED.match(value)
    if found:
        return found[3], *_slash(int(found[1]), int(found[2]), order is not _MONTH_FIRST)
    found = _SLASH.match(value)
    if found:
        return found[3], *_slash(int(found[1]), int(found[2]), order is _DAY_FIRST)
    return _named(value)


def _calendar(year: int, month: int, day: int) -> str | None:
    if year < 1:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def to_iso_date(value: str, order: DayMonth | None = None) -> str | None:
    """Return the date as ``YYYY-MM-DD``, or None if the layout is unknown or the date
    invalid. ``order``: how a slash or dash date that is a date either way round is read (the
    order its column's values showed, :func:`slash_evidence`); None: none was shown."""
    return _date(value, order, written=False)


def to_written_date(value: str) -> str | None:
    """``to_iso_date``, or, for a date in one of the layouts that is not on the calendar
    (month 19, day 71: a digit slipped, or day and month were exchanged), the date as
    written, in ``YYYY-MM-DD``: a copy with a slip still agrees with the right date as far
    as the slip allows. A month or a day written as zero (``1970-00-14``) is unknown, or a
    digit slipped to 0: kept as written, the date still agrees on the parts it holds (the
    same year and day, a slip's one character away, ``matching.levels_numeric``). A date
    holding no more than its year (``1970-00-00``, ``0000``) is None: two such agreeing
    would weigh as one day of one year."""
    return _date(value, None, written=True)


def scanned_digits(value: str) -> str | None:
    """``value`` with the letters a scanner takes digits for read as those digits
    (``09/|3/2015``: 09/13/2015, ``19671Zo7``: 19671207), where it is shaped as a numeric
    date: nothing but digits, such letters and the separators of the numeric layouts, and
    more digits than letters, so that a word is never read as a number. None otherwise, or
    where it holds no such letter."""
    text = value.strip()
    if not _SCANNED_SHAPE.match(text):
        return None
    letters = sum(not c.isdigit() for c in text if c not in "/.- ")
    digits = sum(c.isdigit() for c in text)
    if not letters or digits <= letters:
        return None
    return text.translate(_SCANNED)


def _date(value: str, order: DayMonth | None, *, written: bool) -> str | None:
    """``_reading`` of ``value``, asked again with the current year where it holds a
    two-digit one (most dates do without the clock). Read ``written``, a value no layout
    reads is read as the digits a scanner took for letters, where those make a calendar
    date (:func:`scanned_digits`; a date as written would be a guess twice over)."""
    found = _once(value, order, written)
    if found is None and written:
        scanned = scanned_digits(value)
        if scanned is not None:
            return _once(scanned, order, False)
    return found


def _once(value: str, order: DayMonth | None, written: bool) -> str | None:
    found = _reading(value, order, 0, written)
    if found is _CENTURY:
        return _reading(value, order, date.today().year, written)
    return found


@lru_cache(maxsize=32768)  # both readings' values: the two caches they had
def _reading(value: str, order: DayMonth | None, this_year: int, written: bool) -> str | None:
    """The date ``value`` holds, on the calendar or (``written``) as written; ``this_year``
    0: not known, and a two-digit year's answer is _CENTURY."""
    parts = _parts(value.strip(), order)
    if parts is None:
        return None
    digits, month, day = parts
    if len(digits) == 2 and not this_year:
        return _CENTURY
    year = _year(digits, this_year)
    if not written:
        return _calendar(year, month, day)
    if year == 0 or month == day == 0:
        return None
    return _calendar(year, month, day) or f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class SlashEvidence:
    """What a column's slash dates (the year last) and dash dates (a four-digit year last)
    say of its order: how many only day/month reads as a date (``31/01/2024``), how many only
    month/day (``01/31/2024``), how many both, as two dates (``03/04/2024``; ``04/04/2024`` is
    one date either way and says nothing); of those counted, how many are dash dates, and how
    many of the ones read either way."""

    day_first: int = 0
    month_first: int = 0
    either: int = 0
    example: str = ""  # the first value read either way, to show
    dashed: int = 0
    dashed_either: int = 0

    @property
    def order(self) -> DayMonth | None:
        """The order the values show, where they show one and only one."""
        if self.day_first and not self.month_first:
            return DayMonth.DAY_FIRST
        if self.month_first and not self.day_first:
            return DayMonth.MONTH_FIRST
        return None

    @property
    def mixed(self) -> bool:
        """Values of both orders: the column holds dates written both ways round."""
        return bool(self.day_first and self.month_first)

    @property
    def written(self) -> str:
        """How the values counted are written: ``slash``, ``dash`` or ``slash and dash``."""
        if not self.dashed:
            return "slash"
        counted = self.day_first + self.month_first + self.either
        return "dash" if self.dashed == counted else "slash and dash"

    @property
    def default(self) -> str:
        """How ``to_iso_date`` reads the values read either way when no order is given."""
        if not self.dashed_either:
            return str(DayMonth.MONTH_FIRST)
        if self.dashed_either == self.either:
            return str(DayMonth.DAY_FIRST)
        return f"{DayMonth.MONTH_FIRST} with slashes, {DayMonth.DAY_FIRST} with dashes"


def _shown(first: int, second: int, year: int) -> str | None:
    """What a slash or dash date's first two parts show: ``day_first``, ``month_first``,
    ``either`` (two dates), or None (one date either way, or none)."""
    as_day_month = _calendar(year, second, first) is not None
    as_month_day = _calendar(year, first, second) is not None
    if as_day_month and as_month_day:
        return "either" if first != second else None
    if as_day_month or as_month_day:
        return "day_first" if as_day_month else "month_first"
    return None


def slash_evidence(values: Iterable[str]) -> SlashEvidence:
    """The evidence of a column's values (other layouts and empty values say nothing)."""
    this_year = date.today().year
    counts = {"day_first": 0, "month_first": 0, "either": 0}
    dashed = dashed_either = 0
    example = ""
    for value in values:
        text = value.strip()
        found = _SLASH.match(text) or _DASHED.match(text)
        if found is None:
            continue
        shown = _shown(int(found[1]), int(found[2]), _year(found[3], this_year))
        if shown is None:
            continue
        counts[shown] += 1
        if shown == "either" and not example:
            example = text
        if "-" in text:
            dashed += 1
            dashed_either += shown == "either"
    return SlashEvidence(
        counts["day_first"], counts["month_first"], counts["either"], example, dashed,
        dashed_either,
    )  # fmt: skip
