"""Placeholders: values typed where a field was required and nobody knew it ("Unknown", "N/A",
"TBD", "Last Name", "noemail@"), which say nothing about who the record is.

The vocabulary lives in data (``placeholders.csv``, next to this module), compared folded
(``matching.standardise.text.fold``: case, accents and punctuation aside). A value is a
placeholder only when it is one wholly, or a run of them ("Unknown Unknown", "First Name Last
Name"): "Nathan", "Testa" and "Noname Ltd" are names.

Read as missing, a placeholder surname no longer weighs as a surname unlike the person's real
one. Of the bench's sets only pseudopeople writes placeholders (surnames such as "Don't know"
and "No Name"); make bench measures it there with the date change of the same session
(section external_sparse, pseudopeople abbreviations 30%: 0.9771 -> 0.9779, review 0.8% ->
0.7%).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

from matching.standardise.text import fold
from matching.standardise.vocabulary_file import read_rows

VOCABULARY_FILE = Path(__file__).with_name("placeholders.csv")
_LONGEST = 4
"""The most words one entry of the vocabulary holds ("prefer not to say")."""


def read_placeholders(path: Path) -> frozenset[str]:
    """The folded placeholders a vocabulary file lists: CSV with the column ``placeholder``;
    blank lines and lines starting with ``#`` are skipped."""
    rows = read_rows(path, ("placeholder",), "a placeholder vocabulary")
    return frozenset(key for row in rows if (key := fold(row["placeholder"])))


@cache
def shipped_placeholders() -> frozenset[str]:
    """The vocabulary shipped with the library (read once, on first use)."""
    placeholders = read_placeholders(VOCABULARY_FILE)
    if any(len(key.split()) > _LONGEST for key in placeholders):
        raise ValueError(f"{VOCABULARY_FILE}: an entry of more than {_LONGEST} words")
    return placeholders


@lru_cache(maxsize=65536)
def is_placeholder(value: str) -> bool:
    """Whether ``value`` is wholly a placeholder, or a run of them: nothing but punctuation
    ("-", "?"), an entry of the vocabulary, or entries one after another."""
    words = fold(value).split()
    if words and words[0] not in _first_words():  # most values: no entry starts so
        return False
    return _made_of_placeholders(tuple(words), shipped_placeholders())


@cache
def _first_words() -> frozenset[str]:
    """The words the shipped vocabulary's entries start with."""
    return frozenset(key.split()[0] for key in shipped_placeholders())


def _made_of_placeholders(words: tuple[str, ...], vocabulary: frozenset[str]) -> bool:
    """Whether ``words`` split into entries of ``vocabulary`` (none at all included)."""
    ends = {0}  # how many leading words split so
    for end in range(1, len(words) + 1):
        if any(
            start in ends and " ".join(words[start:end]) in vocabulary
            for start in range(max(0, end - _LONGEST), end)
        ):
            ends.add(end)
    return len(words) in ends
