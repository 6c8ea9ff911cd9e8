"""Rate cards: the same line across systems is the same role and level, currency, customer
and an overlapping period. Amounts are compared per hour (``hours_per_day`` converts day
rates); two lines that agree on everything but the amount are never linked automatically: the
``rate`` comparison's ``conflict`` level forces review.

``customer_ref`` is the customer's golden id, set by the hub from ``customer_source_id``.
"""

from __future__ import annotations

from decimal import Decimal

from matching.blocking import BlockingRule
from matching.comparison import Comparison
from matching.feature import Feature
from matching.levels import Else, Exact, JaroWinklerAtLeast, Null
from matching.levels_numeric import NumberWithin, PeriodsOverlap
from matching.presets.derive import standardised, text_of
from matching.record import Record
from matching.settings import EntitySettings
from matching.standardise.dates import to_iso_date
from matching.standardise.money import to_currency, to_decimal
from matching.standardise.title import standardise_level, standardise_title
from matching.thresholds import Thresholds


def _hourly(hours_per_day: int) -> Feature:
    def derive(record: Record) -> object:
        value = text_of(record, "rate")
        amount = to_decimal(value) if value else None
        if amount is None:
            return None
        unit = (text_of(record, "unit") or "hour").lower()
        hourly = amount / Decimal(hours_per_day) if unit.startswith("d") else amount
        return float(hourly)

    return Feature("hourly_rate", derive)


def _features(hours_per_day: int) -> tuple[Feature, ...]:
    return (
        Feature("role", standardised("role", standardise_title)),
        Feature("level", standardised("level", standardise_level)),
        Feature("currency", standardised("currency", to_currency)),
        Feature("customer_ref", standardised("customer_ref", str)),
        _hourly(hours_per_day),
        Feature("effective_from", standardised("effective_from", to_iso_date)),
        Feature("effective_to", standardised("effective_to", to_iso_date)),
        Feature("region", standardised("region", str.upper)),
    )


def _rounded(values: tuple[object, ...]) -> list[str]:
    if any(value is None for value in values):
        return []
    *others, rate = values
    return ["|".join([*map(str, others), f"{float(str(rate)):.0f}"])]


BLOCKING_RULES = (
    BlockingRule(
        "role_level_currency_rate", ("role", "level", "currency", "hourly_rate"), _rounded
    ),
    BlockingRule("role_currency_customer", ("role", "currency", "customer_ref")),
    BlockingRule("role_level_currency_from", ("role", "level", "currency", "effective_from")),
    BlockingRule(
        "level_currency_rate_from", ("level", "currency", "effective_from", "hourly_rate"), _rounded
    ),
)


def _comparisons() -> tuple[Comparison, ...]:
    return (
        Comparison(
            "role", "role", (Null(), Exact(), JaroWinklerAtLeast("similar", threshold=0.9), Else())
        ),
        Comparison("level", "level", (Null(), Exact(), Else())),
        Comparison("currency", "currency", (Null(), Exact(), Else())),
        Comparison("customer", "customer_ref", (Null(), Exact(), Else())),
        Comparison(
            "period",
            "effective_from",
            (Null(), Exact("same_start"), PeriodsOverlap(until="effective_to"), Else()),
        ),
        Comparison(
            "rate",
            "hourly_rate",
            (Null(), NumberWithin("same_amount", fraction=0.005, absolute=0.01), Else("conflict")),
            review_levels=frozenset({"conflict"}),
        ),
        Comparison("region", "region", (Null(), Exact(), Else())),
    )


def rate_card_settings(
    thresholds: Thresholds | None = None, *, hours_per_day: int = 8, max_block_size: int = 200
) -> EntitySettings:
    return EntitySettings(
        entity="rate_card",
        features=_features(hours_per_day),
        blocking_rules=BLOCKING_RULES,
        comparisons=_comparisons(),
        thresholds=thresholds or Thresholds(),
        max_block_size=max_block_size,
    )
