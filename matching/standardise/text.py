"""Folding text for comparison: accents, case, punctuation, German spellings.

``fold`` is the base every other standardiser builds on. ``fold_name`` adds one rule for
personal names so that German names written with an umlaut, with its ``e`` spelling or with
neither agree: ``Müller``, ``Mueller`` and ``Muller`` all give ``muller``.

The rule (applied after ``fold``): a vowel ``a``, ``o`` or ``u`` followed by ``e`` loses the
``e`` when the pair sits between two consonants (``q`` before and ``y`` either side do not
count as consonants). It turns the transliterated umlauts ``ae``/``oe``/``ue`` back into the
plain vowel that ``fold`` gives for ``ä``/``ö``/``ü``: ``Mueller`` -> ``muller``,
``Juergen`` -> ``jurgen``, ``Schroeder`` -> ``schroder``, ``Goethe`` -> ``gothe``. Requiring a
consonant on both sides leaves ``Doe``, ``Joey``, ``Bauer`` and ``Queen`` alone; it does
shorten some non-German names (``Samuel`` -> ``samul``, ``Michael`` -> ``michal``), which is
harmless because both sides of a comparison are folded the same way (person names keep
known given names such as ``michael`` unchanged, see ``matching.standardise.person``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into base letter + combining mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ĸ": "k",
    }
)
_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[\W_]+")
_UMLAUT_SPELLING = re.compile(r"(?<=[bcdfghjklmnprstvwxz])([aou])e(?=[bcdfghjklmnpqrstvwxz])")
_SINGLE_LETTER_RUN = re.compile(r"\b[a-z](?: [a-z]\b)+")
# a letter UTF-8 writes in two bytes (lead byte C3..C5: Latin-1 Supplement, Latin Extended-A)
# read back a character a byte, as Latin-1 or Windows-1252: the lead byte's character, then
# one a continuation byte (80..BF) reads as in either
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
_CONTINUATION_PUNCTUATION = (
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\u00c3-\u00c5][{_CONTINUATION}{_CONTINUATION_PUNCTUATION}]")


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Lowercase, strip accents (NFKD), spell out ß/æ/ø/..., punctuation to spaces, collapse.

    Apostrophes are deleted rather than spaced (``O'Brien`` -> ``obrien``,
    ``Int'l`` -> ``intl``). Digits are kept. ``fold(fold(x)) == fold(x)``. Text whose
    UTF-8 was read as Latin-1 or Windows-1252 is read as it was written first
    (``repair_mojibake``).
    """
    if value.isascii():  # nothing to decompose, spell out or strip: the same, sooner
        text = value.lower()
    else:
        value = repair_mojibake(value)
        text = unicodedata.normalize("NFKD", value.translate(_SPECIAL_LETTERS))
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.translate(_SPECIAL_LETTERS).lower()
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).split())


def repair_mojibake(value: str) -> str:
    """``value`` as written where an export wrote it in UTF-8 and an import read that back as
    Latin-1 or Windows-1252, a character a byte (``MÃ¶lndal`` -> ``Mölndal``, ``PrÃ©vost``
    -> ``Prévost``): read only where such a pair of characters shows and the whole text,
    written back in that encoding, is valid UTF-8. Else unchanged (``São``, ``Ångström``): a
    lead byte's character before a continuation byte's is what a misread leaves, and rare in
    text as written; a whole text that happens to decode so is rarer still."""
    if not _MOJIBAKE.search(value):
        return value
    for encoding in ("cp1252", "latin-1"):
        try:
            return value.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
    return value


def transliterate_german(value: str) -> str:
    """Spell German umlauts and ß out (``Müller`` -> ``Mueller``, ``Straße`` -> ``Strasse``).

    Case is kept; every other character is left as it is.
    """
    return value.translate(_GERMAN)


def collapse_umlaut_spelling(folded: str) -> str:
    """Apply the ``ae/oe/ue`` rule of this module to already folded text."""
    return _UMLAUT_SPELLING.sub(r"\1", folded)


@lru_cache(maxsize=65536)
def fold_name(value: str) -> str:
    """``fold`` plus the umlaut-spelling rule (see module docstring), for names: of people,
    and of the companies, streets and cities German records write either way
    (``Müller GmbH``, ``Mueller GmbH``; ``Königstraße``, ``Koenigstrasse``)."""
    return collapse_umlaut_spelling(fold(value))


def join_single_letters(folded: str) -> str:
    """Join runs of one-letter words: ``b v`` -> ``bv``, ``j p morgan`` -> ``jp morgan``.

    Dotted abbreviations (``B.V.``, ``S.A.R.L.``, ``P.O. Box``) fold to such runs, so this
    makes them agree with their undotted spelling.
    """
    return _SINGLE_LETTER_RUN.sub(lambda found: found.group(0).replace(" ", ""), folded)
