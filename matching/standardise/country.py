"""Country names and codes to ISO 3166-1 alpha-2."""

from __future__ import annotations

import gettext
import os
import re
import unicodedata
from functools import cache, lru_cache

import pycountry

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[.,'’()]")

# Common names that pycountry does not know; keys are folded (see `_fold`).
_ALIASES: dict[str, str] = {
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "united kingdom": "GB",
    "us": "US",
    "u s": "US",
    "u s a": "US",
    "america": "US",
    "united states": "US",
    "the netherlands": "NL",
    "netherlands": "NL",
    "holland": "NL",
    "nederland": "NL",
    "deutschland": "DE",
    "bundesrepublik deutschland": "DE",
    "frankreich": "FR",
    "osterreich": "AT",
    "schweiz": "CH",
    "suisse": "CH",
    "svizzera": "CH",
    "espana": "ES",
    "italia": "IT",
    "belgie": "BE",
    "belgique": "BE",
    "danmark": "DK",
    "sverige": "SE",
    "norge": "NO",
    "suomi": "FI",
    "polska": "PL",
    "ceska republika": "CZ",
    "czechia": "CZ",
    "czech republic": "CZ",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "turkey": "TR",
    "turkiye": "TR",
    "vietnam": "VN",
    "viet nam": "VN",
    "iran": "IR",
    "syria": "SY",
    "laos": "LA",
    "moldova": "MD",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "taiwan": "TW",
    "macau": "MO",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "uae": "AE",
    "u a e": "AE",
    "emirates": "AE",
    "hong kong": "HK",
    "brasil": "BR",
    "mexico": "MX",
    "prc": "CN",
    "peoples republic of china": "CN",
    "eire": "IE",
    "ireland": "IE",
}


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _PUNCT.sub(" ", stripped.replace("&", " and "))
    return _SPACES.sub(" ", stripped).strip().lower()


@lru_cache(maxsize=4096)
def to_iso2(value: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a country name or code, or None.

    Accepts alpha-2, alpha-3 and numeric codes, official and common names (pycountry),
    a small table of aliases (``UK`` -> ``GB``, ``Holland`` -> ``NL``, native names) and the
    names in every language pycountry translates them to (``Allemagne`` -> ``DE``).
    Case, accents, punctuation and surrounding whitespace are ignored. No fuzzy matching.
    """
    folded = _fold(value)
    if not folded:
        return None
    alias = _ALIASES.get(folded)
    if alias is not None:
        return alias
    if folded.startswith("the "):
        alias = _ALIASES.get(folded[4:])
        if alias is not None:
            return alias
    for candidate in (value.strip(), folded, folded.removeprefix("the ")):
        try:
            country = pycountry.countries.lookup(candidate)
        except LookupError:
            continue
        return str(country.alpha_2)
    return _translated_names().get(folded)


@cache
def _translated_names() -> dict[str, str]:
    """Every country's name and official name in each language pycountry ships a translation
    for (``Allemagne``, ``Royaume-Uni``, ``Česko``, ``Magyarország``, ``Германия``), folded;
    a name that two countries answer to in some languages is left out. Read once, when a
    value is first not found otherwise."""
    found: dict[str, set[str]] = {}
    for language in sorted(os.listdir(pycountry.LOCALES_DIR)):
        try:
            translation = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
            )
        except OSError:
            continue
        for country in pycountry.countries:
            for name in (country.name, getattr(country, "official_name", None)):
                if name:
                    found.setdefault(_fold(translation.gettext(name)), set()).add(
                        str(country.alpha_2)
                    )
    return {name: codes.pop() for name, codes in found.items() if name and len(codes) == 1}
