"""Mistakes and drift found in rate-card lines."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from mdm.synthetic.corruption import Mistake, blank_one
from mdm.synthetic.draws import Weighted, pick
from mdm.synthetic.model import Row
from mdm.synthetic.people_words import TITLE_VARIANTS
from mdm.synthetic.rates import RateLine

# Another spelling of a role, never another role of the card: in a rate card ``Business
# Analyst`` is a role of its own, not a way of writing ``Analyst``, and an ``Equity Partner``
# is a kind of partner, not the partner line.
_ROLE_VARIANTS = {
    **TITLE_VARIANTS,
    "Analyst": ("Analyst, Consulting", "Jr. Analyst"),
    "Partner": ("Partner, Consulting", "PARTNER"),
    "Data Engineer": ("Data Eng.", "Data Engineer II", "Engineer, Data"),
    "Data Scientist": ("Data Science Consultant", "Sr Data Scientist"),
    "Cloud Engineer": ("Cloud Eng.", "Cloud Engineering Consultant"),
    "Project Manager": ("PM", "Project Mgr"),
    "Solution Architect": ("Solutions Architect", "Sol. Architect"),
    "Business Analyst": ("BA", "Bus. Analyst"),
    "Change Manager": ("Change Mgr", "OCM Lead"),
}
_REGION_VARIANTS = {"NA": ("North America", "US", "AMER"), "UK": ("GB", "United Kingdom"),
                    "EMEA": ("Europe", "EU"), "DACH": ("DE/AT", "Germany"),
                    "CH": ("Switzerland",), "APAC": ("AU", "Asia Pacific"),
                    "Nordics": ("Nordic", "SE")}  # fmt: skip
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII")


def _role(row: Row, r: RateLine, rng: random.Random) -> None:
    variants = _ROLE_VARIANTS.get(r.role)
    row["role"] = pick(rng, variants) if variants else row["role"].upper()


def _level(row: Row, r: RateLine, rng: random.Random) -> None:
    row["level"] = pick(rng, (str(r.level), f"Level {r.level}", _ROMAN[r.level], f"L{r.level}"))


def _rounding(row: Row, r: RateLine, rng: random.Random) -> None:
    rate = Decimal(row["rate"])
    if rng.random() < 0.5:
        rate = rate - Decimal("0.01") if rng.random() < 0.5 else rate.quantize(Decimal("1"))
    else:
        rate = (rate * Decimal(str(pick(rng, (0.97, 0.98, 1.02, 1.03))))).quantize(Decimal("1"))
    row["rate"] = str(rate.quantize(Decimal("0.01")))


def _open_ended(row: Row, r: RateLine, rng: random.Random) -> None:
    row["effective_to"] = ""


def _shifted_start(row: Row, r: RateLine, rng: random.Random) -> None:
    start = r.effective_from
    moved = start + timedelta(days=pick(rng, (-1, 1, 14, 31)))
    row["effective_from"] = moved.isoformat() if moved.year > 2000 else start.isoformat()


def _region(row: Row, r: RateLine, rng: random.Random) -> None:
    row["region"] = pick(rng, _REGION_VARIANTS[r.region]) if rng.random() < 0.8 else ""


def _missing(row: Row, r: RateLine, rng: random.Random) -> None:
    blank_one(row, ("customer_source_id", "level", "region", "effective_to"), rng)


def _unit_slip(row: Row, r: RateLine, rng: random.Random) -> None:
    """The unit column says hour while the amount is the day rate (or the reverse)."""
    row["unit"] = "hour" if row["unit"] == "day" else "day"


def _currency(row: Row, r: RateLine, rng: random.Random) -> None:
    row["currency"] = row["currency"].lower() if rng.random() < 0.7 else ""


def _end_date(row: Row, r: RateLine, rng: random.Random) -> None:
    if r.effective_to:
        row["effective_to"] = date(r.effective_to.year, 12, 31).isoformat()


_TABLE: tuple[tuple[Mistake[RateLine], float], ...] = (
    (_role, 20), (_level, 14), (_rounding, 10), (_open_ended, 9), (_shifted_start, 7),
    (_region, 10), (_missing, 10), (_unit_slip, 2), (_currency, 2), (_end_date, 4),
)  # fmt: skip
RATE_MISTAKES: Weighted[Mistake[RateLine]] = Weighted(
    [m for m, _ in _TABLE], [w for _, w in _TABLE]
)
