"""Amounts to ``Decimal`` (never float) and currencies to ISO 4217 codes.

Amount rules (``to_decimal``):

* currency symbols, ISO codes and other letters, spaces (also no-break and thin spaces) and
  apostrophes (Swiss grouping ``1'234.50``) are removed, and so is the dot that ends an
  abbreviation (``SFr. 150``, ``Rs.5,000``: a dot after a letter is no decimal point);
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
_ABBREVIATION_DOT = re.compile(r"(?<=[^\W\d_])\.")
_INTERRUPTED = re.compile(r"\d[^\d,.]+\d")
_SIGNED = re.compile(r"^(?P<open>\()?(?P<lead>[-+])?(?P<body>[\d.,]+)(?P<trail>-)?(?P<close>\))?$")
_NO_CENTS = re.compile(r"(?<=\d)([.,])[-–—](?!\d)")
"""``1'450.-``, ``1.450,-``: the amount has no cents, written as a dash after the decimal mark
(Swiss and German price notation). Not ``100-``, a trailing minus as SAP writes a negative."""
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
    "kr": "SEK",  # also NOK, DKK, ISK (_ALSO_WRITTEN)
    "kč": "CZK",
    "kc": "CZK",  # Kč without its háček, as ASCII exports write it
    # India writes Rs the most (₹, its sign since 2010, has its own entry; Rs./Rs stay common
    # on its invoices); Pakistan, Sri Lanka, Nepal, Mauritius and the Seychelles write it too
    # and agree with it (_ALSO_WRITTEN), as ``kr`` does with NOK. ``₨``, ``Re`` and ``R`` stay
    # unread: more currencies share them, or they are no currency's usual sign.
    "rs": "INR",
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


_DOLLARS = (
    "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN", "ARS", "CLP", "COP", "UYU", "DOP",
    "BSD", "BBD", "BMD", "BZD", "BND", "FJD", "GYD", "JMD", "KYD", "LRD", "NAD", "SBD", "SRD",
    "TTD", "XCD",
)  # fmt: skip
_ALSO_WRITTEN: dict[str, tuple[str, ...]] = {
    "$": _DOLLARS,
    "dollar": _DOLLARS,
    "dollars": _DOLLARS,
    "£": ("GIP", "FKP", "SHP"),
    "¥": ("CNY",),
    "kr": ("NOK", "DKK", "ISK"),
    "rs": ("PKR", "LKR", "NPR", "MUR", "SCR"),
}
"""The other currencies written with a symbol ``_SYMBOLS`` reads as its most common one: an
amount written ``kr 950`` agrees with a currency column saying NOK."""


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
    text = _ABBREVIATION_DOT.sub("", _SPACING.sub("", value))
    text = _NO_CENTS.sub(r"\g<1>00", text)
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
    ``kr`` is SEK, ``Rs`` is INR, ``¥`` is JPY (``currencies_of`` gives the others). An
    abbreviation's dot is optional (``SFr.``, ``Eur.``, ``Rs.``). None when unknown, and for
    ISO's codes that are no money anyone is billed in (``XXX`` "no currency", ``XTS`` "for
    testing").
    """
    text = " ".join(value.split())
    code = _currency(text)
    if code is None and len(text) > 1 and text.endswith("."):
        code = _currency(text[:-1])
    return code


def _currency(text: str) -> str | None:
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


def currencies_of(value: str) -> tuple[str, ...]:
    """Every currency ``value`` may name: ``to_currency``'s reading first, then the others
    written the same way (``kr``: SEK, NOK, DKK, ISK); empty when it names none."""
    code = to_currency(value)
    if code is None:
        return ()
    return (code, *_ALSO_WRITTEN.get(" ".join(value.split()).lower().removesuffix("."), ()))
