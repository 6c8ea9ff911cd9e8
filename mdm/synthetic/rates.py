"""True rate-card lines: standard cards per region and year, and negotiated client cards."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from mdm.synthetic.draws import pick
from mdm.synthetic.people import FX

ROLES = (
    ("Analyst", 1), ("Consultant", 2), ("Senior Consultant", 3), ("Manager", 4),
    ("Senior Manager", 5), ("Principal", 6), ("Partner", 7), ("Business Analyst", 2),
    ("Data Engineer", 3), ("Data Scientist", 3), ("Cloud Engineer", 3), ("Project Manager", 4),
    ("Change Manager", 4), ("Solution Architect", 5),
)  # fmt: skip
_BASE_HOURLY_USD = {1: 110, 2: 150, 3: 195, 4: 250, 5: 300, 6: 360, 7: 450}
# region -> (currency, price level)
REGIONS = {"NA": ("USD", 1.0), "UK": ("GBP", 0.95), "EMEA": ("EUR", 0.9), "DACH": ("EUR", 0.97),
           "CH": ("CHF", 1.1), "APAC": ("AUD", 1.0), "Nordics": ("SEK", 0.95)}  # fmt: skip
_COUNTRY_REGION = {"US": "NA", "CA": "NA", "GB": "UK", "IE": "EMEA", "DE": "DACH", "AT": "DACH",
                   "CH": "CH", "AU": "APAC", "SE": "Nordics", "DK": "Nordics"}  # fmt: skip
YEARS = (2023, 2024, 2025)


@dataclass(frozen=True)
class RateLine:
    truth_id: str
    card: str  # the card this line belongs to (systems number lines within a card)
    role: str
    level: int
    currency: str
    hourly: Decimal
    effective_from: date
    effective_to: date | None
    customer: str  # truth id of the client for a negotiated card, "" for a standard card
    region: str


def _price(level: int, region: str, year: int, discount: float) -> Decimal:
    currency, factor = REGIONS[region]
    raw = _BASE_HOURLY_USD[level] * factor * FX[currency] * (1.04 ** (year - 2023)) * discount
    step = 5 if raw < 1000 else 50
    return Decimal(round(raw / step) * step).quantize(Decimal("0.01"))


def _card_roles(rng: random.Random) -> list[tuple[str, int]]:
    core = list(ROLES[:7])
    extra = rng.sample(ROLES[7:], rng.randint(0, 4))
    kept = [r for r in core if rng.random() < 0.85]
    return kept + extra


def _card(
    code: str, region: str, start: date, end: date | None, customer: str, discount: float,
    rng: random.Random,
) -> list[RateLine]:  # fmt: skip
    currency = REGIONS[region][0]
    return [
        RateLine(
            "",
            code,
            role,
            level,
            currency,
            _price(level, region, start.year, discount),
            start,
            end,
            customer,
            region,
        )
        for role, level in _card_roles(rng)
    ]


def _standard_cards(rng: random.Random) -> list[list[RateLine]]:
    cards = []
    for region in REGIONS:
        for year in YEARS:
            end = date(year, 12, 31) if year < YEARS[-1] else None
            cards.append(_card(f"STD-{region}-{year}", region, date(year, 1, 1), end, "", 1.0, rng))
    return cards


def _client_card(customer: str, country: str, n: int, rng: random.Random) -> list[RateLine]:
    region = _COUNTRY_REGION.get(country, "EMEA")
    start = date(pick(rng, YEARS), pick(rng, (1, 1, 4, 7, 10)), 1)
    end = date(start.year + pick(rng, (1, 2, 3)), start.month, 1) if rng.random() < 0.7 else None
    if end is not None:
        end = date.fromordinal(end.toordinal() - 1)
    discount = rng.uniform(0.82, 0.97)
    return _card(f"CL-{n:04d}", region, start, end, customer, discount, rng)


def make_rate_lines(
    count: int, clients: list[tuple[str, str]], rng: random.Random, prefix: str = "L"
) -> list[RateLine]:
    """``count`` lines: standard cards first, then negotiated cards for ``(truth id, country)``."""
    cards = _standard_cards(rng)
    rng.shuffle(cards)
    lines: list[RateLine] = [line for card in cards[: max(2, count // 40)] for line in card]
    n = 0
    while len(lines) < count and clients:
        customer, country = pick(rng, clients)
        n += 1
        lines.extend(_client_card(customer, country, n, rng))
    lines = lines[:count]
    return [
        RateLine(f"{prefix}{i + 1:06d}", *(getattr(line, f) for f in _FIELDS))
        for i, line in enumerate(lines)
    ]


_FIELDS = ("card", "role", "level", "currency", "hourly", "effective_from", "effective_to",
           "customer", "region")  # fmt: skip
