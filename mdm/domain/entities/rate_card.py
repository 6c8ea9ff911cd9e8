"""Rate cards: what a role costs or is billed at, in a currency, over a period (one record is
one line of a card)."""

from __future__ import annotations

from mdm.domain.entities.definition import (
    EndsAfterStart,
    EntitySchema,
    Field,
    NotNegative,
    Reference,
    Required,
    Search,
)
from mdm.domain.entities.kinds import CURRENCY, DATE, MONEY, RATE_UNIT
from mdm.domain.entities.price_text import PriceText
from mdm.domain.survivorship_rules import AttributeRule, EntityRules, GroupRule

_ERP_FIRST = AttributeRule(rule="source_priority", priority=("erp", "psa"))

RATE_CARD = EntitySchema(
    name="rate_card",
    field_specs=(
        Field("source_id", "the rate line's key in its own system", "RC-2024-017"),
        Field("role", "the role priced", "Senior Consultant", cased=True),
        Field("level", "seniority level within the role", "L3"),
        Field(
            "currency", "currency of the rate, ISO 4217 or a symbol; when empty, the one the "
            "rate is written with (`$150/hr`)", "EUR", CURRENCY,
        ),
        Field(
            "rate", "price per unit, a decimal number, never negative; may be written with its "
            "currency and unit (`EUR 1.200,00 per day`)", "1250.00", MONEY,
        ),
        Field(
            "unit", "`hour` or `day`, in the spellings of other tools and languages (`hourly`, "
            "`per day`, `Day(s)`, `MD`, `Stundensatz`, `TJM`, `giornaliero`); when empty, the "
            "unit the rate is written with, else hour", "day", RATE_UNIT, default="hour",
        ),
        Field("effective_from", "first day the rate applies", "2024-01-01", DATE),
        Field(
            "effective_to", "last day the rate applies (empty: open); one that cannot be read "
            "is flagged and the line reads as open until it is fixed", "2024-12-31", DATE,
            rejects=False,
        ),
        Field(
            "customer_source_id", "source_id of the customer in the same system, if specific",
            "ERP-C-881", references=Reference("customer", "customer", matched=True),
        ),
        Field("region", "region the rate applies to", "EMEA", cased=True),
    ),
    requirements=tuple(Required.field(f) for f in ("role", "currency", "rate", "effective_from")),
    checks=(EndsAfterStart("effective_from", "effective_to"), NotNegative("rate", "a rate")),
    prices=(PriceText("rate", currency="currency", unit="unit"),),
    duplicates=(("customer_source_id", "role", "level", "currency", "unit", "effective_from"),),
    preset="rate_card",
    evidence={
        "role": ("role",),
        "level": ("level",),
        "currency": ("currency",),
        "customer": ("customer_source_id",),
        "period": ("effective_from", "effective_to"),
        "rate": ("rate", "unit"),
        "region": ("region",),
        "period_end": ("effective_to",),
        "business_key": (
            "customer_source_id",
            "role",
            "level",
            "currency",
            "effective_from",
            "effective_to",
            "region",
        ),
    },
    survivorship=EntityRules(
        default=_ERP_FIRST,
        attributes={"effective_from": _ERP_FIRST, "effective_to": AttributeRule(rule="most_recent")},
        groups={
            "price": GroupRule(
                fields=("rate", "currency", "unit"), rule="source_priority", priority=("erp", "psa")
            ),
        },
    ),
    search=Search(names=(("role",),), place=(("region",),), key=("currency",)),
)  # fmt: skip
