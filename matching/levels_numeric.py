"""Levels for dates (ISO ``YYYY-MM-DD`` strings) and numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from matching.date_parts import (
    fixed_width,
    month_day_characters,
    part_codes,
    year_characters,
    year_known,
    year_of_four,
)
from matching.levels import Level
from matching.pair_view import PairView, is_null, null_pairs

_NO_DAY = np.iinfo(np.int64).min


def iso_days(values: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 for ISO date strings; ``_NO_DAY`` where unknown or invalid."""
    out = np.full(len(values), _NO_DAY, dtype=np.int64)
    known = ~is_null(values)
    if not known.any():
        return out
    try:
        days = np.asarray(values[known], dtype="datetime64[D]").astype(np.int64)
    except ValueError:
        days = np.array([_one_day(str(value)) for value in values[known]], dtype=np.int64)
    out[known] = days
    return out


def _one_day(value: str) -> int:
    try:
        return int(np.datetime64(value, "D").astype(np.int64))
    except ValueError:
        return int(_NO_DAY)


@dataclass(frozen=True)
class DaysWithin(Level):
    """Both dates known and at most ``days`` apart."""

    label: str = "days_within"
    days: int = 365

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = view.derived(f"days:{name}", lambda batch: iso_days(batch.column(name)))
        known = (left != _NO_DAY) & (right != _NO_DAY)
        return known & (np.abs(left - right) <= self.days)


_SWAP_ORDER = [0, 1, 2, 3, 4, 8, 9, 7, 5, 6]


def _month_day_swapped(values: np.ndarray) -> np.ndarray:
    """``YYYY-DD-MM`` for each ``YYYY-MM-DD`` (vectorised on fixed-width characters)."""
    chars = fixed_width(values)
    grid = chars.view("U1").reshape(-1, 10)[:, _SWAP_ORDER]
    return np.ascontiguousarray(grid).view("U10").ravel()


@dataclass(frozen=True)
class MonthDaySwapped(Level):
    """The same date with month and day exchanged (``2001-03-04`` vs ``2001-04-03``)."""

    label: str = "month_day_swapped"

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        """Compared as day numbers (an integer per pair, not a string): either date read
        with month and day exchanged is the other (both ways: a date a swap took off the
        calendar, ``2016-24-10``, reads as a date only once exchanged)."""
        name = self.on(feature)
        swapped = view.derived(
            f"swapped_days:{name}", lambda batch: swapped_days(batch.column(name))
        )
        plain = view.derived(f"days:{name}", lambda batch: iso_days(batch.column(name)))
        hit = np.zeros(len(view), dtype=bool)
        for one, other in ((0, 1), (1, 0)):
            hit |= (swapped[one] == plain[other]) & (swapped[one] != _NO_DAY)
        return hit


@dataclass(frozen=True)
class OffCalendar(Level):
    """One of the two dates is off the calendar (month 19, day 71: written so by a slip,
    ``matching.standardise.dates.to_written_date``). Such a date is known to be wrong: it
    agrees as far as the slip allows at the levels before this one, and where it does not,
    its disagreement says no more than a missing date. Meant as a neutral level just before
    ``Else``."""

    label: str = "off_calendar"

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = view.derived(f"days:{name}", lambda batch: iso_days(batch.column(name)))
        return ~null_pairs(view, name) & ((left == _NO_DAY) | (right == _NO_DAY))


def swapped_days(values: np.ndarray) -> np.ndarray:
    """Day numbers of the dates read as ``YYYY-DD-MM``; ``_NO_DAY`` where that is no date
    (a day above 12) or the value is unknown."""
    swapped = _month_day_swapped(values).astype(object)
    swapped[swapped == ""] = None
    return iso_days(swapped)


DatePart = Literal["year", "month", "day"]
_DATE_PARTS: tuple[DatePart, ...] = ("year", "month", "day")


