"""How golden values read: a readable casing for names and places when a source shouts, tax ids
in their checked standard form, phone numbers in the international format. The source values
stay as they were: lineage keeps them (``source_value``) beside the displayed golden value.
Pure and deterministic, so a golden record recomputed from its members is equal to the stored one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mdm.domain.entities import field_named

SMALL_WORDS = frozenset({
    "am", "an", "and", "da", "de", "del", "der", "des", "di", "die", "do", "du", "en", "et",
    "im", "la", "le", "les", "of", "on", "sur", "the", "und", "van", "von", "y", "zu",
})  # fmt: skip
LEGAL_FORMS = {
    "LTD": "Ltd", "LTD.": "Ltd.", "LIMITED": "Limited", "GMBH": "GmbH", "INC": "Inc",
    "INC.": "Inc.", "CO": "Co", "CO.": "Co.", "CORP": "Corp", "CORP.": "Corp.", "PTY": "Pty",
    "SARL": "SARL", "SAS": "SAS", "SA": "SA", "AG": "AG", "KG": "KG", "BV": "BV", "NV": "NV",
    "B.V.": "B.V.", "N.V.": "N.V.", "PLC": "PLC", "LLP": "LLP", "LLC": "LLC", "AB": "AB",
    "AS": "AS", "OY": "Oy", "SPA": "SpA", "S.P.A.": "S.p.A.", "SRL": "Srl", "ULC": "ULC",
}  # fmt: skip
_WORD_START = re.compile(r"(^|[-'’/(])([a-zà-ÿ])")


def shouts(value: str) -> bool:
    """Written in capitals throughout, with enough letters to be words (not ``GB`` or ``NSW``)."""
    if value.isascii() and not value.isupper():
        return False  # an ASCII letter is cased: a small one, or none at all (most values)
    letters = [c for c in value if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _word(token: str, first: bool) -> str:
    if token in LEGAL_FORMS:
        return LEGAL_FORMS[token]
    lower = token.lower()
    if any(c.isdigit() for c in token) or (len(token) <= 3 and not re.search(r"[AEIOUY]", token)):
        return token  # a house number, a postcode part, an abbreviation such as NSW
    if not first and lower in SMALL_WORDS:
        return lower
    return _WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), lower)


def readable_case(value: str) -> str:
    """``FRANKFURT AM MAIN`` → ``Frankfurt am Main``; ``AL-SAYED BROADCASTING B.V.`` →
    ``Al-Sayed Broadcasting B.V.``."""
    return " ".join(_word(t, n == 0) for n, t in enumerate(value.split(" ")))


def displayed(field: str, value: Any, golden: Mapping[str, Any]) -> Any:
    """The golden value of ``field`` as shown (``golden``: the record's other values): names
    and places (the fields declared ``cased``) in a readable casing, others as their kind
    shows them (a phone number, a tax id)."""
    spec = field_named(field)
    if spec is None or not isinstance(value, str) or not value:
        return value
    if spec.cased and shouts(value):
        return readable_case(value)
    if spec.kind.show is not None:
        return spec.kind.show(value, golden)
    return value
