"""One level's pairs weighed each by what they hold, within the bounds of the level's order.

Some levels weigh each of their pairs apart from the level's average: a lone initial by how
common its letter is (``matching.letter_frequency``), a slip in the year by how common the two
years are (``matching.year_frequency``), an exact value by how common it is
(``matching.scoring``). Each gives a pair its own u, so its weight ``log2(m / u)``, but keeps
the meaning of the order: an agreement weighs at least what a weaker agreement of the
comparison does (an exact value, however common, says no less than a fuzzy one), and a level
may also be held to at most what a stronger one weighs (a slip says no more than the same
value). A weaker level the order pooled with the level (``matching.m_constraints``, kept in
``ComparisonParameters.pooled``: both then weigh the pooled ratio) may be left out of the floor:
it weighs the level's own average, and as a floor it would keep every pair at the average or
above.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.levels_common import BothCommon
from matching.m_constraints import sorted_out, weights_in_order
from matching.model import ComparisonParameters
from matching.term_frequency import TermFrequencies

ShareOfU = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""Per pair, from its two values (left, right): its u as a multiple of the level's u."""
Scored = tuple[tuple[Prepared, Prepared], np.ndarray]
"""The two batches and the pairs (left index, right index) being weighed."""
Columns = tuple[np.ndarray, np.ndarray]
"""One comparison's weights and u used, a row per pair, written in place."""
LevelWeigher = Callable[
    [Comparison, ComparisonParameters, Mapping[str, TermFrequencies], np.ndarray, Scored, Columns],
    None,
]
"""Weighs the pairs at each level of a comparison that weighs its values one by one (in
place), from the comparison, its parameters, the model's frequency tables, the comparison's
level of each pair, the pairs (``Scored``) and its columns (``Columns``): letters
(``matching.letter_frequency.weigh_letters``), years (``matching.year_frequency.weigh_years``)."""


def order_weights(comparison: Comparison, params: ComparisonParameters) -> np.ndarray:
    """The weight of each level as the bounds of the order read it: its own, but a level
    sorting out, by how common their values are, pairs of the agreement level after it
    (``matching.m_constraints.sorted_out``: two common names alike, ``matching.levels_common``)
    is read with that level as one, as the order of agreements holds them
    (``matching.m_constraints.monotone``). Taking the commonest pairs out of a slip level
    raises what the slips left weigh, not what a slip says of a pair on average, which
    bounds the least an exact common value weighs (``weaker_agreement_weight``)."""
    if not sorted_out(comparison):
        return params.weights()
    return weights_in_order(comparison, params.m(), params.u())


def weaker_agreement_weight(
    comparison: Comparison, weights: np.ndarray, level: int, *, left_out: Collection[int] = ()
) -> float:
    """The most a weaker agreement level of the comparison weighs (at least 0): an exact
    value, however common, says no less than a fuzzy one (``matching.m_constraints``).
    ``left_out``: weaker levels not read (those pooled with the level, which weigh what it
    does: ``ComparisonParameters.pooled_with``)."""
    weaker = [
        float(weights[i]) for i in comparison.agreement_levels() if i > level and i not in left_out
    ]
    return max([0.0, *weaker])


def stronger_agreement_weight(comparison: Comparison, weights: np.ndarray, level: int) -> float:
    """The most a stronger agreement level of the comparison weighs (the level's own weight
    where none is stronger)."""
    stronger = [float(weights[i]) for i in comparison.agreement_levels() if i < level]
    return max(stronger, default=float(weights[level]))


def weigh_level_pairs(
    comparison: Comparison,
    params: ComparisonParameters,
    index: int,
    levels: np.ndarray,
    scored: Scored,
    columns: Columns,
    share_of_u: ShareOfU,
    capped: bool = False,
    pooled_floor: bool = True,
) -> None:
    """Weigh the pairs at the level ``index`` one by one (in place): each pair's u is the
    level's u times ``share_of_u`` of its two values, its weight held at least at the weaker
    agreements' (but for those the order pooled with it, unless ``pooled_floor``) and, where
    ``capped``, at most at the stronger ones'. ``levels`` and ``columns`` (weights, u used) are
    the comparison's columns of the pairs, ``scored`` the two batches and the pairs (left
    index, right index). Nothing changes where the level's m or u was fitted at 0."""
    hit = np.flatnonzero(levels == index)
    fitted = params.levels[index]
    if not len(hit) or fitted.m <= 0.0 or fitted.u <= 0.0:
        return
    (left_side, right_side), pairs = scored
    feature = comparison.levels[index].on(comparison.feature)
    left = left_side.column(feature)[pairs[hit, 0]]
    right = right_side.column(feature)[pairs[hit, 1]]
    level_weights = order_weights(comparison, params)
    left_out = () if pooled_floor else params.pooled_with(index)
    floor = weaker_agreement_weight(comparison, level_weights, index, left_out=left_out)
    weight = np.maximum(np.log2(fitted.m / (fitted.u * share_of_u(left, right))), floor)
    if capped:
        weight = np.minimum(
            weight, max(stronger_agreement_weight(comparison, level_weights, index), floor)
        )
    weights, u_used = columns
    weights[hit] = weight
    u_used[hit] = fitted.m / np.exp2(weight)


def weigh_common_slips(
    comparison: Comparison,
    params: ComparisonParameters,
    levels: np.ndarray,
    scored: Scored,
    columns: Columns,
) -> None:
    """The pairs left at a level a ``BothCommon`` level sorts out of (``sorted_out``) whose
    one value is common: a slip of a common name, weighed at most as the level with the
    common pairs read back in (``order_weights``), as before they were sorted out; a slip
    between two values few records hold keeps the level's own weight (in place; ``columns``:
    the comparison's weights and u used)."""
    within = sorted_out(comparison)
    if not within:
        return
    weights, u_used = columns
    ordered = order_weights(comparison, params)
    for index, after in within:
        level = comparison.levels[index]
        hit = np.flatnonzero(levels == after)
        if not len(hit) or not isinstance(level, BothCommon):
            continue
        rows = hit[level.either_common(scored, comparison.feature)[hit]]
        capped = np.minimum(weights[rows], ordered[after])
        u_used[rows] = params.m()[after] / np.exp2(capped)
        weights[rows] = capped
