"""Header names as exports write them, folded to compare: case, accents, camelCase, SAP and
Salesforce suffixes, punctuation and Excel habits ("Postal Code (ZIP)", "E-Mail Address")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from matching import currencies_of, held_unit, to_currency

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_SUFFIXES = ("__c", "__pc")  # Salesforce custom fields
_FILLER = frozenset({"the", "of", "de", "du", "des", "la", "le", "der", "die", "das"})
# words that only say where a value sits in the exporting system, not what it is
_PLACE = frozenset({
    "billing", "account", "accounts", "company", "customer", "client", "primary", "main",
    "business", "work", "address1", "addr1", "default", "std", "standard", "official",
    "registered", "org", "organisation", "organization", "bill", "to", "sold", "party",
    "worker", "employee", "person", "contact", "record", "line", "rate", "card",
})  # fmt: skip
# a currency a header names: a symbol, or an ISO code written in capitals ("Rate (EUR)") or in
# brackets ("rate (eur)"); a lower-case word ("all", "top") is a word, not a code
_CURRENCY = re.compile(r"US\$|[$€£¥₹₽₩₺₪₫₱₦₴₸]|(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])")
_IN = re.compile(r"\s+(?:in|en|em)\s*$", re.IGNORECASE)  # "Rate in EUR", "Taux en EUR"
_BRACKETED = re.compile(r"[(\[]\s*([A-Za-z]{3})\s*[)\]]")
# words of generic headers a spreadsheet makes up ("Column 7", "Unnamed: 3", "F12")
_GENERIC = re.compile(r"^(column|col|field|unnamed|spalte|colonne|f)\s*\d*$")


def fold_header(header: str) -> str:
    """Lowercase ASCII words separated by single spaces, filler words dropped."""
    text = header.strip()
    for suffix in _SUFFIXES:
        if text.lower().endswith(suffix):
            text = text[: -len(suffix)]
    text = _CAMEL.sub(" ", text.replace("_", " ").replace("ß", "ss"))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in _NOT_WORD.sub(" ", text).split() if w not in _FILLER]
    return " ".join(words)


def without_place(folded: str) -> str:
    """The folded header without words that only say where the value sits
    ("Billing Postal Code" -> "postal code"); the header itself if nothing else is left."""
    words = [w for w in folded.split() if w not in _PLACE]
    return " ".join(words) if words else folded


def compact(folded: str) -> str:
    return folded.replace(" ", "")


def is_generic(header: str) -> bool:
    """A header that says nothing about its column (the values must)."""
    return bool(_GENERIC.match(fold_header(header))) or not fold_header(header)


def unit_named(header: str) -> tuple[str, str] | None:
    """The period a price's header names (``hour`` or ``day``: "Day Rate", "Tagessatz",
    "Rate per hour", "TJM"), read by the rate-card unit vocabulary
    (:func:`matching.held_unit`), and the folded header without those words ("rate", or ""
    when the header is the unit's own word). None when it names none, or two
    ("Hourly rate per day"); a word that only says where a value sits ("Std Rate": standard)
    is not read as a unit."""
    words = fold_header(header).split()
    found: dict[str, tuple[int, int]] = {}
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            unit = None if size == 1 and span[0] in _PLACE else held_unit(" ".join(span))
            if unit is not None:
                found.setdefault(unit, (start, start + size))
    if len(found) != 1:
        return None
    ((unit, (start, end)),) = found.items()
    return unit, " ".join(words[:start] + words[end:])


@dataclass(frozen=True)
class PriceHeader:
    """What a price's header says beside naming the price: the period it is per
    (``unit_named``), the currency it is in, and the folded header without them (``rest``;
    ``named``: without the currency only, which may be a price's own name: "Day Rate")."""

    rest: str
    named: str
    unit: str | None = None
    currency: str | None = None
    currency_written: str = ""

    def currency_reading(self) -> str:
        """How the currency was read, for the analyst: the code, and the others its symbol
        may stand for ("$": USD, also CAD, AUD, ...)."""
        others = [c for c in currencies_of(self.currency_written) if c != self.currency]
        also = f"; {self.currency_written} is also {', '.join(others[:3])}" if others else ""
        more = ", ..." if len(others) > 3 else ""
        return f"{self.currency_written!r}, read as {self.currency}{also}{more}"


def price_header(header: str) -> PriceHeader | None:
    """The unit and the currency a price's header names ("Day Rate (EUR)", "Stundensatz €",
    "Rate per hour"), and the folded header without them; None when it names neither. A
    header naming two currencies names none."""
    currency = _currency_named(header)
    text = header if currency is None else currency[2]
    unit = unit_named(text)
    if unit is None and currency is None:
        return None
    named = fold_header(text)
    rest = unit[1] if unit is not None else named
    if currency is None:
        return PriceHeader(rest, named, unit[0] if unit else None)
    return PriceHeader(rest, named, unit[0] if unit else None, currency[0], currency[1])


def _currency_named(header: str) -> tuple[str, str, str] | None:
    """(code, as written, the header without it) of the one currency ``header`` names."""
    bracketed = {m.start(1) for m in _BRACKETED.finditer(header)}
    found = []
    for match in _CURRENCY.finditer(header):
        written = match.group(0)
        if written.isalpha() and not (written.isupper() or match.start() in bracketed):
            continue
        code = to_currency(written)
        if code is not None and (not written.isalpha() or code == written.upper()):
            found.append((code, written, match.start(), match.end()))
    if len({code for code, *_ in found}) != 1:
        return None
    code, written, start, end = found[0]
    before = _IN.sub("", header[:start])  # "Tagessatz in CHF"
    rest = " ".join(part for part in (before, header[end:]) if part.strip(" ()[]/-"))
    return code, written, rest
