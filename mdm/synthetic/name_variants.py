"""Alternative spellings of the same organisation name, street or title."""

from __future__ import annotations

import random

from mdm.synthetic.company_words import ABBREVIATIONS, LEGAL_FORM_VARIANTS
from mdm.synthetic.draws import pick

_STREET_ABBREVIATIONS = (
    ("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Boulevard", "Blvd"), ("Drive", "Dr"),
    ("Lane", "Ln"), ("Parkway", "Pkwy"), ("Square", "Sq"), ("straße", "str."), ("Straße", "Str."),
    ("strasse", "str."), ("avenue", "av."), ("boulevard", "bd"), ("Calle", "C/"),
    ("Avenida", "Av."), ("Paseo", "P.º"), ("Via", "V."), ("Corso", "C.so"), ("Piazza", "P.zza"),
    ("gatan", "g."), ("West", "W"), ("East", "E"), ("North", "N"), ("Saint", "St"),
)  # fmt: skip
_ORDINARY_FORMS = sorted(LEGAL_FORM_VARIANTS, key=len, reverse=True)


def split_legal_form(name: str) -> tuple[str, str]:
    """("Northwind Logistics", "GmbH") for "Northwind Logistics GmbH"; form "" if none."""
    for form in _ORDINARY_FORMS:
        if name.endswith(" " + form) or name.endswith(", " + form):
            return name[: -len(form)].rstrip(" ,"), form
    return name, ""


def legal_form_variant(name: str, rng: random.Random) -> str:
    stem, form = split_legal_form(name)
    if not form:
        return name
    variant = pick(rng, LEGAL_FORM_VARIANTS[form])
    if not variant:
        return stem
    return stem + variant if variant.startswith(",") else f"{stem} {variant}"


def abbreviate(text: str, rng: random.Random) -> str:
    """Swap one word for a common abbreviation or expansion ("International" -> "Intl")."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if w in ABBREVIATIONS]
    expansions = {v: k for k, vs in ABBREVIATIONS.items() for v in vs if k not in ("&", "and")}
    spots += [i for i, w in enumerate(words) if w in expansions and i not in spots]
    if not spots:
        return text
    i = pick(rng, spots)
    word = words[i]
    words[i] = pick(rng, ABBREVIATIONS[word]) if word in ABBREVIATIONS else expansions[word]
    return " ".join(words)


def street_variant(line: str, rng: random.Random) -> str:
    found = [(full, short) for full, short in _STREET_ABBREVIATIONS if full in line]
    if found:
        full, short = pick(rng, found)
        return line.replace(full, short, 1)
    back = [(full, short) for full, short in _STREET_ABBREVIATIONS if short + " " in line + " "]
    if back:
        full, short = pick(rng, back)
        return line.replace(short, full, 1)
    return line


def truncate(text: str, width: int) -> str:
    return text[:width].rstrip()
