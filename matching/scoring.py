"""Scoring candidate pairs with a trained model, vectorised, with explanations on demand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from matching.comparison import Comparison, level_matrix
from matching.competition import LABEL, SURE, competition_weight
from matching.contents import repeated
from matching.explanation import ComparisonWeight, Explanation
from matching.feature import Prepared
from matching.joint_weights import weigh_jointly
from matching.letter_frequency import weigh_letters
from matching.model import ComparisonParameters, ModelParameters
from matching.pair_level_weights import (
    LevelWeigher,
    order_weights,
    weaker_agreement_weight,
    weigh_common_slips,
)
from matching.pair_view import PairView
from matching.swap_frequency import weigh_exchanges
from matching.term_frequency_u import term_frequency_u
from matching.year_frequency import weigh_years


@dataclass(frozen=True)
class ScoredPairs:
    """Scores of ``pairs`` (indices into the left and right batches), row by row."""

    pairs: np.ndarray
    left_ids: np.ndarray
    right_ids: np.ndarray
    levels: np.ndarray
    weights: np.ndarray
    u_used: np.ndarray
    prior_weight: float
    source_weight: np.ndarray
    """Per pair: the weight of its records coming from one source or two, with that of its
    two sources' own prior (0 when the model does not weigh it); the explanation shows it
    inside the pair's prior."""
    alone_weight: np.ndarray
    """Per pair: the weight of no other candidate bearing its name (``matching.competition``;
    0 where it does not apply); the explanation shows it as one more comparison."""
    alone_rates: np.ndarray
    """Per pair: the m and u that weight was read from (its sources'; 0 where none)."""
    total_weight: np.ndarray
    probability: np.ndarray
    review_forced: np.ndarray
    decidable: np.ndarray
    beside_conflict: np.ndarray
    """Per pair: whether all it holds beside a conflict is a value many share
    (``beside_conflict``): not decidable, though the model weighs it and may link it."""
    comparisons: tuple[Comparison, ...]
    model: ModelParameters

    def __len__(self) -> int:
        return len(self.pairs)

    def rows(self, kept: np.ndarray) -> ScoredPairs:
        """The scores of the pairs at ``kept``, in that order."""
        return self.joined((self,), kept)

    @staticmethod
    def joined(parts: Sequence[ScoredPairs], kept: np.ndarray | None = None) -> ScoredPairs:
        """The scores of ``parts`` (scored by one model) one after the other, the rows at
        ``kept`` of them when given."""
        first = parts[0]

        def column(name: str) -> np.ndarray:
            held = np.concatenate([getattr(part, name) for part in parts])
            return held if kept is None else held[kept]

        return replace(
            first, pairs=column("pairs"), left_ids=column("left_ids"),
            right_ids=column("right_ids"), levels=column("levels"), weights=column("weights"),
            u_used=column("u_used"), source_weight=column("source_weight"),
            alone_weight=column("alone_weight"), alone_rates=column("alone_rates"),
            total_weight=column("total_weight"), probability=column("probability"),
            review_forced=column("review_forced"), decidable=column("decidable"),
            beside_conflict=column("beside_conflict"),
        )  # fmt: skip

    def explain(self, k: int) -> Explanation:
        """The explanation of the k-th pair."""
        return self.explain_all(np.asarray([k]))[0]

    def explain_all(self, rows: np.ndarray) -> list[Explanation]:
        """The explanations of the pairs at ``rows``, built from the arrays read once (a
        bulk run explains every link it keeps: thousands of pairs)."""
        # per comparison and level: (comparison, level label, m, term-frequency level?, vetoes?)
        tables = [
            _explained_levels(comparison, self.model.comparisons[column])
            for column, comparison in enumerate(self.comparisons)
        ]
        levels = self.levels[rows].tolist()
        weights = self.weights[rows].tolist()
        u_used = self.u_used[rows].tolist()
        left_ids, right_ids = self.left_ids[rows].tolist(), self.right_ids[rows].tolist()
        totals, probabilities = self.total_weight[rows].tolist(), self.probability[rows].tolist()
        priors = (self.prior_weight + self.source_weight[rows]).tolist()
        forced = self.review_forced[rows].tolist()
        decidable = self.decidable[rows].tolist()
        alone, alone_rates = self.alone_weight[rows].tolist(), self.alone_rates[rows].tolist()
        explained = []
        for k in range(len(levels)):
            parts = tuple(
                ComparisonWeight(name, label, weight, m, u, tf, vetoes, differs, quiet)
                for (name, label, m, tf, vetoes, differs, quiet), weight, u in zip(
                    (table[level] for table, level in zip(tables, levels[k], strict=True)),
                    weights[k], u_used[k], strict=True,
                )
            )  # fmt: skip
            if alone[k]:
                m_alone, u_alone = alone_rates[k]
                parts += (ComparisonWeight(LABEL, "none", alone[k], m_alone, u_alone),)
            explained.append(
                Explanation(
                    left_id=str(left_ids[k]), right_id=str(right_ids[k]),
                    prior_weight=priors[k], comparisons=parts, total_weight=totals[k],
                    probability=probabilities[k], review_forced=bool(forced[k]),
                    decidable=bool(decidable[k]),
                )
            )  # fmt: skip
        return explained


