"""What a comparison's levels mean, kept in its m whatever EM found.

EM fits two classes to the pairs it is given; on a sample whose true matches rarely show a
level, that level can end up weighing heavily against a match although it says the records
agree (a same city, a nickname, a phone), or one disagreement can outweigh every agreement.
After estimation, m is held to the meaning of the levels (u, measured on random pairs, is
left as it is):

- an agreement level (between Null and Else) never weighs less than 0, nor less than any
  weaker agreement level after it: levels are ordered from the strongest agreement down
  (but for agreement on the parts both hold where one lacks a part: ``ordered_agreements``);
- Else (a disagreement) never weighs more than 0 (nor keeps m above ``DISAGREEMENT_FLOOR``
  where true pairs are known to differ there almost never, ``Comparison.rarely_differs``);
  Else and a conflict level (another value of the same identifier scheme)
  keep m at least ``DISAGREEMENT_FLOOR``: some true copies disagree on any one field (a slip, a
  move, a stale value), so one disagreement weighs at most about ``log2(floor / u)`` bits and
  cannot veto every agreement; a conflict weighs at least one bit less than a neutral level;
- a neutral level (values of different schemes: two employers' mailboxes) weighs exactly 0.

Comparisons with ``fixed_m`` keep theirs but for their neutral levels, which weigh 0 there too: a
steward's table is meant as written. The agreement
levels the order pooled are kept beside m (``ConstrainedM.pooled``): a pooled level's weight is
the others' too, not a bound of its own (``matching.pair_level_weights``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, pairwise

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.levels import ExactWhereUnknown
from matching.model import PooledLevels
from matching.pair_view import is_null

AGREEMENT_M = 0.9
"""How often true copies agree on a field both hold, where nothing better is known."""
DISAGREEMENT_FLOOR = 0.01
"""At most about -6.6 bits for one disagreement whose u is near 1."""


@dataclass(frozen=True)
class ConstrainedM:
    """m held to the meaning of the levels (``constrain_m``), and the runs of agreement levels
    the order read as one on the way, each at one ratio (``monotone``)."""

    m: np.ndarray
    pooled: PooledLevels


def ordered_agreements(comparison: Comparison) -> list[int]:
    """The agreement levels ordered by strength: all but those needing a part missing on one
    side (``ExactWhereUnknown`` with ``unknown``: the same city, no street to compare) and
    those reading another aspect too (``WhereEqual``: one name within the other at one
    street address). The pairs of the first lack what the levels after them compare (a
    similar street), so neither is the stronger; their least weight comes from their meaning
    (``meaning_floors``). The second are held below the agreement before them instead
    (``_joint_ceilings``), not pooled with it, which would lend their weight to it."""
    return [
        index
        for index in comparison.agreement_levels()
        if not comparison.levels[index].beside_the_order()
    ]


def sorted_out(comparison: Comparison) -> list[tuple[int, int]]:
    """The agreement levels sorting out pairs of the agreement level after them by how common
    their values are (``Level.sorts_out_of``), each with that level: (level, level after)."""
    agreements = comparison.agreement_levels()
    levels = comparison.levels
    return [
        (index, after)
        for index, after in pairwise(agreements)
        if levels[index].sorts_out_of(levels[after])
    ]


def weights_in_order(comparison: Comparison, m: np.ndarray, u: np.ndarray) -> np.ndarray:
    """The weight ``log2(m / u)`` of each level as the order of agreements reads it
    (``monotone``): a level sorting out pairs of the one after it (``sorted_out``) and that
    level each weigh what their pairs weigh together."""
    m, u = np.asarray(m, dtype=float).copy(), np.asarray(u, dtype=float).copy()
    for index, after in sorted_out(comparison):
        if m[index] + m[after] > 0.0 and u[index] + u[after] > 0.0:
            m[[index, after]] = m[index] + m[after]
            u[[index, after]] = u[index] + u[after]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2(m / u)


def monotone(
    comparison: Comparison, m: np.ndarray, u: np.ndarray
) -> tuple[np.ndarray, PooledLevels]:
    """Pool adjacent agreement levels whose m/u rises where it should fall (pool adjacent
    violators, over ``ordered_agreements``): pooled levels share one ratio, and their m still
    sums as before. A level sorting out some pairs of the one after it (``sorted_out``) is
    read as part of it: the two are ordered by what their pairs weigh together, and the
    first keeps its m, the one after it taking the rest of their pooled m (how common the
    values are tells them apart, not the order), but weighs at most the pooled ratio: two
    names alike say no more than a slip of one. Pooling again what is pooled changes nothing
    (learning without labels re-applies it to a model's m), which scaling both would not: a
    floor raising the first after it was scaled moved m between the levels each time.
    Returns m and the runs of levels it reads as one: those pooled, a level sorting out pairs
    of the one after it with that level's run."""
    within = sorted_out(comparison)
    whole_m, whole_u = m.copy(), u.copy()
    for index, after in within:
        whole_m[after] += m[index]
        whole_u[after] += u[index]
    blocks: list[list[int]] = []
    for index in ordered_agreements(comparison):
        blocks.append([index])
        while len(blocks) > 1 and _ratio(whole_m, whole_u, blocks[-2]) < _ratio(
            whole_m, whole_u, blocks[-1]
        ):
            last = blocks.pop()
            blocks[-1].extend(last)
    pooled = m.copy()
    ratios = np.zeros(len(m))
    for block in blocks:
        ratios[block] = _ratio(whole_m, whole_u, block)
        pooled[block] = u[block] * ratios[block]
    for index, after in within:
        if m[index] <= ratios[after] * u[index]:
            pooled[[index, after]] = m[index], ratios[after] * whole_u[after] - m[index]
        else:
            pooled[[index, after]] = ratios[after] * u[[index, after]]
    return pooled, _joined(tuple(tuple(block) for block in blocks if len(block) > 1), tuple(within))


def _joined(*passes: PooledLevels) -> PooledLevels:
    """The runs of levels pooled in any of ``passes``, runs sharing a level made one."""
    runs: list[set[int]] = []
    for block in chain(*passes):
        touching = [run for run in runs if run.intersection(block)]
        runs = [run for run in runs if not run.intersection(block)]
        runs.append(set(block).union(*touching))
    return tuple(sorted(tuple(sorted(run)) for run in runs))


def _joint_ceilings(comparison: Comparison, m: np.ndarray, u: np.ndarray) -> np.ndarray:
    """A level reading another aspect too (``WhereEqual``: one name within the other at one
    street address) weighs at most as the agreement level before it (names merely alike).
    Random pairs seldom share that other value, so its u is tiny and its m/u counts the shared
    street or phone a second time, which its own comparison weighs already: the level is to
    tell the company from its subsidiary, not to outweigh a phone or a legal form that
    differs. The m it gives up goes to the other agreement levels in proportion to theirs
    (a disagreement stays at most its u): a level no match of a small batch showed (half an
    observation) would otherwise take its share from them."""
    ordered = ordered_agreements(comparison)
    m = m.copy()
    given_up = 0.0
    for index in comparison.agreement_levels():
        before = [level for level in ordered if level < index]
        if comparison.levels[index].capped_by_the_level_before() and before:
            held = min(m[index], u[index] * _ratio(m, u, [before[-1]]))
            given_up, m[index] = given_up + m[index] - held, held
    others = [
        index
        for index in comparison.agreement_levels()
        if not comparison.levels[index].capped_by_the_level_before()
    ]
    if given_up > 0.0 and m[others].sum() > 0.0:
        m[others] *= 1.0 + given_up / m[others].sum()
    return m


def _ratio(m: np.ndarray, u: np.ndarray, block: list[int]) -> float:
    return float(m[block].sum() / u[block].sum())


def _agreement_floors(
    comparison: Comparison, u: np.ndarray, weight_floors: np.ndarray | None
) -> np.ndarray:
    """An agreement never weighs less than 0, nor less than its floor from meaning (if any),
    nor less than any weaker agreement's floor: m at least u times those ratios."""
    floors = np.zeros(len(u))
    ratio = 1.0
    for index in reversed(comparison.agreement_levels()):
        if weight_floors is not None:
            ratio = max(ratio, 2.0 ** float(weight_floors[index]))
        floors[index] = u[index] * ratio
    return floors


def _disagreement_floors(comparison: Comparison, u: np.ndarray) -> np.ndarray:
    floors = np.zeros(len(u))
    for index, level in enumerate(comparison.levels):
        disagrees = level.is_else_level or level.label in comparison.conflict_levels
        if index and disagrees and level.label not in comparison.neutral_levels:
            floors[index] = min(DISAGREEMENT_FLOOR, u[index])
    return floors


def _disagreement_capped(comparison: Comparison, m: np.ndarray, u: np.ndarray) -> np.ndarray:
    """A disagreement never counts for a match: Else's m at most its u (at most
    ``DISAGREEMENT_FLOOR`` where the comparison ``rarely_differs``), the rest of its mass given
    to the agreement levels (in proportion to their m, or to u when m has none)."""
    ceiling = min(u[-1], DISAGREEMENT_FLOOR) if comparison.rarely_differs else u[-1]
    if comparison.levels[-1].label in comparison.neutral_levels or m[-1] <= ceiling:
        return m
    m = m.copy()
    surplus, m[-1] = m[-1] - ceiling, ceiling
    agreements = comparison.agreement_levels()
    if not agreements:
        return m
    share = m[agreements] if m[agreements].sum() > 0 else u[agreements]
    m[agreements] += surplus * share / share.sum()
    return m


def _settle(
    m: np.ndarray, floors: np.ndarray, shared: np.ndarray | None = None, mass: float = 1.0
) -> np.ndarray:
    """Raise m to its floors and take the excess over ``mass`` from the ``shared`` levels
    above theirs (default: every level after Null)."""
    m = np.maximum(m, floors)
    if shared is None:
        shared = np.arange(1, len(m))
    excess = m[shared].sum() - mass
    slack = np.zeros(len(m))
    slack[shared] = (m - floors)[shared]
    if excess > 0 and slack.sum() > excess:
        m = m - slack * (excess / slack.sum())
    return m


def constrain_m(
    comparison: Comparison,
    m: np.ndarray,
    u: np.ndarray,
    weight_floors: np.ndarray | None = None,
    *,
    mass: float | None = None,
    pooled: PooledLevels = (),
) -> ConstrainedM:
    """m of ``comparison``'s levels held to their meaning (Null stays 1), with the levels the
    order pooled, in either of its passes (before the floors and after them). ``weight_floors``:
    the least weight of each level where its meaning gives one (``meaning_floors``).
    ``mass``: the m the levels other than Null and the neutral ones share (m re-estimated
    from a model's m, whose neutral levels hold u, not their share of the matches); by
    default every level after Null shares 1. ``pooled``: runs pooled before whose levels
    still share one ratio (a model's m held again where no label moved it), kept pooled: the
    order finds nothing to pool between levels of one ratio."""
    m = np.asarray(m, dtype=float).copy()
    u = np.asarray(u, dtype=float)
    neutral = [comparison.labels.index(label) for label in comparison.neutral_levels]
    if comparison.fixed_m:
        m[neutral] = u[neutral]
        return ConstrainedM(m, ())
    shared = None
    if mass is not None:
        shared = np.asarray([i for i in range(1, len(m)) if i not in neutral], dtype=int)
    m[neutral] = u[neutral]
    m = _disagreement_capped(comparison, m, u)
    agreement = _agreement_floors(comparison, u, weight_floors)
    floors = np.maximum(agreement, _disagreement_floors(comparison, u))
    m, first = monotone(comparison, m, u)
    m, second = monotone(comparison, _settle(m, floors, shared, 1.0 if mass is None else mass), u)
    m = np.maximum(_joint_ceilings(comparison, m, u), agreement)
    for label in comparison.conflict_levels:
        index = comparison.labels.index(label)
        ceiling = 0.0 if neutral else min(float(np.log2(m[-1] / u[-1])), 0.0)
        m[index] = max(min(m[index], u[index] * 2.0 ** (ceiling - 1.0)), 1e-9)
    m[neutral] = u[neutral]
    m[0] = 1.0
    return ConstrainedM(m, _joined(pooled, first, second))


def meaning_floors(comparison: Comparison, prepared: Prepared) -> np.ndarray | None:
    """Least weights of the levels that agree on all both records hold (``ExactWhereUnknown``):
    ``log2(AGREEMENT_M / u)`` with u the chance that two random records holding the feature
    agree on it. Such a level is rare among the matches of a training batch whose records are
    complete, so EM cannot weigh it; its meaning can (missing parts are missing in matches
    and non-matches alike, so they change neither side)."""
    floors = np.zeros(len(comparison.levels))
    found = False
    for index, level in enumerate(comparison.levels):
        if isinstance(level, ExactWhereUnknown):
            column = prepared.column(level.on(comparison.feature))
            floors[index] = float(np.log2(AGREEMENT_M / _collision(column)))
            found = True
    return floors if found else None


def _collision(values: np.ndarray) -> float:
    """The chance that two random known values are equal (at least one pair in n²)."""
    known = values[~is_null(values)]
    n = len(known)
    if n < 2:
        return 1.0
    _, counts = np.unique(known.astype(str), return_counts=True)
    same = float((counts.astype(np.float64) * (counts - 1)).sum())
    return max(same, 1.0) / (n * (n - 1.0))
