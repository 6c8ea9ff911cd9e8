"""How common an initial's letter is: the weight of a given name cut to its initial.

A lone initial that agrees with the other record's given names (``levels.InitialIn``) weighs,
by its level's m and u, what an agreeing initial says on average. Initials are not equally
common: two records agree on ``m`` (Michael, Maria, Monika, Manfred) by chance far more often
than on ``u`` or ``o``. A level that weighs its letter (``Level.letters_weighed``) gives each
pair the u of its letter: the level's u times the share of the batch's records whose letters
hold it, over that share for the level's average pair (the mean over the batch's lone
initials). The level weighs its average still; a common letter weighs less, a rare one more
(never more than a whole name of that letter would: it holds the letter as often as any such
name is held). As a common exact value's (``matching.scoring``), the weight stays at least
what the weaker agreement levels weigh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import partial

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.model import ComparisonParameters
from matching.pair_level_weights import Columns, Scored, weigh_level_pairs
from matching.term_frequency import TermFrequencies


def letter_levels(comparison: Comparison) -> list[int]:
    """Indices of the comparison's levels that weigh a lone initial by its letter."""
    return [i for i, level in enumerate(comparison.levels) if level.letters_weighed()]


def letters_key(comparison: Comparison, index: int) -> str:
    """The key of the table of the letters the level at ``index`` weighs an initial against."""
    return f"{comparison.name}.letters.{comparison.levels[index].label}"


def initials_key(comparison: Comparison, index: int) -> str:
    """The key of the table of the lone initials the level at ``index`` weighs."""
    return f"{comparison.name}.initials.{comparison.levels[index].label}"


def letter_tables(comparison: Comparison, prepared: Prepared) -> dict[str, TermFrequencies]:
    """Per level weighing its letter: how many records hold each letter among their letters
    (once a record, out of the records holding any), and how many records hold each lone
    initial (out of the records holding one)."""
    tables = {}
    for index in letter_levels(comparison):
        level = comparison.levels[index]
        other = str(level.letters_weighed())
        held = [set(value) for value in prepared.column(other) if isinstance(value, str) and value]
        letters = Counter(letter for letters in held for letter in letters)
        tables[letters_key(comparison, index)] = TermFrequencies(other, len(held), dict(letters))
        feature = level.on(comparison.feature)
        lone = [v for v in prepared.column(feature) if isinstance(v, str) and len(v) == 1]
        tables[initials_key(comparison, index)] = TermFrequencies(
            feature, len(lone), dict(Counter(lone))
        )
    return tables


def weigh_letters(
    comparison: Comparison,
    params: ComparisonParameters,
    tables: Mapping[str, TermFrequencies],
    levels: np.ndarray,
    scored: Scored,
    columns: Columns,
) -> None:
    """Weigh the pairs at each level that weighs its letter by their letter
    (a ``matching.pair_level_weights.LevelWeigher``)."""
    for index in letter_levels(comparison):
        letters = tables.get(letters_key(comparison, index))
        initials = tables.get(initials_key(comparison, index))
        if letters is None or initials is None or initials.total <= 0:
            continue
        average = sum(
            count * letters.frequency(letter) for letter, count in initials.counts.items()
        )
        shares = partial(_letter_shares, letters, initials.total / average)
        weigh_level_pairs(comparison, params, index, levels, scored, columns, shares)


def _letter_shares(
    letters: TermFrequencies, scale: float, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Per pair: the share of records holding its lone initial's letter, over the share for
    the level's average pair (``scale``: the lone initials held over their letters' shares
    summed)."""
    lone = np.where([isinstance(v, str) and len(v) == 1 for v in left], left, right)
    return letters.frequencies(lone) * scale
