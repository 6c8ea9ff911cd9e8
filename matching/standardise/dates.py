"""Calendar dates in the handful of layouts source systems use, to ISO 8601 (``YYYY-MM-DD``).

Accepted layouts (surrounding whitespace ignored, 1- or 2-digit day and month):

==============  ===========================  ================================
layout          example                      reading
==============  ===========================  ================================
``YYYY-MM-DD``  ``2024-03-01``               ISO 8601 (a ``T...`` time part is
                                             ignored)
``YYYY/MM/DD``  ``2024/03/01``               year first, then month, then day
``YYYYMMDD``    ``20240301``                 compact ISO
``DD.MM.YYYY``  ``01.03.2024``               day first (German, Swiss, ...)
``DD-MM-YYYY``  ``01-03-2024``               day first (Dutch, ...)
``MM/DD/YYYY``  ``03/01/2024``               month first (US), always
==============  ===========================  ================================

The slash layout with the year last is always read as US month/day, never guessed from the
values: ``13/01/2024`` is therefore invalid rather than silently read as 13 January. Two-digit
years are not accepted. Anything that is not a real calendar date gives None
(``to_written_date`` keeps, for comparing, a date that a slip took off the calendar).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_YEAR_FIRST_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([.-])(\d{1,2})\2(\d{4})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _ymd(value: str) -> tuple[str, str, str] | None:
    """Return (year, month, day) digit strings for the first layout that fits."""
    for pattern in (_ISO, _YEAR_FIRST_SLASH, _COMPACT):
        found = pattern.match(value)
        if found:
            return found.group(1), found.group(2), found.group(3)
    found = _DAY_FIRST.match(value)
    if found:
        return found.group(4), found.group(3), found.group(1)
    found = _US.match(value)
    if found:
        return found.group(3), found.group(1), found.group(2)
    return None


@lru_cache(maxsize=16384)
def to_iso_date(value: str) -> str | None:
    """Return the date as ``YYYY-MM-DD``, or None if the layout is unknown or the date invalid."""
    parts = _ymd(value.strip())
    if parts is None:
        return None
    year, month, day = (int(p) for p in parts)
    if year < 1:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def to_written_date(value: str) -> str | None:
    """``to_iso_date``, or, for a date in one of the layouts that is not on the calendar
    (month 19, day 71: a digit slipped, or day and month were exchanged), the date as
    written, in ``YYYY-MM-DD``: a copy with a slip still agrees with the right date as far
    as the slip allows. A month or a day written as zero (``1970-00-14``) is unknown, or a
    digit slipped to 0: kept as written, the date still agrees on the parts it holds (the
    same year and day, a slip's one character away, ``matching.levels_numeric``). A date
    holding no more than its year (``1970-00-00``, ``0000``) is None: two such agreeing
    would weigh as one day of one year."""
    iso = to_iso_date(value)
    if iso is not None:
        return iso
    parts = _ymd(value.strip())
    if parts is None:
        return None
    year, month, day = parts
    if int(year) == 0 or int(month) == int(day) == 0:
        return None
    return f"{year}-{month.zfill(2)}-{day.zfill(2)}"