@dataclass(frozen=True)
class TwoPartsEqual(Level):
    """Two of year, month and day equal, the third not: one part of the date is wrong (a day
    or month mistyped or misread beyond one digit, a year off by a decade), the kind of slip
    a copy of a date carries; two random dates share two parts far less often."""

    label: str = "two_parts_equal"
    differs: DatePart | None = None
    """Only the pairs whose wrong part is this one (any when None): two random dates share their month and day (once a year) far more often than
    their year and day, so each wrong part is a level of its own u."""

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = part_codes(view, name)
        known = np.logical_and(*year_known(view, name))
        equal = left == right
        hit = known & (equal.sum(axis=1) == 2)
        if self.differs is not None:
            hit &= ~equal[:, _DATE_PARTS.index(self.differs)]
        return hit


@dataclass(frozen=True)
class MonthOrDaySlip(Level):
    """The same year, and month and day alike but for one character (``1963-10-29`` vs
    ``1963-10-26``, ``1981-03-20`` vs ``1981-02-20``): a slip in the month or the day. Meant
    before a one-edit level, which it splits: a slip in the year (``1935`` vs ``1995``) needs
    only the same month and day of two random dates, a slip in the month or day the same
    year as well, so the two are as likely among copies but not among strangers (each gets
    the u measured on random pairs)."""

    label: str = "month_or_day_slip"

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = part_codes(view, name)
        known = np.logical_and(*year_known(view, name))
        one, other = month_day_characters(view, name)
        return known & (left[:, 0] == right[:, 0]) & ((one != other).sum(axis=1) == 1)


@dataclass(frozen=True)
class YearSlip(Level):
    """The same month and day, and years a slip apart: one digit changed or two adjacent
    digits swapped (``1953-05-06`` vs ``1943-05-06``, ``2093`` for ``2003``, ``1937`` for
    ``1973``). Meant after ``MonthOrDaySlip`` and before a one-edit level, which it splits.

    ``year_frequency``: weigh each pair by how common its two years are among the batch's
    dates (``matching.year_frequency``): a slip makes any year, two people hold two of the
    batch's common ones, so a year few records hold is a slip's far more often."""

    label: str = "year_slip"
    year_frequency: bool = False

    def years_weighed(self) -> bool:
        return self.year_frequency

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = part_codes(view, name)
        known = np.logical_and(*year_of_four(view, name))
        same_day = (left[:, 1] == right[:, 1]) & (left[:, 2] == right[:, 2])
        one, other = year_characters(view, name)
        differ = one != other
        changed = differ.sum(axis=1) == 1
        swapped = np.zeros(len(one), dtype=bool)
        for i in range(3):
            swapped |= (
                (differ.sum(axis=1) == 2) & differ[:, i] & differ[:, i + 1]
                & (one[:, i] == other[:, i + 1]) & (one[:, i + 1] == other[:, i])
            )  # fmt: skip
        return known & same_day & (changed | swapped)


def floats(values: np.ndarray) -> np.ndarray:
    """Numbers as floats, NaN where unknown."""
    out = np.full(len(values), np.nan)
    known = ~is_null(values)
    out[known] = np.asarray(values[known], dtype=float)
    return out


@dataclass(frozen=True)
class NumberWithin(Level):
    """Both numbers known and within ``fraction`` of the larger one (and ``absolute``)."""

    label: str = "number_within"
    fraction: float = 0.0
    absolute: float = 0.0

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = floats(view.left(name)), floats(view.right(name))
        scale = np.maximum(np.abs(left), np.abs(right))
        with np.errstate(invalid="ignore"):
            close = np.abs(left - right) <= np.maximum(self.fraction * scale, self.absolute)
        return close & ~np.isnan(left) & ~np.isnan(right)


@dataclass(frozen=True)
class PeriodsOverlap(Level):
    """The periods [feature, ``until``] overlap; an unknown end is open (still in force)."""

    label: str = "periods_overlap"
    until: str = ""

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), self.until}

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left_from, right_from = view.derived(
            f"days:{name}", lambda batch: iso_days(batch.column(name))
        )
        left_to, right_to = view.derived(
            f"days:{self.until}", lambda batch: iso_days(batch.column(self.until))
        )
        open_end = np.iinfo(np.int64).max
        left_to = np.where(left_to == _NO_DAY, open_end, left_to)
        right_to = np.where(right_to == _NO_DAY, open_end, right_to)
        known = (left_from != _NO_DAY) & (right_from != _NO_DAY)
        return known & (left_from <= right_to) & (right_from <= left_to)
