"""Which comparisons' m an EM session can tell: those whose pairs other comparisons speak for.

m is fitted with u held fixed, so a comparison's m in a session is its level shares among the
session's matches, and which pairs are the matches is what EM must find. In a pair where the
comparison is the only one known, only its own level says whether the pair matches: that pair
bears out whatever m the comparison already has (any share of matches fits one comparison,
and EM stops anywhere along that ridge). Only pairs where another comparison is known too
fix which of them match (with u known, two conditionally independent comparisons fix the
share of matches and m), and EM carries the share they fix to the rest. Where they are a
sliver of the comparison's pairs, they are the records holding a rare field (a second given
name), not a sample of the others, and the least misfit among them (a second given name
going with the first, namesakes agreeing more than random pairs do) sets the comparison's m:
the session is, for that comparison, a session of one comparison. (RLdata10000, pairs sharing
a birth date and a last name: 11% of them hold a second given name beside the first name,
and EM read the first name equal in 4% of its matches, alike in 94%; in truth equal in 66%.)
"""

from __future__ import annotations

import numpy as np

MIN_SPOKEN_FOR_SHARE = 0.2
"""A session tells a comparison's m when at least this share of the pairs holding it hold
another comparison too. Measured: sessions whose estimate was their data's best had 27%
(PatentsView inventors, the location beside second given names) to 100%; those that read a
name's m backwards had 6% to 16% (RLdata10000 and its variants, names beside second given
names in pairs sharing a birth date and the other name)."""


def spoken_for(levels: np.ndarray) -> np.ndarray:
    """Per column of a session's ``levels`` (Null is 0): the share of the pairs holding that
    comparison in which at least one other comparison is known too (0 where none hold it)."""
    known = levels != 0
    others = known.sum(axis=1, keepdims=True) - known.astype(int) > 0
    held = known.sum(axis=0)
    together = (known & others).sum(axis=0)
    return np.divide(together, held, out=np.zeros(known.shape[1]), where=held > 0)


def identifiable(levels: np.ndarray) -> np.ndarray:
    """Per column of a session's ``levels``: whether the session can tell that comparison's m
    (``spoken_for`` in at least MIN_SPOKEN_FOR_SHARE of the pairs holding it)."""
    return spoken_for(levels) >= MIN_SPOKEN_FOR_SHARE
