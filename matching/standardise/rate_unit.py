"""The period a rate-card price is quoted per, as other systems write it: ``hourly``,
``per day``, ``Day(s)``, ``/h``, ``MD``, ``Tagessatz``, ``TJM``, ``giornaliero``.

A spelling is looked up folded: case, accents and punctuation set aside (``Day(s)`` is
``days``, ``Std.`` is ``std``, ``/h`` is ``h``), and without the words that only say "per"
in front of it (``per``, ``pro``, ``par``, ``por``, ``je``, ``a``, ``al``, ...: ``per
hour``, ``pro Stunde``, ``all'ora`` are ``hour``). The hub holds hour and day rates only; a
week, month, year, minute or fixed price is still read, so that a person is told what the
line said rather than that it said nothing known.
"""

from __future__ import annotations

import re
from functools import lru_cache

from matching.standardise.text import fold

HELD = ("hour", "day")

# unit -> spellings, folded; by language: en, de, fr, es, it, nl, pt
SPELLINGS: dict[str, tuple[str, ...]] = {
    "hour": (
        "hour", "hours", "hr", "hrs", "h", "ph", "p h", "hourly", "hourly rate", "hour rate",
        "man hour", "man hours", "person hour", "person hours",
        "stunde", "stunden", "std", "stdn", "stundlich", "stundensatz", "stundenlohn",
        "heure", "heures", "hre", "horaire", "taux horaire",
        "hora", "horas", "tarifa horaria", "tarifa por hora",
        "ora", "ore", "orario", "oraria", "tariffa oraria",
        "uur", "uren", "uurtarief",
        "valor hora", "taxa horaria",
    ),
    "day": (
        "day", "days", "d", "pd", "p d", "daily", "daily rate", "day rate", "diem",
        "md", "man day", "man days", "manday", "mandays", "person day", "person days",
        "tag", "tage", "taglich", "tagessatz", "pt", "personentag", "personentage",
        "jour", "jours", "j", "journee", "journalier", "journaliere", "taux journalier", "tjm",
        "jour homme", "jours hommes", "homme jour", "hommes jours", "jh",
        "dia", "dias", "diario", "diaria", "tarifa diaria", "jornada",
        "giorno", "giorni", "giornata", "giornaliero", "giornaliera", "tariffa giornaliera",
        "gg",
        "dag", "dagen", "dagelijks", "dagtarief",
        "diarias", "valor dia",
    ),
    "week": (
        "week", "weeks", "wk", "wks", "weekly", "woche", "wochen", "wochentlich", "semaine",
        "semaines", "hebdomadaire", "semana", "semanas", "semanal", "settimana", "settimane",
        "settimanale", "weken", "wekelijks",
    ),
    "month": (
        "month", "months", "mo", "mth", "mths", "monthly", "man month", "person month",
        "monat", "monate", "monatlich", "personenmonat", "mois", "mensuel", "mensuelle", "mes",
        "meses", "mensual", "mese", "mesi", "mensile", "maand", "maanden", "maandelijks",
        "mensal",
    ),
    "year": (
        "year", "years", "yr", "yrs", "yearly", "annual", "annually", "annum", "pa", "jahr",
        "jahrlich", "annee", "annuel", "annuelle", "ano", "anos", "anual", "anno", "annuale",
        "jaar", "jaarlijks",
    ),
    "minute": ("minute", "minutes", "min", "mins", "minuto", "minuti", "minuten", "minuut"),
    "fixed price": (
        "fixed price", "fixed fee", "flat fee", "lump sum", "pauschal", "pauschale",
        "festpreis", "forfait", "forfaitaire", "prix fixe", "precio fijo",
        "prezzo fisso", "vaste prijs", "preco fixo",
    ),
}  # fmt: skip

# words in front of a unit that only say "per" (and the articles that may follow them)
PER = frozenset({"per", "pro", "par", "por", "je", "each", "every", "a", "an", "the", "al",
                 "all", "alla", "ao", "la", "le", "l", "de", "du", "del", "el"})  # fmt: skip
# of those, the ones that say a period follows whatever it is: "per sprint" is a unit
_SAYS_PER = frozenset({"per", "pro", "par", "por", "je"})

_DELETED = str.maketrans("", "", "().")  # Day(s), Std., p.h.
_APOSTROPHES = re.compile(r"['’`´]")  # all'ora, à l'heure: two words, where fold joins them


def fold_unit(text: str) -> str:
    """``text`` folded (``matching.standardise.text.fold``), ``().`` deleted first (``Day(s)``
    is ``days``, ``p.h.`` is ``ph``) and apostrophes spacing words."""
    return fold(_APOSTROPHES.sub(" ", text.translate(_DELETED)))


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for unit, spellings in SPELLINGS.items():
        for spelling in spellings:
            folded = fold_unit(spelling)
            if folded.split()[0] in PER:  # read_unit would never see it
                raise ValueError(f"rate unit spelling {spelling!r} starts with a 'per' word")
            seen = index.setdefault(folded, unit)
            if seen != unit:
                raise ValueError(f"rate unit spelling {spelling!r} is both {seen} and {unit}")
    return index


_UNITS = _index()
_WORDS = frozenset(s for s in _UNITS if " " not in s)


@lru_cache(maxsize=1024)
def read_unit(text: str) -> str | None:
    """The unit ``text`` names (``hour``, ``day``, ``week``, ...), or None."""
    words = fold_unit(text).split()
    while words and words[0] in PER and len(words) > 1:
        words = words[1:]
    return _UNITS.get(" ".join(words))


def held_unit(text: str) -> str | None:
    """``hour`` or ``day``, or None: a unit not held or not read."""
    unit = read_unit(text)
    return unit if unit in HELD else None


def mentions_unit(text: str) -> bool:
    """Whether words not read as a unit still speak of one (``HT/jour``, ``per sprint``,
    ``day excl. VAT``): a unit said but not read, which a person must read."""
    words = fold_unit(text).split()
    return "/" in text or bool(words and words[0] in _SAYS_PER) or any(w in _WORDS for w in words)
