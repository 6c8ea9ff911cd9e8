"""Header names as exports write them, folded to compare: case, accents, camelCase, SAP and
Salesforce suffixes, punctuation and Excel habits ("Postal Code (ZIP)", "E-Mail Address")."""

from __future__ import annotations

import re
import unicodedata

from matching import held_unit

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
