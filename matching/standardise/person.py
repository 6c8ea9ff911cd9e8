"""Personal names: split into first, middle and last, folded, nicknames resolved.

``standardise_person(first, last, full)`` uses ``first``/``last`` when either is given and
falls back to parsing ``full``:

* ``"Last, First Middle"`` when the name has a comma (``"Smith, John A."``); a part after a
  comma made only of suffixes (``"John Smith, Jr."``) is not read as a given name;
* ``"LAST First"`` when the name starts with its surname in capitals and goes on in mixed
  case (``"THOMPSON Pamela"``, ``"O BRIEN Natalie"``), as HR and travel systems write it; a
  capital word needs three letters to be read so (``"JR Smith"`` holds initials);
* otherwise ``"First Middle... Last"``, where the surname takes along the particles in front
  of it (``"Ludwig van der Berg"`` -> last ``van der berg``); a single word is a surname;
* titles and suffixes (Dr, Mr, Mrs, Ms, Prof, Jr, Sr, III, PhD, ...) and parenthesised
  parts (``"Robert (Bob) Smith"``) are removed; initials stay (``"J. R. Smith"``).

Words are folded with ``fold_given_name`` (given names) and ``fold_name`` (surnames), so
``"Jürgen Müller"`` and ``"Juergen Mueller"`` give the same name. Hyphens are kept inside a
name (``smith-jones``). ``last_parts`` holds the surname's words without particles, split at
hyphens (``van der berg`` -> ``("berg",)``, ``smith-jones`` -> ``("smith", "jones")``), for
comparing double-barrelled names with one of their halves. ``initials`` are the first letters
of the given names (first and middle), e.g. ``jr`` for ``J. R. Smith``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from matching.standardise.nicknames import (
    are_nickname_variants,
    canonical_given_name,
    fold_given_name,
)
from matching.standardise.text import fold, fold_name, repair_mojibake, transliterate_german

__all__ = [
    "PARTICLES",
    "PersonName",
    "are_nickname_variants",
    "canonical_given_name",
    "standardise_person",
]

SALUTATIONS: frozenset[str] = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "revd",
     "herr", "frau", "mme", "mlle", "monsieur", "madame", "sra", "srta", "sig", "dott"}
)  # fmt: skip
"""Words addressing a person that are never the person's given name: a first-name field
holding nothing else ("Mrs", "Dr.") holds no given name."""
HONORIFICS: frozenset[str] = SALUTATIONS | frozenset(
    {"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv", "phd", "md", "esq",
     "dipl", "ing", "mba", "cpa"}
)  # fmt: skip
PARTICLES: frozenset[str] = frozenset(
    {"van", "von", "de", "da", "di", "do", "dos", "das", "du", "des", "del", "della", "der",
     "den", "le", "la", "ter", "ten", "zu", "zum", "zur", "op", "af", "av", "y", "bin", "ibn"}
)  # fmt: skip

_PARENTHESISED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\"[^\"]*\"")
_PHD = re.compile(r"\bph\.?\s?d\.?(?=\s|,|$)", re.IGNORECASE)
_WORD_BREAK = re.compile(r"(?:[^\w'’‘`´\-]|_)+")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A standardised personal name; every field is folded (lowercase ASCII where possible)."""

    first: str
    middle: tuple[str, ...]
    last: str
    first_canonical: str
    initials: str
    last_parts: tuple[str, ...] = ()
    last_spelled: str = field(default="", compare=False)
    """The surname as written, folded without the umlaut-spelling rule (umlauts spelled
    out: ``Müller`` -> ``mueller``): a slip is one edit here where the rule, reading the
    letters round it, may make it two. Not part of the name's equality: two spellings of one
    name are one name."""


def _words(text: str | None) -> list[str]:
    """Split raw text into words, dropping parenthesised parts, PhD, titles and suffixes."""
    if not text:
        return []
    written = unicodedata.normalize("NFC", repair_mojibake(text))  # before words are split
    cleaned = _PHD.sub(" ", _PARENTHESISED.sub(" ", written))
    words = [w.strip("-'") for w in _WORD_BREAK.split(cleaned)]
    words = [w for w in words if fold(w)]
    kept = [w for w in words if fold(w) not in HONORIFICS]
    return kept or words


def _spelled(word: str) -> str:
    return fold(transliterate_german(word))


def _surname(words: list[str], fold_word: Callable[[str], str] = fold_name) -> str:
    pieces = ("-".join(filter(None, (fold_word(p) for p in w.split("-")))) for w in words)
    return " ".join(piece for piece in pieces if piece)


def _given(words: list[str]) -> list[str]:
    return [name for word in words for name in fold_given_name(word).split()]


def _parse_full(full: str) -> tuple[list[str], list[str]]:
    """(given words, surname words) from a full name."""
    parts = [p for p in (_words(part) for part in full.split(",")) if p]
    parts = [p for p in parts if not all(fold(w) in HONORIFICS for w in p)] or parts
    if len(full.split(",")) > 1 and len(parts) >= 2:
        return parts[1], parts[0]
    words = [w for part in parts for w in part]
    if len(words) <= 1:
        return [], words
    capitals = _leading_capitals(words)
    if capitals:
        return words[capitals:], words[:capitals]
    start = len(words) - 1
    while start > 1 and fold(words[start - 1]) in PARTICLES:
        start -= 1
    return words[:start], words[start:]


def _leading_capitals(words: list[str]) -> int:
    """How many words a full name starts with in capitals, where they are its surname (one
    of them of three letters or more, and a word in mixed case after them); else 0."""
    count = 0
    while count < len(words) and words[count].isupper():
        count += 1
    if not 0 < count < len(words) or not any(
        sum(c.isalpha() for c in word) >= 3 for word in words[:count]
    ):
        return 0
    return count if any(not word.isupper() for word in words[count:]) else 0


@lru_cache(maxsize=131072)
def standardise_person(first: str | None, last: str | None, full: str | None) -> PersonName:
    """Standardise a personal name from its parts, or from the full name when they are missing."""
    if (first or last) and (last or not full):
        given_words, surname_words = _words(first), _words(last)
        if all(fold(word) in SALUTATIONS for word in given_words):
            given_words = []  # "Mrs" Smith: a salutation where the given name was not known
    else:
        given_words, surname_words = _parse_full(full or "")
    given = _given(given_words)
    surname = _surname(surname_words)
    first_name = given[0] if given else ""
    parts = tuple(
        piece
        for word in surname.split()
        if word not in PARTICLES
        for piece in word.split("-")
        if piece
    )
    return PersonName(
        first=first_name,
        middle=tuple(given[1:]),
        last=surname,
        first_canonical=canonical_given_name(first_name) if first_name else "",
        initials="".join(name[0] for name in given),
        last_parts=parts or tuple(surname.split()),
        last_spelled=_surname(surname_words, _spelled),
    )
