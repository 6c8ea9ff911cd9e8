"""Company names: legal form split off, abbreviations expanded, text folded.

``standardise_company("ACME Holdings, Incorporated")`` and ``standardise_company("Acme
Holdings Inc.")`` both give ``CompanyName(full="acme holdings", legal_form="inc", ...)``.

Steps, in order:

1. ``&`` and ``+`` become ``and``; the text is folded (case, accents, punctuation), a 0, 1
   or 5 between two letters of a word is read as the letter a scanner took it for
   (``Qui11feather Ana1ytics`` -> ``quillfeather analytics``; ``3M``, ``B2B`` and
   ``7-Eleven`` keep theirs), runs of single letters are joined, so dotted and spaced forms
   agree with plain ones (``B.V.``, ``N. V.``, ``S.A.R.L.``, ``L.L.C.``), and then an umlaut
   written out or dropped is read alike (``Mueller``, ``Müller``, ``Muller``; the rule of
   ``matching.standardise.text.fold_name``): last, so that the words it reads are those the
   name is left with (``B:A:E:B`` joins to ``baeb``, read ``bab`` as ``BAEB`` is, and
   ``M0ELLER`` reads ``moeller``, then ``moller``).
2. A leading ``the`` is dropped, and a trailing word naming one site of the company
   (``HQ``, ``Head Office``; ``company_forms.SITE_WORDS``), before and after the legal form;
   before folding, a clause set off at the end by a dash, a comma or a bracket that names one
   of its offices (``Acme Ltd - London Office``, ``Acme (UK Branch)``: a word of
   ``company_forms.OFFICE_WORDS`` after at most three words) is dropped too.
3. The longest legal form found at the end of the name is removed and kept, as its canonical
   code, in ``legal_form`` (``Limited`` -> ``ltd``, ``GmbH & Co. KG`` -> ``gmbh co kg``,
   ``& Co.`` -> ``co``). Only one legal form is removed, and never the whole name. A name
   cut at a field's length may end with the start of its form (``Limited Liab``,
   ``Aktiengesell``): that is removed too (``company_forms.CUT_FORMS``).
4. Remaining words are mapped to one spelling each (``Intl`` -> ``international``,
   ``Corp`` -> ``corporation``, ``Co`` -> ``company``, ``Tech``/``Technologies`` ->
   ``technology``, ``&``/``+``/``und`` -> ``and``; see ``company_forms.ABBREVIATIONS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from matching.standardise.address import standardise_city
from matching.standardise.company_forms import (
    ABBREVIATIONS,
    CUT_FORMS,
    LEGAL_FORMS,
    MAX_FORM_WORDS,
    MAX_SITE_WORDS,
    OFFICE_WORDS,
    SITE_WORDS,
)
from matching.standardise.text import collapse_umlaut_spelling, fold, join_single_letters

_AMPERSAND = re.compile(r"[&+]")
_BRACKETED_END = re.compile(r"^(?P<name>.*\S)\s*\((?P<place>[^()]*)\)\s*$")
_MISREAD_DIGITS = re.compile(r"(?<=[a-z])[015]+(?=[a-z])")
_AS_LETTERS = str.maketrans("015", "ols")
_OFFICE_CLAUSE = re.compile(
    r"\s*(?:[-\u2013\u2014,;:|/]|\()\s*(?:[^\W_][\w.'&]*\s+){0,3}"
    rf"(?:{'|'.join(sorted(OFFICE_WORDS))})\s*\)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CompanyName:
    """A standardised company name.

    ``full``: the folded name without its legal form; ``legal_form``: canonical code of the
    legal form found at the end (``inc``, ``ltd``, ``gmbh``, ...) or None; ``tokens``: the
    words of ``full``.
    """

    full: str
    legal_form: str | None
    tokens: tuple[str, ...]


def _split_legal_form(words: list[str]) -> tuple[list[str], str | None]:
    sizes = range(min(MAX_FORM_WORDS, len(words) - 1), 0, -1)
    for forms in (LEGAL_FORMS, CUT_FORMS):  # a whole form, else one cut short
        for size in sizes:
            ending = " ".join(words[-size:])
            if ending in forms:
                rest = words[:-size]
                while len(rest) > 1 and rest[-1] == "and":
                    rest.pop()
                return rest, forms[ending]
    return words, None


def _without_site(words: list[str]) -> list[str]:
    """``words`` without the site word they end with ("hq", "head office"), never all."""
    for size in range(min(MAX_SITE_WORDS, len(words) - 1), 0, -1):
        if " ".join(words[-size:]) in SITE_WORDS:
            return words[:-size]
    return words


@lru_cache(maxsize=131072)
def standardise_company(value: str) -> CompanyName:
    """Standardise a company name (see the module docstring for the rules)."""
    folded = fold(_AMPERSAND.sub(" and ", _without_office_clause(value)))
    joined = join_single_letters(_MISREAD_DIGITS.sub(_as_letters, folded))
    words = collapse_umlaut_spelling(joined).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    words, legal_form = _split_legal_form(_without_site(words))
    words = _without_site(words)
    tokens = tuple(ABBREVIATIONS.get(word, word) for word in words)
    return CompanyName(full=" ".join(tokens), legal_form=legal_form, tokens=tokens)


def _without_office_clause(value: str) -> str:
    """``value`` without the clause set off at its end that names one of the company's
    offices ("Acme Ltd - London Office", "Acme (UK Branch)", "Acme, Paris branch"), never
    all of it. Read only where such a word is in the name: few names hold one."""
    lowered = value.casefold()
    if not any(word in lowered for word in OFFICE_WORDS):
        return value
    found = _OFFICE_CLAUSE.search(value)
    if found is None or not any(char.isalnum() for char in value[: found.start()]):
        return value
    return value[: found.start()]


def _as_letters(found: re.Match[str]) -> str:
    return found.group(0).translate(_AS_LETTERS)


def company_name_key(value: str) -> str:
    """``full`` without spaces, for exact blocking (``J.P. Morgan`` and ``JP Morgan`` agree)."""
    return standardise_company(value).full.replace(" ", "")


def bracketed_place(name: str) -> str | None:
    """The place in brackets a name ends with, as a city is standardised ("Spago (Los
    Angeles)" -> "los angeles"), if any."""
    found = _bracketed_end(name)
    return (standardise_city(found["place"]) or None) if found else None


def without_own_city(name: str, city: str | None) -> str:
    """``name`` without the place in brackets it ends with where that is the record's own
    city ("Park Avenue Cafe (New York City)" in New York City): the address says it already.
    A place the record does not hold ("Ritz-Carlton Cafe (Buckhead)" in Atlanta) tells one
    branch of a chain from another and stays."""
    if not city or not (found := _bracketed_end(name)):
        return name
    place = standardise_city(found["place"])
    return found["name"] if place and place == standardise_city(city) else name


def _bracketed_end(name: str) -> re.Match[str] | None:
    """``_BRACKETED_END`` matched where the name ends with a bracket: most names do not, and
    the pattern would read each to its end and back to find so."""
    return _BRACKETED_END.match(name) if name.rstrip().endswith(")") else None
