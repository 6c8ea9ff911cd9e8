"""Learning from stewards: pairs a steward decided (a merge is a match, "not a match" is not)
re-estimate m and the thresholds of a trained model.

m. The model's m is the share of each level among the matches it expects: ``W`` matches
(the prior times the pairs of the population, times the share of them where the comparison
has a value on both sides). A labelled pair was counted there with the probability the model
gave it; its label replaces that guess: a merge the model gave 0.7 adds 0.3 of a match to its
levels, a "not a match" it gave 0.7 takes 0.7 away. Pairs reach stewards because the model
was unsure of them (the review band), so their levels are no sample of all matches; counting
only what the labels say beyond what the model expected keeps that selection from dragging m
towards the band's levels (a few hundred merges of pairs with a slip in the date would
otherwise make an equal date look rare among matches). u is left as estimated from random
pairs: the pairs stewards see are no random sample of non-matches. The new m is then held to
the meaning of the levels (``matching.m_constraints``): agreement never weighs less than
disagreement, whatever the labels.

Thresholds. The configured thresholds say how sure the matcher must be: above ``upper`` at
most ``1 - upper`` of the pairs linked unattended may be wrong (1 in 100 at 0.99). Scored with
the new model, the labelled pairs of the review band show where that holds: ``upper`` moves
down to the lowest probability above which the labelled pairs it would link unattended are
that clean with 95% confidence (Wilson bound); ``lower`` moves up while the labelled pairs
between it and the new value hold as few matches. With few labels nothing moves: about 270
clean pairs are needed to vouch for 1 in 100. Neither moves the other way: the labelled pairs
above ``upper`` are no sample of what it links (a steward splits out the link that was wrong,
and leaves the hundreds that were right unlabelled), and those below ``lower`` are never seen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from matching.comparison import Comparison, level_matrix
from matching.em import PROBABILITY_FLOOR
from matching.feature import Prepared
from matching.m_constraints import constrain_m, meaning_floors
from matching.model import (
    ComparisonParameters,
    ModelParameters,
    PooledLevels,
    comparison_parameters,
)
from matching.pair_view import PairView, is_null
from matching.scoring import probability_of, score_pairs
from matching.settings import EntitySettings
from matching.thresholds import Thresholds

CONFIDENCE_Z = 1.645
"""One-sided 95%: the Wilson bounds on the share of wrong decisions."""


@dataclass(frozen=True)
class LevelChange:
    """One level of one comparison before and after learning, with the labelled pairs that
    showed it."""

    comparison: str
    level: str
    old_weight: float
    new_weight: float
    matches: int
    non_matches: int


@dataclass(frozen=True)
class Learning:
    """A model re-estimated from labelled pairs, and what changed."""

    model: ModelParameters
    changes: tuple[LevelChange, ...]
    old_thresholds: Thresholds
    new_thresholds: Thresholds
    matches: int
    non_matches: int

    def changed(self, at_least: float = 0.01) -> tuple[LevelChange, ...]:
        """The levels whose weight moved by ``at_least`` bits."""
        return tuple(c for c in self.changes if abs(c.new_weight - c.old_weight) >= at_least)


def learn(
    settings: EntitySettings,
    model: ModelParameters,
    prepared: Prepared,
    pairs: np.ndarray,
    is_match: np.ndarray,
) -> Learning:
    """Re-estimate ``model`` (trained for ``settings``, scoring among ``prepared``: the
    entity's records) from labelled ``pairs`` (rows of two indices into ``prepared``)."""
    is_match = np.asarray(is_match, dtype=bool)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    comparisons = settings.comparisons
    levels = level_matrix(comparisons, PairView(prepared, prepared, pairs[:, 0], pairs[:, 1]))
    cap, bar = settings.thresholds.review_cap, settings.thresholds.without_evidence
    before = score_pairs(
        comparisons, model, prepared, prepared, pairs, cap, levels, without_evidence=bar
    )
    residual = is_match - probability_of(before.total_weight)
    expected = model.prior * len(prepared) * (len(prepared) - 1) / 2.0
    params = []
    for column, comparison in enumerate(comparisons):
        current = model.comparisons[column]
        shared = _shared_levels(comparison)
        mass = float(current.m()[shared].sum())
        m = _blended_m(
            comparison, current.m(), shared, levels[:, column], residual,
            expected * mass * _present_share(prepared, comparison) ** 2,
        )  # fmt: skip
        floors = meaning_floors(comparison, prepared)
        kept = _unlabelled_runs(current, levels[:, column])
        held = constrain_m(comparison, m, current.u(), floors, mass=mass, pooled=kept)
        params.append(
            comparison_parameters(
                comparison.name, comparison.labels, held.m, current.u(), held.pooled
            )
        )
    learnt = replace(model, comparisons=tuple(params), thresholds=None)
    after = score_pairs(
        comparisons, learnt, prepared, prepared, pairs, cap, levels, without_evidence=bar
    )
    old_thresholds = model.thresholds or settings.thresholds
    new_thresholds = learn_thresholds(after.probability, is_match, settings.thresholds)
    return Learning(
        model=replace(learnt, thresholds=new_thresholds),
        changes=_changes(comparisons, model, learnt, levels, is_match),
        old_thresholds=old_thresholds,
        new_thresholds=new_thresholds,
        matches=int(is_match.sum()),
        non_matches=int((~is_match).sum()),
    )


def _shared_levels(comparison: Comparison) -> np.ndarray:
    """The levels whose m is a share of the matches: all but Null and the neutral ones (whose
    m is held at u, so that they weigh 0)."""
    neutral = comparison.neutral_levels
    return np.asarray(
        [i for i, label in enumerate(comparison.labels) if i and label not in neutral], dtype=int
    )


def _unlabelled_runs(params: ComparisonParameters, levels: np.ndarray) -> PooledLevels:
    """The runs of levels ``params`` pooled that no labelled pair is at (``levels``: the
    comparison's level of each pair): blending scales their m alike (``_blended_m``), so
    they keep sharing one ratio."""
    return tuple(run for run in params.pooled if not np.isin(levels, run).any())


def _blended_m(
    comparison: Comparison,
    m: np.ndarray,
    shared: np.ndarray,
    levels: np.ndarray,
    residual: np.ndarray,
    expected: float,
) -> np.ndarray:
    """m of the ``shared`` levels counted as ``expected`` matches, plus each labelled pair's
    label beyond what the model gave it, at its level; they keep the mass they had."""
    if comparison.fixed_m or not len(shared):
        return m
    added = np.bincount(levels.astype(np.int64), weights=residual, minlength=len(m))[: len(m)]
    mass = m[shared].sum()
    counts = np.maximum(m[shared] / mass * expected + added[shared], 0.0)
    if counts.sum() <= 0.0:
        return m
    blended = m.copy()
    share = np.clip(counts / counts.sum(), PROBABILITY_FLOOR, 1.0)
    blended[shared] = share / share.sum() * mass
    return blended


def _present_share(prepared: Prepared, comparison: Comparison) -> float:
    """The share of records holding the comparison's feature."""
    if len(prepared) == 0:
        return 0.0
    return float(1.0 - is_null(prepared.column(comparison.feature)).mean())


def _changes(
    comparisons: Sequence[Comparison],
    old: ModelParameters,
    new: ModelParameters,
    levels: np.ndarray,
    is_match: np.ndarray,
) -> tuple[LevelChange, ...]:
    changes = []
    for column, comparison in enumerate(comparisons):
        size = len(comparison.levels)
        matches = np.bincount(levels[is_match, column].astype(np.int64), minlength=size)
        others = np.bincount(levels[~is_match, column].astype(np.int64), minlength=size)
        before, after = old.comparisons[column].levels, new.comparisons[column].levels
        for index in range(1, size):
            changes.append(
                LevelChange(
                    comparison.name, comparison.labels[index], before[index].weight,
                    after[index].weight, int(matches[index]), int(others[index]),
                )
            )  # fmt: skip
    return tuple(changes)


def wilson_bounds(wrong: int, total: int, z: float = CONFIDENCE_Z) -> tuple[float, float]:
    """Lower and upper bound of a share seen as ``wrong`` in ``total`` (Wilson score)."""
    if total <= 0:
        return 0.0, 1.0
    share = wrong / total
    denominator = 1.0 + z * z / total
    centre = share + z * z / (2.0 * total)
    spread = z * math.sqrt(share * (1.0 - share) / total + z * z / (4.0 * total * total))
    return max((centre - spread) / denominator, 0.0), min((centre + spread) / denominator, 1.0)


def learn_thresholds(
    probability: np.ndarray, is_match: np.ndarray, configured: Thresholds
) -> Thresholds:
    """Thresholds the labelled pairs (scored ``probability``, decided ``is_match``) vouch for,
    from the ``configured`` ones (never from earlier learnt ones, so they cannot drift)."""
    allowed = 1.0 - configured.upper
    order = np.argsort(-probability, kind="stable")
    p, matched = probability[order], is_match[order]
    wrong_above = np.cumsum(~matched)  # non-matches among the i + 1 most probable
    upper = _upper(p, wrong_above, configured, allowed)
    lower = _lower(p, matched, configured.lower, upper, allowed)
    return Thresholds(upper=upper, lower=lower, without_evidence=configured.without_evidence)


def _upper(p: np.ndarray, wrong_above: np.ndarray, configured: Thresholds, allowed: float) -> float:
    """``p``: the labelled pairs' probabilities, highest first; ``wrong_above[i]``: the
    non-matches among the first i + 1. Down from ``configured`` to the lowest probability
    above which the pairs it would add to those linked unattended are clean enough."""
    linked = int(np.searchsorted(-p, -configured.upper, side="right"))  # p >= upper
    best = configured.upper
    wrong_before = int(wrong_above[linked - 1]) if linked else 0
    for count in range(linked + 1, len(p) + 1):
        if p[count - 1] <= configured.lower:
            break
        if count < len(p) and p[count] == p[count - 1]:
            continue  # a threshold takes every pair of the same probability
        wrong = int(wrong_above[count - 1]) - wrong_before
        if wilson_bounds(wrong, count - linked)[1] <= allowed:
            best = float(p[count - 1])
    return best


def _lower(
    p: np.ndarray, matched: np.ndarray, configured: float, upper: float, allowed: float
) -> float:
    """Up from ``configured`` over the labelled pairs just above it while they hold no more
    matches than allowed (a pair at or below ``lower`` is never shown to a steward)."""
    ascending = np.flatnonzero((p > configured) & (p < upper))[::-1]
    best = configured
    found = 0
    for seen, row in enumerate(ascending, start=1):
        found += int(matched[row])
        if seen < len(ascending) and p[ascending[seen]] == p[row]:
            continue
        if wilson_bounds(found, seen)[1] <= allowed:
            best = float(p[row])
    return best
