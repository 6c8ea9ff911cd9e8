"""Job titles and rate-card levels.

``standardise_title`` folds a job title and writes each abbreviation in full, so that
``Sr. Mgr, Eng`` and ``Senior Manager Engineering`` agree. ``standardise_level`` reduces a
rate-card level to a number (``L3``, ``Level 3``, ``Grade III``, ``Stufe 3``, ``Niveau 3``,
``Nivel 3``, ``Livello 3`` -> ``3``) or to a folded word (``Sr`` -> ``senior``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from matching.standardise.text import fold, join_single_letters

TITLE_WORDS: dict[str, str] = {
    "sr": "senior", "snr": "senior", "sen": "senior", "jr": "junior", "jnr": "junior",
    "mgr": "manager", "mngr": "manager", "mgmt": "management", "dir": "director",
    "vp": "vice president", "svp": "senior vice president", "evp": "executive vice president",
    "avp": "assistant vice president", "eng": "engineer", "engr": "engineer",
    "cons": "consultant", "consult": "consultant", "dev": "developer", "devel": "developer",
    "assoc": "associate", "prin": "principal", "princ": "principal", "mng": "managing",
    "mang": "managing", "md": "managing director", "exec": "executive", "asst": "assistant",
    "admin": "administrator", "arch": "architect", "spec": "specialist",
    "tech": "technical", "pm": "project manager", "ba": "business analyst",
    "hd": "head", "coord": "coordinator", "rep": "representative", "acct": "accountant",
    "intl": "international", "sw": "software", "ops": "operations", "proj": "project",
    "prj": "project",
    "hr": "human resources", "qa": "quality assurance", "dept": "department",
    "and": "and",
}  # fmt: skip
"""Abbreviations in job titles (folded) to the spelling used for comparison."""

# ``Eng`` before these words is the discipline, not the job (``Eng Manager``).
_DISCIPLINE_BEFORE = frozenset({"manager", "director", "lead", "head", "management", "vp"})
_AMPERSAND = re.compile(r"[&+]")


def _title_word(word: str, next_word: str | None) -> str:
    if word in ("eng", "engr") and next_word is not None:
        expanded_next = TITLE_WORDS.get(next_word, next_word)
        if expanded_next in _DISCIPLINE_BEFORE or next_word in _DISCIPLINE_BEFORE:
            return "engineering"
    return TITLE_WORDS.get(word, word)


@lru_cache(maxsize=65536)
def standardise_title(value: str) -> str:
    """Fold a job title and expand abbreviations (``Sr. Dev`` -> ``senior developer``)."""
    words = join_single_letters(fold(_AMPERSAND.sub(" and ", value))).split()
    nexts: list[str | None] = [*words[1:], None]
    return " ".join(_title_word(w, n) for w, n in zip(words, nexts, strict=False))


_ROMAN = {"i": 1, "v": 5, "x": 10}
# English, then the words of other languages (de Stufe, Ebene; fr niveau, échelon; es nivel,
# grado; it livello; nl niveau, trede, schaal; pt nível, grau): a longer word before its prefix
_LEVEL_PREFIX = re.compile(
    r"^(?:level|lvl|lev|livello|niveau|nivel|niv|stufe|ebene|grade|grado|grau|grd|echelon"
    r"|band|tier|trede|schaal|step|l|g|b|t|p|e)\s*(?=\w)"
)
_ROMAN_NUMERAL = re.compile(r"^(?=[ivx]+$)x{0,3}(?:ix|iv|v?i{0,3})$")  # 1..39
LEVEL_WORDS: dict[str, str] = {
    "sr": "senior", "snr": "senior", "sen": "senior", "jr": "junior", "jnr": "junior",
    "jun": "junior", "mid": "mid", "intermediate": "mid", "mid level": "mid",
    "assoc": "associate", "prin": "principal", "princ": "principal", "exec": "executive",
    "mgr": "manager", "dir": "director", "entry": "entry", "entry level": "entry",
}  # fmt: skip


def _roman_to_int(numeral: str) -> int:
    total = 0
    for current, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN[current]
        total += -value if following and _ROMAN[following] > value else value
    return total


@lru_cache(maxsize=4096)
def standardise_level(value: str) -> str:
    """Reduce a rate-card level to a number or a folded word.

    ``L3``, ``Level 3``, ``lvl-03``, ``Grade III``, ``III`` and ``3`` give ``3``; ``Sr`` and
    ``Senior`` give ``senior``; other words are folded (``Principal`` -> ``principal``).
    """
    folded = fold(value)
    if folded in LEVEL_WORDS:
        return LEVEL_WORDS[folded]
    rest = _LEVEL_PREFIX.sub("", folded, count=1).strip() if folded else folded
    if rest.isdigit():
        return str(int(rest))
    if rest and _ROMAN_NUMERAL.match(rest):
        return str(_roman_to_int(rest))
    return LEVEL_WORDS.get(folded, folded)
