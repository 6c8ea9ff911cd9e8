"""Initials: a lone initial among the other name's initials (``InitialIn``), and whether the
first letters of two names' words line up (``first_letters_line_up``), the vectorised test a
level reading word by word passes its pairs through first (``matching.levels_words``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from matching.levels import Level
from matching.name_words import CONNECTIVES
from matching.pair_view import PairView, is_null


@dataclass(frozen=True)
class InitialIn(Level):
    """One side holds only an initial (one letter) and it is among the other side's
    ``other`` letters (its initials): ``j`` against ``john`` or ``r`` against ``erin rachel``,
    a given name cut to its initial, or a middle initial where the first name was lost.

    ``letter_frequency``: weigh each pair by how common its letter is among the ``other``
    letters of the batch's records (``matching.letter_frequency``): ``m`` (Michael, Maria,
    Monika) agrees by chance far more often than ``u`` or ``o``."""

    label: str = "initial"
    other: str = ""
    letter_frequency: bool = False

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), self.other}

    def letters_weighed(self) -> str | None:
        return self.other if self.letter_frequency else None

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left_lone, right_lone = view.derived(
            f"one_letter:{name}", lambda b: _one_letter(b.column(name))
        )
        return _initial_in(view.left(name), view.right(self.other), left_lone) | _initial_in(
            view.right(name), view.left(self.other), right_lone
        )


def _one_letter(values: np.ndarray) -> np.ndarray:
    """Per value: whether its text is one letter long (an initial)."""
    return np.char.str_len(_texts(values)) == 1


def _initial_in(initials: np.ndarray, letters: np.ndarray, one_letter: np.ndarray) -> np.ndarray:
    """Per pair: the initial (``one_letter``: the side holds one) is among the letters."""
    hit = np.zeros(len(initials), dtype=bool)
    lone = np.flatnonzero(one_letter)
    hit[lone] = [isinstance(letters[i], str) and initials[i] in letters[i] for i in lone]
    return hit


def _texts(values: np.ndarray) -> np.ndarray:
    out = np.full(len(values), "", dtype=object)
    known = ~is_null(values)
    out[known] = values[known]
    return out.astype(str)


def first_letters_line_up(view: PairView, feature: str, *, named: bool = False) -> np.ndarray:
    """Per pair: every first letter of one value's words (``named``: of those that name
    something, connectives aside) is a first letter of a word of the other; False where
    either is unknown. A vectorised test, true of any pair whose words one holds within the
    other, so a level reading word by word reads only the pairs that pass it (a million
    random pairs estimate its u)."""
    kind = "named" if named else "all"
    ones_left, ones_right = view.derived(
        f"initials:{kind}:{feature}", lambda b: _initials_mask(b.column(feature), named)
    )
    all_left, all_right = view.derived(
        f"initials:all:{feature}", lambda b: _initials_mask(b.column(feature), False)
    )
    known = (all_left != 0) & (all_right != 0)
    return known & (((ones_left & ~all_right) == 0) | ((ones_right & ~all_left) == 0))


def _initials_mask(values: np.ndarray, named: bool) -> np.ndarray:
    """Per value, one bit per first letter of its words (letters folded onto 62 bits: two
    letters may share one, so a pair lines up at least whenever its letters do)."""
    out = np.zeros(len(values), dtype=np.int64)
    for index, value in enumerate(values.tolist()):
        if value is not None:
            words = str(value).split()
            out[index] = letter_bits(
                frozenset(w[0] for w in words if not (named and w in CONNECTIVES))
            )
    return out


@lru_cache(maxsize=65536)
def letter_bits(letters: frozenset[str]) -> int:
    """One bit per letter, folded onto 62 bits (``first_letters_line_up``)."""
    bits = 0
    for letter in letters:
        bits |= 1 << (ord(letter) % 62)
    return bits
