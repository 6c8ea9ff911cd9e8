"""How the ERP and the PSA tool hold a rate-card line."""

from __future__ import annotations

import random
from decimal import Decimal

from mdm.synthetic.model import Row, blank_row
from mdm.synthetic.rates import RateLine

HOURS_PER_DAY = 8


def rate_row(line: RateLine, system: str, customer_key: str, per_day: bool) -> Row:
    """``per_day``: this system prices the line's card as a day rate (hour rate x 8)."""
    row = blank_row("rate_card")
    rate = line.hourly * HOURS_PER_DAY if per_day else line.hourly
    row.update(
        role=line.role, level=f"L{line.level}" if "erp" in system else str(line.level),
        currency=line.currency, rate=str(rate.quantize(Decimal("0.01"))),
        unit="day" if per_day else "hour", effective_from=line.effective_from.isoformat(),
        effective_to=line.effective_to.isoformat() if line.effective_to else "",
        customer_source_id=customer_key, region=line.region,
    )  # fmt: skip
    return row


def prices_per_day(system: str, line: RateLine, rng: random.Random) -> bool:
    """The ERP keeps European cards as day rates more often than not; the PSA never does."""
    if "erp" not in system:
        return False
    return rng.random() < (0.65 if line.region in ("EMEA", "DACH", "CH", "Nordics") else 0.15)
