"""What a column's values look like: e-mail addresses, phone numbers, countries, tax ids,
D-U-N-S numbers, websites, postcodes, currencies, dates, amounts of money.

Each detector answers for one value; :func:`kind_shares` gives, for a sample of a column, the
share of its non-empty values each kind accepts. The detectors use the ingest's own
standardisers where one exists, so "looks like a date" means "the ingest would read it".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from matching import (
    normalise_duns,
    normalise_email,
    registrable_domain,
    to_currency,
    to_decimal,
    to_iso2,
    to_iso_date,
)

_PHONE = re.compile(r"^(?:\+|00)?[\d\s().\-/]{6,22}(?:\s*(?:x|ext\.?)\s*\d{1,5})?$")
_TAX_ID = re.compile(r"^(?:[A-Z]{2}|CHE)?[A-Z]?\d[\dA-Z]{5,14}$")
_TAX_NOISE = re.compile(r"[\s.\-/]")
_POSTCODE = re.compile(r"^(?=.*\d)[A-Z0-9]{2,5}(?:[\s\-][A-Z0-9]{2,4})?$")
_MONEY_SIGNS = re.compile(r"^[^\d\-(]{0,4}|[^\d)]{0,4}$")


def is_email(value: str) -> bool:
    return "@" in value and normalise_email(value) is not None


def is_phone(value: str) -> bool:
    if not _PHONE.match(value) or to_iso_date(value) is not None:
        return False
    digits = sum(c.isdigit() for c in value)
    separated = value.startswith(("+", "00", "(")) or any(c in value for c in " -./")
    return 7 <= digits <= 15 and (separated or digits >= 10)


def is_country(value: str) -> bool:
    return to_iso2(value) is not None


def is_tax_id(value: str) -> bool:
    compact = _TAX_NOISE.sub("", value.upper())
    return bool(_TAX_ID.match(compact)) and sum(c.isdigit() for c in compact) >= 6


def is_duns(value: str) -> bool:
    return normalise_duns(value) is not None


def is_website(value: str) -> bool:
    if "@" in value or " " in value or "." not in value:
        return False
    return registrable_domain(value) is not None


def is_postcode(value: str) -> bool:
    return bool(_POSTCODE.match(value.upper())) and not is_date(value)


def is_currency(value: str) -> bool:
    return len(value) <= 12 and to_currency(value) is not None


def is_date(value: str) -> bool:
    return to_iso_date(value) is not None


def is_money(value: str) -> bool:
    if is_date(value) or is_phone(value):
        return False
    body = _MONEY_SIGNS.sub("", value.strip()) or value
    return to_decimal(body) is not None or to_decimal(value) is not None


DETECTORS: dict[str, Callable[[str], bool]] = {
    "email": is_email,
    "phone": is_phone,
    "country": is_country,
    "tax_id": is_tax_id,
    "duns": is_duns,
    "website": is_website,
    "postcode": is_postcode,
    "currency": is_currency,
    "date": is_date,
    "money": is_money,
}
# kinds distinctive enough to name a column whose header says nothing (ordered: the first
# that holds wins, so an e-mail column is not also read as a website)
DISTINCTIVE = ("email", "website", "tax_id", "date", "country", "currency")


def kind_share(kind: str, values: Sequence[str]) -> float:
    """The share of the non-empty ``values`` that look like ``kind`` (0 when all are empty)."""
    filled = [v.strip() for v in values if v and v.strip()]
    if not filled:
        return 0.0
    detect = DETECTORS[kind]
    return sum(1 for v in filled if detect(v)) / len(filled)


def dominant_kind(values: Sequence[str], at_least: float = 0.9) -> tuple[str, float] | None:
    """The first distinctive kind that at least ``at_least`` of the values have, if any."""
    for kind in DISTINCTIVE:
        share = kind_share(kind, values)
        if share >= at_least:
            return kind, share
    return None
