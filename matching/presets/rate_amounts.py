"""Rate-card amounts: each line's price per hour at its source's working day, the figure as
quoted with its unit, and the levels that compare them.

A firm configures the hours of its working day (``hours_per_day``) and, where a source
counts another day (a system kept at 7.5 hours), that source's own (``source_hours``, by the
record's ``source``). A day rate that is an hourly one times another common working day is
still recognised when a source's day was not configured, as weaker evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

from matching.feature import Feature
from matching.levels import Else, Level
from matching.levels_numeric import NumberWithin
from matching.presets.derive import text_of
from matching.presets.rate_levels import OtherDayLength, UnitSlip
from matching.record import Record, record_source
from matching.standardise.amount_text import WrittenAmount, read_amount
from matching.standardise.money import currencies_of, to_currency, to_decimal
from matching.standardise.rate_unit import held_unit

WORKING_DAYS = (7.0, 7.5, 8.0)
"""Hours a firm's working day may have, besides the configured ones: a day rate that is an
hourly one times one of them is the same price from a source with that day."""

# m of: the same amount, a unit keyed wrongly (the amounts a working day apart), a day rate
# from a source with another working day, within 5% (one copy in ten carries a price its
# system has not updated, or has rounded), further apart
RATE_M = (0.84, 0.01, 0.02, 0.1, 0.03)


def _quoted(record: Record) -> Decimal | None:
    value = text_of(record, "rate")
    return to_decimal(value) if value else None


@lru_cache(maxsize=65536)
def _written(value: str) -> WrittenAmount | None:
    return read_amount(value)


def _said(record: Record) -> WrittenAmount | None:
    """What the rate's text says besides its amount (``$150/hr``), if anything."""
    value = text_of(record, "rate")
    return _written(value) if value else None


def rate_currency(record: Record) -> str | None:
    """The currency column read (``to_currency``), or where it is empty the currency the rate
    is written with (``€237.50/hr``, ``EUR 625,00``): as the hub fills an empty column from
    the rate's text (``mdm.domain.entities.price_text``), so a record reaching the matcher
    straight from an extract compares as the hub's would. A symbol several currencies write
    is read as the most common of them (``$`` USD)."""
    column = text_of(record, "currency")
    if column:
        return to_currency(column)
    written = _said(record)
    if written is None or not written.currencies:
        return None
    said = min(written.currencies, key=lambda c: len(currencies_of(c)))
    return to_currency(said)


def _unit(record: Record) -> str:
    """``day`` where the unit reads as one (``day``, ``daily``, ``Tagessatz``: the hub's
    canonical ``day`` or a raw extract's spelling, ``matching.standardise.rate_unit``), or
    where the unit column is empty, where the rate's text says one (``€950/day``), as the
    hub fills it; else ``hour``, the unit a rate line holds when it says none."""
    column = text_of(record, "unit")
    if not column:
        written = _said(record)
        column = (written.after or written.before) if written is not None else ""
    return "day" if held_unit(column or "") == "day" else "hour"


def amount_features(hours_per_day: float, source_hours: Mapping[str, float]) -> tuple[Feature, ...]:
    """``hourly_rate`` (a day rate divided by its source's hours), ``quoted_rate`` and
    ``rate_unit`` (``day`` or ``hour``)."""

    def hourly(record: Record) -> object:
        amount = _quoted(record)
        if amount is None:
            return None
        if _unit(record) == "hour":
            return float(amount)
        hours = source_hours.get(record_source(record), hours_per_day)
        return float(amount / Decimal(str(hours)))

    def quoted(record: Record) -> object:
        amount = _quoted(record)
        return None if amount is None else float(amount)

    return (
        Feature("hourly_rate", hourly),
        Feature("quoted_rate", quoted),
        Feature("rate_unit", _unit),
    )


def amount_levels(hours_per_day: float, source_hours: Mapping[str, float]) -> tuple[Level, ...]:
    """The levels of the hourly amounts after ``Null``; only ``conflict`` should force
    review (see ``matching.presets.rate_card``)."""
    configured = {float(hours_per_day), *map(float, source_hours.values())}
    return (
        NumberWithin("same_amount", fraction=0.005, absolute=0.01),
        UnitSlip(hours=tuple(sorted(configured))),
        OtherDayLength(hours=tuple(sorted({*WORKING_DAYS, *configured}))),
        NumberWithin("near", fraction=0.05),
        Else("conflict"),
    )
