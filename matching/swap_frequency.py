"""How common two names are in either order: the weight of a first and a last name exchanged.

A comparison weighed jointly with another (``Comparison.tf_jointly_with``: the last name with
the first) may hold levels where the two are exchanged (``levels.Swapped``,
``levels_exchange.Exchanged``: ``Peter Frank`` against ``Frank Peters``). Their u, measured
on random pairs, is how often two records of different people read as an exchange at all; a
pair's own names say more. Two people named
``(x, y)`` and ``(y, x)`` meet by chance as often as both names are held in the order each
record gives them, ``f(x, y) f(y, x)``; one person's two records show them as often as either
order is held, ``f(x, y) + f(y, x)``, times the chance of an exchange (the level's m). The
pair's u is so ``f(x, y) f(y, x) / (f(x, y) + f(y, x))``, about the rarer order's (a full
name's frequency the product of its first and last name's, ``matching.term_frequency``).
``Hans Mueller`` against ``Mueller Hans`` is an exchange (nobody else is called Mueller as a
given name); ``Werner Thomas`` against ``Thomas Werner`` may be two people, each named as he
is. Each of the two comparisons at an exchange (the preset weighs the exchange in both)
weighs its level with the pair's u in place of the level's where the pair's is the larger:
lower by ``log2(pair u / level u)``, down to 0 at least (an exchange never counts against a
match). A pair whose u is below the level's keeps the level's weight: an exchange is no
plain agreement, and weighs no more than training found it (raising both comparisons
cost 4.6 points of precision on RLdata10000 with 30% of names exchanged).

A name no other record holds in either field is a slip of some name (``Pepter``) or a rare
one: how common its true form is is unknown, so it counts as common as the name of a record
drawn at random (``TermFrequencies.typical_share``). A name held elsewhere only in the other field
(``Mueller`` as a given name) is held in this one as rarely as the counts show.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.joint_frequency import partner, tf_feature
from matching.levels_crosswise import Swapped
from matching.levels_exchange import Exchanged
from matching.model import ModelParameters
from matching.pair_view import is_null
from matching.term_frequency import TermFrequencies
from matching.term_frequency_u import expected_copies

Tables = tuple[TermFrequencies, TermFrequencies]
"""First-name and last-name counts."""

EXCHANGES = (Swapped, Exchanged)
"""The levels where a comparison's feature and its partner's are exchanged."""


def exchange_levels(comparison: Comparison) -> list[int]:
    """Indices of the comparison's levels where its feature and its partner's are exchanged
    (none unless it is weighed jointly with a partner)."""
    if not comparison.tf_jointly_with:
        return []
    return [i for i, level in enumerate(comparison.levels) if isinstance(level, EXCHANGES)]


def name_share(tables: Tables, role: int, values: np.ndarray, copies: float) -> np.ndarray:
    """Per value: its share among other entities' records in the field ``role`` (0: first
    name, 1: last name); a value held by no other record in either field (nor by several
    records in the other) counts as its table's ``typical_share``; NaN where unknown."""
    own, other = tables[role], tables[1 - role]
    known = ~is_null(values)
    share = own.frequencies(values, copies)
    elsewhere = np.asarray([str(value) in other.counts for value in values.tolist()], dtype=bool)
    unheld = (own.shown_frequencies(values, copies) == 0.0) & ~elsewhere
    return np.where(known, np.where(unheld, own.typical_share, share), np.nan)


def order_share(tables: Tables, names: tuple[np.ndarray, np.ndarray], copies: float) -> np.ndarray:
    """Per record: how often another entity's record holds its first and last name in its
    order (``names``: the two columns)."""
    return name_share(tables, 0, names[0], copies) * name_share(tables, 1, names[1], copies)


def exchange_u(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The u of an exchange between records whose names, each in its own order, are held
    with shares ``left`` and ``right`` (module docstring)."""
    return left * right / (left + right)


def weigh_exchanges(
    comparisons: Sequence[Comparison],
    model: ModelParameters,
    levels: np.ndarray,
    scored: tuple[tuple[Prepared, Prepared], np.ndarray],
    weights: np.ndarray,
    u_used: np.ndarray,
) -> None:
    """Weigh the pairs at exchange levels by how common their names are in both orders, in
    the comparison and in its partner where that is at an exchange too (in place;
    ``scored``: the two batches and the pairs, left index and right index)."""
    for column, comparison in enumerate(comparisons):
        for index in exchange_levels(comparison):
            hit = np.flatnonzero(levels[:, column] == index)
            excess = _excess(comparisons, model, (column, index), scored, hit)
            if excess is None:
                continue
            other = partner(comparisons, comparison)
            exchanged = np.asarray([isinstance(lv, EXCHANGES) for lv in comparisons[other].levels])
            both = exchanged[levels[hit, other]]
            _reweighed(weights, u_used, (hit, column), excess)
            _reweighed(weights, u_used, (hit[both], other), excess[both])


def _reweighed(
    weights: np.ndarray, u_used: np.ndarray, at: tuple[np.ndarray, int], excess: np.ndarray
) -> None:
    """The weights at ``at`` (rows, column) less ``excess`` (at least 0; in place): lowered
    down to 0 at least (or kept, where already below)."""
    rows, column = at
    weight = weights[rows, column]
    changed = np.maximum(weight - excess, np.minimum(weight, 0.0))
    weights[rows, column] = changed
    u_used[rows, column] = u_used[rows, column] * np.exp2(weight - changed)


def _excess(
    comparisons: Sequence[Comparison],
    model: ModelParameters,
    at: tuple[int, int],
    scored: tuple[tuple[Prepared, Prepared], np.ndarray],
    hit: np.ndarray,
) -> np.ndarray | None:
    """Per pair at the level ``at`` (column, level): ``log2`` of its u (``exchange_u``) over
    the level's where it is the larger, else 0; None without the counts."""
    column, index = at
    comparison = comparisons[column]
    other = comparisons[partner(comparisons, comparison)]
    first = model.term_frequencies.get(other.name)
    last = model.term_frequencies.get(comparison.name)
    level_u = model.comparisons[column].levels[index].u
    if not len(hit) or first is None or last is None or level_u <= 0.0:
        return None
    features = (tf_feature(other), tf_feature(comparison))
    copies = expected_copies(model, first.total)
    (left_side, right_side), pairs = scored
    shares = [
        order_share(
            (first, last), (side.column(features[0])[rows], side.column(features[1])[rows]), copies
        )
        for side, rows in ((left_side, pairs[hit, 0]), (right_side, pairs[hit, 1]))
    ]
    u = np.nan_to_num(exchange_u(shares[0], shares[1]), nan=level_u)
    return np.log2(np.fmax(u, level_u) / level_u)
