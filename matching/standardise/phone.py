"""Telephone numbers to E.164."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

_NOT_DIALLED = re.compile(r"[^\d+]")
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|#)\s*\d+\s*$", re.IGNORECASE)


def _region(country_iso2: str | None) -> str | None:
    if not country_iso2:
        return None
    region = country_iso2.strip().upper()
    return region if len(region) == 2 and region.isalpha() else None


@lru_cache(maxsize=65536)
def to_e164(value: str, country_iso2: str | None) -> str | None:
    """Return the number in E.164 form (``+442079460958``) or None.

    ``country_iso2`` is the region used for national formats (``020 7946 0958`` with ``GB``).
    ``+`` and the ``00`` international prefix are accepted whatever the region. Extensions
    (``x123``, ``ext. 123``) are dropped. None when the text cannot be parsed or is not a
    possible number for its country (length check, not an allocation check).
    """
    text = _EXTENSION.sub("", value.strip())
    digits = _NOT_DIALLED.sub("", text)
    if len(digits.lstrip("+")) < 5:
        return None
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif "+" in digits[1:]:
        return None
    region = None if digits.startswith("+") else _region(country_iso2)
    if region is None and not digits.startswith("+"):
        return None
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
