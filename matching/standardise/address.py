"""Street lines, postcodes and city names, standardised for comparison.

Street lines are folded (``matching.standardise.text.fold``) and each street-type or unit
word is written one way, in full: ``St``/``St.``/``Street`` -> ``street``, ``Ave`` ->
``avenue``, ``Straße``/``Strasse``/``Str.`` -> ``strasse`` (also at the end of a compound:
``Hauptstr.`` -> ``hauptstrasse``), ``Ste`` -> ``suite``, ``Fl`` -> ``floor``, ... ``St``,
``Dr``, ``Mt`` and ``Ft`` as the first word of the street name read ``saint``, ``doctor``,
``mount`` and ``fort`` (``St. John's Road``). Numbers are kept; ordinal words become
ordinal numbers (``Fifth Avenue`` -> ``5th avenue``). An umlaut written out agrees with the
umlaut and the bare vowel (``Koenigstrasse``, ``Königstraße``: ``matching.standardise.text
.fold_name``). A street type written short before
the street's name, as Italian, Spanish, Portuguese and French addresses do, is written in full
(``V.le Monza`` -> ``viale monza``, ``C/ Mayor`` -> ``calle mayor``, ``P.zza Duomo`` ->
``piazza duomo``), and one type of two languages one way (``Avenida``, ``Av.`` -> ``avenue``;
``Rua``, ``R.`` -> ``rue``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from matching.standardise.country import to_iso2
from matching.standardise.text import (
    collapse_umlaut_spelling,
    fold,
    fold_name,
    join_single_letters,
)

STREET_TYPE_WORDS: dict[str, str] = {
    "st": "street", "str": "strasse", "strasse": "strasse", "ave": "avenue", "av": "avenue",
    "avn": "avenue", "avenida": "avenue", "avda": "avenue", "rd": "road", "blvd": "boulevard",
    "bd": "boulevard", "boul": "boulevard", "dr": "drive", "drv": "drive", "ln": "lane",
    "ct": "court", "crt": "court", "pl": "place", "plz": "platz", "sq": "square",
    "hwy": "highway", "pkwy": "parkway", "pky": "parkway", "cres": "crescent",
    "terr": "terrace", "ter": "terrace", "cir": "circle", "expy": "expressway",
    "fwy": "freeway",
}  # fmt: skip
"""Street-type words (folded) to the spelling used for comparison."""

STREET_WORDS: dict[str, str] = {
    **STREET_TYPE_WORDS,
    "mt": "mount", "ste": "suite", "fl": "floor", "flr": "floor", "rua": "rue",
    "apt": "apartment", "bldg": "building", "rm": "room", "dept": "department",
    "pob": "po box", "no": "number", "nr": "number", "n": "north", "s": "south", "e": "east",
    "w": "west", "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th",
}  # fmt: skip
"""Street-line words (folded) to the spelling used for comparison."""

_LEADING_WORDS: dict[str, str] = {"st": "saint", "dr": "doctor", "mt": "mount", "ft": "fort"}
_LEADING_TYPES: dict[tuple[str, ...], str] = {
    # a street type cut to its initial before the name: Italian V. (via), Spanish C/ (calle),
    # Portuguese and French R. (rua, rue)
    ("v",): "via", ("c",): "calle", ("r",): "rue",
    ("v", "le"): "viale", ("p", "za"): "piazza", ("p", "zza"): "piazza", ("c", "so"): "corso",
    ("l", "go"): "largo",
}  # fmt: skip
"""Street types written short before the street's name: their initial, or with a dot inside
(``V.le``, ``P.zza``, ``C.so``, ``L.go``), which folds into two words."""
_COMPOUND_ENDINGS = (("str", "strasse"), ("pl", "platz"))
_POSTCODE_PREFIX = re.compile(r"^[A-Z]{1,3}-(?=\d)")
_ZIP_PLUS_4 = re.compile(r"\d{5}\s*-\s*\d{4}")
_POSTCODE_NOISE = re.compile(r"[^0-9A-Z]")


def _street_word(word: str, position: int) -> str:
    if position == 0 and word in _LEADING_WORDS:
        return _LEADING_WORDS[word]
    if word in STREET_WORDS:
        return STREET_WORDS[word]
    for ending, full in _COMPOUND_ENDINGS:
        if len(word) >= len(ending) + 4 and word.endswith(ending) and word.isalpha():
            return word[: -len(ending)] + full
    return word


@lru_cache(maxsize=65536)
def standardise_street(value: str) -> str:
    """Fold a street line and write street-type and unit words one way (module docstring).
    The umlaut rule reads the words single letters are joined into (``B A E B Road`` joins
    to ``baeb road``, read ``bab road`` as ``Baeb Road`` is)."""
    words = collapse_umlaut_spelling(join_single_letters(fold(value))).split()
    first_name_word = next((i for i, w in enumerate(words) if not w[0].isdigit()), 0)
    for size in (2, 1):
        short = tuple(words[first_name_word : first_name_word + size])
        if len(words) > first_name_word + size and short in _LEADING_TYPES:
            words[first_name_word : first_name_word + size] = [_LEADING_TYPES[short]]
            break
    return " ".join(_street_word(w, i - first_name_word) for i, w in enumerate(words))


STREET_TYPES = frozenset({*STREET_TYPE_WORDS.values(), "way"})
"""Street-type words as ``standardise_street`` writes them."""


@lru_cache(maxsize=65536)
def street_head(street: str) -> str | None:
    """A standardised street line as far as its first street-type word, where that holds a
    house number: the building, without what follows it ("2355 peachtree road" of "2355
    peachtree road northeast" and of "2355 peachtree road peachtree battle shopping center").
    None without a numbered street (a guide's "239 west broadway", "hauptstrasse 5")."""
    words = street.split()
    end = next((i for i, word in enumerate(words) if i and word in STREET_TYPES), None)
    if end is None or not any(word[0].isdigit() for word in words[:end]):
        return None
    return " ".join(words[: end + 1])


@lru_cache(maxsize=65536)
def standardise_postcode(value: str, country: str | None) -> str:
    """Uppercase, without spaces, dashes or a country prefix (``D-80331`` -> ``80331``).

    US ZIP+4 codes keep the five-digit ZIP (``94105-1234`` -> ``94105``): nine digits of a US
    address, or five and four with a dash whatever the country (no other country writes its
    codes so; a CRM account holding a name and a ZIP+4 has no country to tell). GB, NL and CA keep
    the whole code, which is significant throughout (``SW1A 1AA`` -> ``SW1A1AA``, ``1012 AB``
    -> ``1012AB``, ``K1A 0B1`` -> ``K1A0B1``). A code of digits only loses its leading zeros:
    a spreadsheet that read it as a number dropped them (``02126`` and ``2126`` agree).
    ``country`` is anything ``to_iso2`` reads.
    """
    text = _POSTCODE_PREFIX.sub("", value.strip().upper())
    code = _POSTCODE_NOISE.sub("", text)
    iso2 = to_iso2(country) if country else None
    if (iso2 == "US" and len(code) == 9 and code.isdigit()) or _ZIP_PLUS_4.fullmatch(text):
        code = code[:5]
    return (code.lstrip("0") or code[:1]) if code.isdigit() else code


CITY_WORDS: dict[str, str] = {
    "st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port",
}  # fmt: skip

_CITY_NAMES: dict[str, str] = {
    "munchen": "munich", "koln": "cologne", "nurnberg": "nuremberg", "hannover": "hanover",
    "wien": "vienna", "geneve": "geneva", "genf": "geneva", "bale": "basel", "basle": "basel",
    "praha": "prague", "warszawa": "warsaw", "krakow": "cracow", "roma": "rome",
    "milano": "milan", "napoli": "naples", "torino": "turin", "firenze": "florence",
    "venezia": "venice", "genova": "genoa", "lisboa": "lisbon", "sevilla": "seville",
    "bruxelles": "brussels", "brussel": "brussels", "antwerpen": "antwerp",
    "anvers": "antwerp", "den haag": "the hague", "s gravenhage": "the hague",
    "kobenhavn": "copenhagen", "goteborg": "gothenburg", "moskva": "moscow",
    "athina": "athens", "bucuresti": "bucharest", "beograd": "belgrade",
    "new york city": "new york", "nyc": "new york", "frankfurt am main": "frankfurt",
    "frankfurt a m": "frankfurt", "frankfurt main": "frankfurt",
}  # fmt: skip
CITY_NAMES = {collapse_umlaut_spelling(local): name for local, name in _CITY_NAMES.items()}
"""Local names and common variants of cities (folded, umlauts' spellings collapsed) to one
name, mostly the English one."""


_CITY_QUALIFIER = re.compile(r"\s*(?:,|\s[-\u2013\u2014]\s|\()")


def _city_part(value: str) -> str:
    """``value`` up to a comma, a spaced dash or a bracket, where a name comes before it."""
    head = _CITY_QUALIFIER.split(value, maxsplit=1)[0]
    return head if head.strip() else value


@lru_cache(maxsize=65536)
def standardise_city(value: str) -> str:
    """Fold a city name, expand a leading ``St``/``Ft``/``Mt``, map local names to one name.

    ``München`` -> ``munich``, ``St. Louis`` -> ``saint louis``. What follows the city's name
    after a comma, a spaced dash or in brackets (its state, an office: ``Boston, MA``,
    ``London (HQ)``, ``London - Canary Wharf``) is no part of it. An umlaut written out and
    one dropped agree as in personal names (``matching.standardise.text``): ``Muenchen`` and
    ``Munchen`` are ``München``, ``Duesseldorf`` is ``Düsseldorf``.
    """
    words = fold_name(_city_part(value)).split()
    folded = " ".join(CITY_WORDS.get(w, w) if i == 0 else w for i, w in enumerate(words))
    return CITY_NAMES.get(folded, folded)