def _explained_levels(
    comparison: Comparison, params: ComparisonParameters
) -> list[tuple[str, str, float, bool, bool, bool, bool]]:
    """Per level of ``comparison``: what its explanation names (comparison, level label, m,
    whether how common the value is weighs it (the term-frequency level, or a level weighing
    an initial's letter), whether it vetoes automatic linking, whether the values differ in
    part, whether a weight against leaves the link quiet)."""
    tf_level = comparison.tf_level()
    differing, quiet = comparison.differing_mask(), comparison.quiet_mask()
    return [
        (comparison.name, level.label, fitted.m,
         index == tf_level or level.letters_weighed() is not None or level.years_weighed(),
         level.label in comparison.review_levels, bool(differing[index]), bool(quiet[index]))
        for index, (level, fitted) in enumerate(zip(comparison.levels, params.levels, strict=True))
    ]  # fmt: skip


def probability_of(weight: np.ndarray) -> np.ndarray:
    """2^W / (1 + 2^W), computed without overflow."""
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -1000.0, 1000.0)))


LEVEL_WEIGHERS: tuple[LevelWeigher, ...] = (weigh_letters, weigh_years)
"""What weighs a level's pairs one by one, by their letters and by their years."""


def _weights(
    comparisons: Sequence[Comparison],
    model: ModelParameters,
    levels: np.ndarray,
    sides: tuple[Prepared, Prepared],
    pairs: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    weights = np.zeros(levels.shape)
    u_used = np.ones(levels.shape)
    left, left_idx = sides[0], pairs[:, 0]
    for column, comparison in enumerate(comparisons):
        params = model.comparisons[column]
        level_weights = params.weights()
        weights[:, column] = level_weights[levels[:, column]]
        u_used[:, column] = params.u()[levels[:, column]]
        for weigh in LEVEL_WEIGHERS:
            weigh(comparison, params, model.term_frequencies, levels[:, column],
                  (sides, pairs), (weights[:, column], u_used[:, column]))  # fmt: skip
        tf_level = comparison.tf_level()
        if tf_level is None:
            continue
        hit = levels[:, column] == tf_level
        m = params.levels[tf_level].m
        frequencies = term_frequency_u(
            comparison, model, left, left_idx, hit, params.levels[tf_level]
        )
        if frequencies is not None:
            floor = weaker_agreement_weight(comparison, order_weights(comparison, params), tf_level)
            tf_u = np.minimum(np.clip(frequencies, 1e-9, 1.0), m / 2.0**floor)
            weights[hit, column] = np.log2(m / tf_u)
            u_used[hit, column] = tf_u
    for column, comparison in enumerate(comparisons):
        if comparison.tf_jointly_with:
            weigh_jointly(comparisons, model, column, levels, (sides, pairs), (weights, u_used))
    weigh_exchanges(comparisons, model, levels, (sides, pairs), weights, u_used)
    for column, comparison in enumerate(comparisons):
        weigh_common_slips(
            comparison, model.comparisons[column], levels[:, column], (sides, pairs),
            (weights[:, column], u_used[:, column]),
        )  # fmt: skip
    return weights, u_used


def _one_batch(left: Prepared, right: Prepared, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pairs`` as indices into one batch of the left records then the right ones (as they
    are where both sides are one batch), and that batch's sources."""
    if left is right:
        return pairs, left.sources
    return pairs + np.array([0, len(left)]), np.concatenate([left.sources, right.sources])


def holds_evidence(comparisons: Sequence[Comparison], levels: np.ndarray) -> np.ndarray:
    """Per pair: whether some comparison is at one of its evidence levels; every pair when no
    comparison names any (``Comparison.evidence_levels``)."""
    named = [c for c, comparison in enumerate(comparisons) if comparison.evidence_levels]
    if not named:
        return np.ones(len(levels), dtype=bool)
    held = np.zeros(len(levels), dtype=bool)
    for column in named:
        held |= comparisons[column].evidence_mask()[levels[:, column]]
    return held


def beside_conflict(comparisons: Sequence[Comparison], levels: np.ndarray) -> np.ndarray:
    """Per pair: whether its only evidence is of a value many share
    (``Comparison.shared_evidence_levels``: the same city) and some comparison is at a conflict
    level (``Comparison.conflict_levels``: another rate or number of one firm's scheme). Two
    people of one name share a city far more often than two records drawn at random do (names
    are regional), and such a pair is two people to anyone reading it: it holds nothing a
    steward could link on (``score_pairs``), though the model weighs the city as training
    finds it and links the pair unattended above the upper threshold."""
    held = np.zeros(len(levels), dtype=bool)
    shared = np.zeros(len(levels), dtype=bool)
    conflict = np.zeros(len(levels), dtype=bool)
    for column, comparison in enumerate(comparisons):
        at = levels[:, column]
        at_shared = comparison.shared_evidence_mask()[at]
        shared |= at_shared
        held |= comparison.evidence_mask()[at] & ~at_shared
        conflict |= comparison.conflict_mask()[at]
    return shared & ~held & conflict


def score_pairs(
    comparisons: Sequence[Comparison],
    model: ModelParameters,
    left: Prepared,
    right: Prepared,
    pairs: np.ndarray,
    review_cap: float,
    levels: np.ndarray | None = None,
    *,
    without_evidence: float | None = None,
    rivals: bool = False,
    weighed: ScoredPairs | None = None,
) -> ScoredPairs:
    """Levels, weights and probabilities of ``pairs`` (left index, right index); ``levels``:
    those of ``pairs``, when already computed (training computed them). ``rivals``: whether
    ``pairs`` are every candidate pair of their records, among which the model's weight of
    having no rival is read (``matching.competition``); else it is not weighed. A pair whose evidence
    forces review, and a pair holding no evidence a steward could link on that scores below
    ``without_evidence`` (``Thresholds.without_evidence``), scores at most ``review_cap``; a
    pair of one record twice holds no such evidence, though it links as its fields say.
    ``weighed``: these ``pairs`` at these ``levels`` scored by a model of the same comparisons
    and term frequencies (one that weighs sources or rivals otherwise): the comparisons'
    weights are read from it, not weighed again."""
    if levels is None:
        levels = level_matrix(comparisons, PairView(left, right, pairs[:, 0], pairs[:, 1]))
    if weighed is None:
        weights, u_used = _weights(comparisons, model, levels, (left, right), pairs)
    else:
        weights, u_used = weighed.weights, weighed.u_used
    prior_weight = model.prior_weight
    source_weight = np.zeros(len(pairs))
    if model.source_pairs is not None:
        lefts, rights = left.sources[pairs[:, 0]], right.sources[pairs[:, 1]]
        known = (lefts != "") & (rights != "")  # a record of no source (a lookup's probe): 0
        source_weight = np.where(known, model.source_pairs.weight_of(lefts == rights), 0.0)
        if known.any():  # the share of each pair of sources, read where both are known
            source_weight[known] += model.source_pairs.pair_weights(lefts[known], rights[known])
    forced = np.zeros(len(pairs), dtype=bool)
    for column, comparison in enumerate(comparisons):
        if comparison.review_levels:
            forced |= comparison.review_mask()[levels[:, column]]
    evidence = holds_evidence(comparisons, levels)
    # a pair of one record twice holds no such evidence (``matching.contents``), nor one
    # whose city is all it holds beside a conflict
    city_only = beside_conflict(comparisons, levels)
    steward = evidence & ~city_only
    decidable = forced | (steward & ~repeated(left, right, pairs))
    competition = model.competition if rivals else None
    own = prior_weight + source_weight + weights.sum(axis=1)
    # the pairs surely one entity without it, whose records compete for no one else
    # (``matching.competition.unrivalled``)
    sure = None if competition is None else decidable & ~forced & (probability_of(own) >= SURE)
    alone, alone_rates = competition_weight(
        competition, comparisons, *_one_batch(left, right, pairs), levels, weights, sure
    )
    total = own + alone
    probability = probability_of(total)
    capped = forced
    if without_evidence is not None:
        capped = forced | (~(forced | evidence) & (probability < without_evidence))
    probability = np.where(capped, np.minimum(probability, review_cap), probability)
    return ScoredPairs(
        pairs=pairs,
        left_ids=left.ids[pairs[:, 0]],
        right_ids=right.ids[pairs[:, 1]],
        levels=levels,
        weights=weights,
        u_used=u_used,
        prior_weight=prior_weight,
        source_weight=source_weight,
        alone_weight=alone,
        alone_rates=alone_rates,
        total_weight=total,
        probability=probability,
        review_forced=forced,
        decidable=decidable,
        beside_conflict=city_only,
        comparisons=tuple(comparisons),
        model=model,
    )
