"""True rate-card lines: standard cards per region and year, and negotiated client cards."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

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
RENEWAL_RATE = 0.3  # share of ending client cards renewed as a new version
LAST_RENEWAL = YEARS[-1] + 1  # extracts hold no renewals starting further ahead


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


def _price(level: int, *, region: str, year: int, discount: float) -> Decimal:
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
    code: str, region: str, period: tuple[date, date | None], customer: str, discount: float,
    roles: list[tuple[str, int]],
) -> list[RateLine]:  # fmt: skip
    currency = REGIONS[region][0]
    start, end = period
    price = partial(_price, region=region, year=start.year, discount=discount)
    return [
        RateLine("", code, role, level, currency, price(level), start, end, customer, region)
        for role, level in roles
    ]


def _standard_cards(rng: random.Random) -> list[list[RateLine]]:
    cards: list[list[RateLine]] = []
    for region in REGIONS:
        for year in YEARS:
            end = date(year, 12, 31) if year < YEARS[-1] else None
            period = (date(year, 1, 1), end)
            cards.append(_card(f"STD-{region}-{year}", region, period, "", 1.0, _card_roles(rng)))
    return cards


def _end_after(start: date, rng: random.Random) -> date | None:
    """Open-ended (still in force) or the day before an anniversary 1 to 3 years on."""
    if rng.random() >= 0.7:
        return None
    return date(start.year + pick(rng, (1, 2, 3)), start.month, 1) - timedelta(days=1)


def _client_cards(customer: str, country: str, n: int, rng: random.Random) -> list[list[RateLine]]:
    """A client's negotiated cards, one in force at a time: when a card ends, a renewal (a new
    version of the card, repriced) may start the next day. Cards are numbered from ``n + 1``."""
    region = _COUNTRY_REGION.get(country, "EMEA")
    roles = _card_roles(rng)
    start: date | None = date(pick(rng, YEARS), pick(rng, (1, 1, 4, 7, 10)), 1)
    cards: list[list[RateLine]] = []
    while start is not None:
        end = _end_after(start, rng)
        discount = rng.uniform(0.82, 0.97)
        code = f"CL-{n + len(cards) + 1:04d}"
        cards.append(_card(code, region, (start, end), customer, discount, roles))
        renewed = end is not None and end.year <= LAST_RENEWAL and rng.random() < RENEWAL_RATE
        start = end + timedelta(days=1) if end is not None and renewed else None
    return cards


def make_rate_lines(
    count: int, clients: list[tuple[str, str]], rng: random.Random, prefix: str = "L"
) -> list[RateLine]:
    """``count`` lines (fewer if the clients run out): standard cards first, then negotiated
    cards for ``(truth id, country)``.

    A line is unique by its business key (role, level, currency, client or standard card,
    region, period): each client appears once, with its cards in sequence, so no two lines
    that are in force at the same time share role, level and client.
    """
    cards = _standard_cards(rng)
    rng.shuffle(cards)
    lines: list[RateLine] = [line for card in cards[: max(2, count // 40)] for line in card]
    pool = list(clients)
    rng.shuffle(pool)
    n = 0
    for customer, country in pool:
        if len(lines) >= count:
            break
        for card in _client_cards(customer, country, n, rng):
            n += 1
            lines.extend(card)
    lines = lines[:count]
    return [
        RateLine(f"{prefix}{i + 1:06d}", *(getattr(line, f) for f in _FIELDS))
        for i, line in enumerate(lines)
    ]


_FIELDS = ("card", "role", "level", "currency", "hourly", "effective_from", "effective_to",
           "customer", "region")  # fmt: skip
