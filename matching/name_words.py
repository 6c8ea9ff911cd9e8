"""The words of names compared as text, one pair of values at a time: one name's words within
the other's, a word alike (a slip, an abbreviation, the other's initials), and the connectives
that name nothing. Cached: a common name meets many others.

Read by the word levels of ``matching.levels_words`` and ``matching.levels_initials`` over a
pair view, and by their one-pair tests (``matching.pairwise_text``).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

CONNECTIVES = frozenset({"the", "and", "of", "a", "an", "for", "at", "und", "et"})
"""Words that join or introduce a name and name nothing themselves (articles that can start
a brand, "de", "la", "el", are not among them)."""


@lru_cache(maxsize=4096)
def words_nest(left: str, right: str) -> bool:
    """Every word of one value is a word of the other (``WordsWithin``)."""
    a, b = set(left.split()), set(right.split())
    return a <= b or b <= a


@lru_cache(maxsize=65536)
def have_a_word_alike(left: str, right: str, min_fuzzy: int, similarity: float) -> bool:
    """The two names have a word in common, or alike (``AWordAlike``)."""
    a, b = left.split(), right.split()
    named_a, named_b = set(a) - CONNECTIVES, set(b) - CONNECTIVES
    if named_a & named_b or initials_of(named_a, b) or initials_of(named_b, a):
        return True
    return any(words_alike(x, y, min_fuzzy, similarity) for x in named_a for y in named_b)


def initials_of(words: set[str], other: list[str]) -> bool:
    """One of ``words`` is the initials of the ``other`` words, with or without connectives."""
    if len(other) < 2:
        return False
    initials = {"".join(w[0] for w in other), "".join(w[0] for w in other if w not in CONNECTIVES)}
    return any(len(word) >= 2 and word in initials for word in words)


def words_alike(x: str, y: str, min_fuzzy: int, similarity: float) -> bool:
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) >= min_fuzzy - 1 and _abbreviates(short, long):
        return True
    return len(short) >= min_fuzzy and JaroWinkler.similarity(x, y) >= similarity


def _abbreviates(short: str, long: str) -> bool:
    """``short`` starts as ``long`` does and holds no letter ``long`` lacks, in order."""
    if short[0] != long[0]:
        return False
    rest = iter(long[1:])
    return all(letter in rest for letter in short[1:])
