"""Month names as dates write them, in the languages of the extracts the hub reads: English,
German, French, Spanish, Italian, Dutch and Portuguese, each month's full name and its usual
abbreviations (with or without their dot: the dot is a separator to ``fold``).

One table, one row per language; :data:`MONTHS` is its index by the folded word
(``matching.standardise.text.fold``: lower case, accents dropped, so ``März``, ``marz`` and
``MÄRZ`` are one word). A word two languages give to two months would make a date read
differently by language; building the index refuses it (none does: ``mar`` is March wherever
it is a month, ``mai`` May, ``set`` September, ``ago`` August).
"""

from __future__ import annotations

from collections.abc import Mapping

from matching.standardise.text import fold

# language: for January to December, the month's words (full name first), space-separated
_TABLE: Mapping[str, tuple[str, ...]] = {
    "en": (
        "january jan", "february feb", "march mar", "april apr", "may", "june jun",
        "july jul", "august aug", "september sep sept", "october oct", "november nov",
        "december dec",
    ),
    "de": (
        "januar jan jänner jän", "februar feb feber", "märz mär mrz maerz", "april apr",
        "mai", "juni jun", "juli jul", "august aug", "september sep sept", "oktober okt",
        "november nov", "dezember dez",
    ),
    "fr": (
        "janvier janv", "février févr fév", "mars", "avril avr", "mai", "juin",
        "juillet juil", "août", "septembre sept", "octobre oct", "novembre nov",
        "décembre déc",
    ),
    "es": (
        "enero ene", "febrero feb", "marzo mar", "abril abr", "mayo may", "junio jun",
        "julio jul", "agosto ago", "septiembre setiembre sep sept set", "octubre oct",
        "noviembre nov", "diciembre dic",
    ),
    "it": (
        "gennaio gen", "febbraio feb", "marzo mar", "aprile apr", "maggio mag", "giugno giu",
        "luglio lug", "agosto ago", "settembre set", "ottobre ott", "novembre nov",
        "dicembre dic",
    ),
    "nl": (
        "januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun",
        "juli jul", "augustus aug", "september sep sept", "oktober okt", "november nov",
        "december dec",
    ),
    "pt": (
        "janeiro jan", "fevereiro fev", "março mar", "abril abr", "maio mai", "junho jun",
        "julho jul", "agosto ago", "setembro set", "outubro out", "novembro nov",
        "dezembro dez",
    ),
}  # fmt: skip


def _index(table: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    months: dict[str, int] = {}
    for language, names in table.items():
        if len(names) != 12:
            raise ValueError(f"{language}: {len(names)} months")
        for month, words in enumerate(names, start=1):
            for word in words.split():
                key = fold(word)
                if months.setdefault(key, month) != month:
                    raise ValueError(
                        f"{word!r} ({language}) names months {months[key]} and {month}"
                    )
    return months


MONTHS: Mapping[str, int] = _index(_TABLE)  # folded word -> month number (1-12)
LANGUAGES = tuple(_TABLE)
