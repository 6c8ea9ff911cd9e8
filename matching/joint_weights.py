"""A scored batch's full names weighed together (``matching.joint_frequency`` counts them).

Where the last name agrees at its term-frequency level, the pair's u for first and last name
together is at least the share of other entities' records holding either record's full name:
another record holding one record's full name meets the other record at the very levels the
pair is at. For two records of one full name that is the name's own share. For two first
names that are one name in two forms (a nickname and its canonical name: ``Jon Hull`` and
``John R. Hull``) it is the commoner of the two full names': any other John Hull is a nickname
pair of Jon Hull's too, and a nickname may not weigh more than the exact full name it stands
for. Weighed as their names multiplied, such pairs outweighed the exact full name and joined
namesakes through them (PatentsView's inventors: John R. and John W. Hull through a Jon Hull,
Richard W. and Richard C. Walker through a Rick W. Walker; make bench, section external:
PatentsView F1 0.894 -> 0.900, precision 0.907 -> 0.922, recall 0.882 -> 0.879). First names
a slip or an initial apart are left to the slips and letters that weigh them: read so too, a
name cut to its initial met the share of other people's initials beside the last name, and
RLdata10000 with 30% of first names cut to an initial lost recall (the external_sparse
section's cell "abbreviations 30%": F1 0.9450 -> 0.9434) for little more on the inventors
(0.901)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.joint_frequency import joint_key, joint_values, other_share, partner, tf_feature
from matching.levels import Exact
from matching.model import ModelParameters
from matching.pair_level_weights import order_weights, weaker_agreement_weight
from matching.term_frequency_u import expected_copies


def one_value_levels(comparison: Comparison) -> np.ndarray:
    """Per level of ``comparison``: whether its two values are one value there, equal as
    written or in the form the level reads (a nickname's canonical name)."""
    return np.array([isinstance(level, Exact) for level in comparison.levels], dtype=bool)


def weigh_jointly(
    comparisons: Sequence[Comparison],
    model: ModelParameters,
    column: int,
    levels: np.ndarray,
    batch: tuple[tuple[Prepared, Prepared], np.ndarray],
    scores: tuple[np.ndarray, np.ndarray],
) -> None:
    """Where ``column`` agrees at its term-frequency level and its partner at a level of one
    value (``one_value_levels``), the pair's u for the two together: the share of other
    entities' records holding either record's two values, when that exceeds the product of
    the two comparisons' u (``batch``: both sides and the pairs). ``column``'s weight takes
    the difference, down to the least its weaker agreements weigh (``scores``: the weights
    and u of every comparison, in place)."""
    comparison = comparisons[column]
    other = partner(comparisons, comparison)
    table = model.term_frequencies.get(joint_key(comparison))
    tf_level = comparison.tf_level()
    one_value = one_value_levels(comparisons[other])[levels[:, other]]
    hit = np.flatnonzero((levels[:, column] == tf_level) & one_value)
    if table is None or tf_level is None or not len(hit):
        return
    weights, u_used = scores
    m = model.comparisons[column].levels[tf_level].m
    copies = expected_copies(model, table.total) * m
    features = (tf_feature(comparisons[other]), tf_feature(comparison))
    sides, pairs = batch
    shares = [
        other_share(table, joint_values(*(side.column(f)[rows] for f in features)), copies)
        for side, rows in zip(sides, (pairs[hit, 0], pairs[hit, 1]), strict=True)
    ]
    product = u_used[hit, other] * u_used[hit, column]
    excess = np.log2(np.fmax(np.fmax(*shares), product) / product)
    params = model.comparisons[column]
    floor = weaker_agreement_weight(comparison, order_weights(comparison, params), tf_level)
    weight = weights[hit, column]
    weights[hit, column] = np.maximum(weight - excess, np.minimum(weight, floor))
    u_used[hit, column] = m / np.exp2(weights[hit, column])
