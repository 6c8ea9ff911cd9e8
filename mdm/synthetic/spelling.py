"""String-level damage people and systems do to text: typos, accents, case, slugs."""

from __future__ import annotations

import random
import unicodedata
from functools import lru_cache

_QWERTY_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_SPECIAL_FOLD = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L", "đ": "d", "œ": "oe"}
)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_SCANDI = str.maketrans({"å": "aa", "Å": "Aa", "ø": "oe", "Ø": "Oe", "æ": "ae", "Æ": "Ae"})


def _neighbours() -> dict[str, str]:
    near: dict[str, str] = {}
    for r, row in enumerate(_QWERTY_ROWS):
        for c, ch in enumerate(row):
            keys = [row[i] for i in (c - 1, c + 1) if 0 <= i < len(row)]
            for other in (r - 1, r + 1):
                if 0 <= other < len(_QWERTY_ROWS):
                    keys += [_QWERTY_ROWS[other][i] for i in (c - 1, c, c + 1)
                             if 0 <= i < len(_QWERTY_ROWS[other])]  # fmt: skip
            near[ch] = "".join(keys)
    return near


NEAR_KEYS = _neighbours()


@lru_cache(maxsize=65536)
def fold_ascii(text: str) -> str:
    """Drop accents: "Müller" -> "Muller", "Łódź" -> "Lodz"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def transliterate(text: str) -> str:
    """Spell out umlauts the German/Nordic way: "Müller" -> "Mueller", "Ørsted" -> "Oersted"."""
    if text.isascii():
        return text
    return fold_ascii(text.translate(_GERMAN).translate(_SCANDI))


def strip_accents(text: str, rng: random.Random) -> str:
    return transliterate(text) if rng.random() < 0.5 else fold_ascii(text)


def _typo_position(text: str, rng: random.Random) -> int:
    letters = [i for i, ch in enumerate(text) if ch.isalnum()]
    if len(letters) < 2:
        return -1
    # people rarely mistype the first letter of a word they know
    later = letters[1:] if rng.random() < 0.9 else letters
    return rng.choice(later)


def _near(ch: str, rng: random.Random) -> str:
    keys = NEAR_KEYS.get(ch.lower(), "")
    if ch.isalpha():
        keys = "".join(k for k in keys if k.isalpha())
    pick = rng.choice(keys) if keys else ch
    return pick.upper() if ch.isupper() else pick


def keyboard_typo(text: str, rng: random.Random) -> str:
    """One slip of the fingers: adjacent key, swapped letters, a dropped or doubled letter."""
    i = _typo_position(text, rng)
    if i < 0:
        return text
    ch = text[i]
    kind = rng.choices(("near", "swap", "drop", "double", "insert"), (35, 25, 22, 10, 8))[0]
    if kind == "near":
        return text[:i] + _near(ch, rng) + text[i + 1 :]
    if kind == "swap" and i + 1 < len(text) and text[i + 1].isalnum() and text[i + 1] != ch:
        return text[:i] + text[i + 1] + ch + text[i + 2 :]
    if kind == "double":
        return text[:i] + ch + text[i:]
    if kind == "insert":
        return text[:i] + _near(ch, rng) + text[i:]
    return text[:i] + text[i + 1 :]


def digit_slip(text: str, rng: random.Random) -> str:
    """Mistype one digit (or swap two neighbouring digits) in an identifier."""
    positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(positions) < 2:
        return text
    i = rng.choice(positions[:-1])
    j = i + 1
    if rng.random() < 0.5 and j < len(text) and text[j].isdigit() and text[i] != text[j]:
        return text[:i] + text[j] + text[i] + text[j + 1 :]
    return text[:i] + str((int(text[i]) + rng.choice((1, 9, 3))) % 10) + text[i + 1 :]


@lru_cache(maxsize=65536)
def slug(text: str, sep: str = "") -> str:
    """Domain-safe form of a brand: "Müller Maschinenbau" -> "muellermaschinenbau"."""
    words = ["".join(ch for ch in w if ch.isalnum()) for w in transliterate(text).lower().split()]
    return sep.join(w for w in words if w)


def change_case(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        return text.upper()
    if roll < 0.8:
        return text.title()
    return text.lower()
