"""Phonetic codes for name tokens, for blocking and for a "sounds alike" comparison level."""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish

from matching.standardise.text import fold_name

_REPEATS = re.compile(r"(.)\1+")


def _code(word: str) -> str:
    """Metaphone, with non-initial ``Y`` dropped and repeated letters collapsed.

    The two tweaks make ``Meyer``/``Maier``/``Mayer`` (``MR``) and ``Schmidt``/``Schmitt``
    (``SXMT``) agree.
    """
    code = jellyfish.metaphone(word).upper()
    if len(code) > 1:
        code = code[0] + code[1:].replace("Y", "")
    return _REPEATS.sub(r"\1", code)


@lru_cache(maxsize=131072)
def name_phonetic(token: str) -> str:
    """Phonetic code of a name (Metaphone on the folded name, see ``_code``).

    The name is folded first (``fold_name``: ``Müller``, ``Mueller`` and ``Muller`` agree).
    Digits are ignored. Several words give their codes joined by a space. ``""`` for a name
    with no letters.
    """
    words = [w for w in fold_name(token).replace("-", " ").split() if w.isalpha() and w.isascii()]
    return " ".join(code for code in (_code(w) for w in words) if code)
