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

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.model import ComparisonParameters
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
    scored: tuple[tuple[Prepared, Prepared], np.ndarray],
    weights: np.ndarray,
    u_used: np.ndarray,
) -> None:
    """Weigh the pairs at each level that weighs its letter by their letter (in place):
    ``levels``, ``weights`` and ``u_used`` are the comparison's columns of the pairs,
    ``scored`` the two batches and the pairs (left index, right index)."""
    (left_side, right_side), pairs = scored
    for index in letter_levels(comparison):
        hit = np.flatnonzero(levels == index)
        letters = tables.get(letters_key(comparison, index))
        initials = tables.get(initials_key(comparison, index))
        fitted = params.levels[index]
        if not len(hit) or letters is None or initials is None or initials.total <= 0:
            continue
        if fitted.m <= 0.0 or fitted.u <= 0.0:
            continue
        feature = comparison.levels[index].on(comparison.feature)
        left = left_side.column(feature)[pairs[hit, 0]]
        right = right_side.column(feature)[pairs[hit, 1]]
        lone = np.where([isinstance(v, str) and len(v) == 1 for v in left], left, right)
        average = sum(
            count * letters.frequency(letter) for letter, count in initials.counts.items()
        )
        shares = letters.frequencies(lone) * initials.total / average
        floor = _floor(comparison, params.weights(), index)
        weight = np.maximum(np.log2(fitted.m / (fitted.u * shares)), floor)
        weights[hit] = weight
        u_used[hit] = fitted.m / np.exp2(weight)


def _floor(comparison: Comparison, weights: np.ndarray, index: int) -> float:
    """The least the level at ``index`` may weigh a pair: the most a weaker agreement level
    weighs (at least 0)."""
    return max([0.0, *(float(weights[i]) for i in comparison.agreement_levels() if i > index)])
