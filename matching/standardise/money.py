"""Amounts to ``Decimal`` (never float) and currencies to ISO 4217 codes.

Amount rules (``to_decimal``):

* currency symbols, ISO codes and other letters, spaces (also no-break and thin spaces) and
  apostrophes (Swiss grouping ``1'234.50``) are removed;
* a leading or trailing ``-``, a leading ``+`` or surrounding parentheses give the sign;
* with both ``,`` and ``.`` present, the one that comes last is the decimal separator
  (``1,234.50`` and ``1.234,50`` are both 1234.50);
* a separator that occurs more than once is a thousands separator (``1.234.567``);
* a single ``,`` followed by exactly three digits is a thousands separator (``1,234`` = 1234);
  any other single ``,`` is a decimal comma (``12,5`` = 12.5);
* a single ``.`` is always the decimal point (``1.234`` = 1.234);
* letters between digits (``1e5``) make it not a number; thousands groups must have three
  digits; exponents, ``NaN`` and ``Infinity`` are refused.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pycountry

_NOISE = re.compile(r"[^\d,.\-+()]")
_SPACING = re.compile(r"[\s'’]")
_INTERRUPTED = re.compile(r"\d[^\d,.]+\d")
_SIGNED = re.compile(r"^(?P<open>\()?(?P<lead>[-+])?(?P<body>[\d.,]+)(?P<trail>-)?(?P<close>\))?$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_PLAIN = re.compile(r"^\d+(?:\.\d*)?$|^\.\d+$")

_SYMBOLS: dict[str, str] = {
    "€": "EUR",
    "£": "GBP",
    "$": "USD",
    "us$": "USD",
    "usd$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "¥": "JPY",
    "yen": "JPY",
    "円": "JPY",
    "元": "CNY",
    "rmb": "CNY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "zł": "PLN",
    "chf": "CHF",
    "sfr": "CHF",
    "fr.": "CHF",
    "kr": "SEK",
    "r$": "BRL",
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "pound sterling": "GBP",
}


def _to_dot_decimal(body: str) -> str | None:
    """Rewrite digits with ``,``/``.`` separators into plain ``1234.5`` form, or None."""
    if "," in body and "." in body:
        decimal_sep = "," if body.rfind(",") > body.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, fraction = body.rpartition(decimal_sep)
        whole = whole.replace(group_sep, ",")
        if not _GROUPED.match(whole) or not fraction.isdigit():
            return None
        return whole.replace(",", "") + "." + fraction
    for sep in (",", "."):
        count = body.count(sep)
        if count > 1 or (sep == "," and count == 1 and _GROUPED.match(body)):
            grouped = body.replace(sep, ",")
            return grouped.replace(",", "") if _GROUPED.match(grouped) else None
    return body.replace(",", ".")


@lru_cache(maxsize=16384)
def to_decimal(value: str) -> Decimal | None:
    """Parse an amount as written in source systems into a ``Decimal``; None if not a number."""
    text = _SPACING.sub("", value)
    if _INTERRUPTED.search(text):
        return None
    text = _NOISE.sub("", text)
    found = _SIGNED.match(text)
    if not found or bool(found["open"]) != bool(found["close"]):
        return None
    if found["lead"] and found["trail"]:
        return None
    plain = _to_dot_decimal(found["body"])
    if plain is None or not _PLAIN.match(plain):
        return None
    negative = bool(found["open"]) or found["lead"] == "-" or bool(found["trail"])
    try:
        amount = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the regex admits only plain numerals
        return None
    return -amount if negative else amount


NOT_MONEY = frozenset({"XXX", "XTS"})


@lru_cache(maxsize=1024)
def to_currency(value: str) -> str | None:
    """Return the ISO 4217 alpha code (uppercase) for a code, numeric code, name or symbol.

    Symbols that several currencies share are read as the most common one: ``$`` is USD,
    ``kr`` is SEK, ``¥`` is JPY. None when unknown, and for ISO's codes that are no money
    anyone is billed in (``XXX`` "no currency", ``XTS`` "for testing").
    """
    text = " ".join(value.split())
    if not text:
        return None
    symbol = _SYMBOLS.get(text.lower())
    if symbol is not None:
        return symbol
    try:
        currency = pycountry.currencies.lookup(text)
    except LookupError:
        return None
    code = str(currency.alpha_3).upper()
    return None if code in NOT_MONEY else code
