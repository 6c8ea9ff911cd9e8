"""Unsupervised training: u from random pairs, m by EM sessions, the prior by EM over all pairs.

m is estimated in EM sessions, one per blocking rule (``matching.m_sessions``). The prior is
then fitted with m (held to its meaning, ``matching.m_constraints``, as scoring uses it) and u
held fixed, over all pairs of the batch: u comes from random pairs, so the prior must be the
chance that two random records match; the pairs blocking did not propose count as
non-matches. (A prior over candidate pairs only would count the agreement that made them
candidates twice, and push namesakes towards a link.)
A comparison with ``fixed_m`` keeps its m as given: EM holds it while it fits the others.
An entity that weighs whether two records come from one source has that fitted last, with the
prior, its share of the matches read from the pairs holding evidence (``matching.source_pairs``),
then each pair of sources' prior beside the batch's (``matching.source_pairs_fit``) and the
weight of having no rival (``matching.competition_fit``), both read from the pairs as scored.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.comparison import Comparison, level_matrix, weighed_levels
from matching.competition_fit import with_competition
from matching.em import PRIOR_START, estimate_prior, starting_m
from matching.feature import Prepared, distinct_records, record_codes
from matching.joint_frequency import joint_key, joint_table
from matching.letter_frequency import letter_tables
from matching.m_constraints import ConstrainedM, constrain_m, meaning_floors
from matching.m_sessions import estimate_m
from matching.model import ModelParameters, comparison_parameters
from matching.pair_view import PairView
from matching.scoring import holds_evidence, score_pairs
from matching.settings import EntitySettings
from matching.source_pairs import SourcePairs, fit_source_pairs, same_source_share
from matching.source_pairs_fit import with_source_shares
from matching.term_frequency import TermFrequencies, count_terms, count_words, words_key
from matching.u_estimation import sample_u, without_matches
from matching.year_frequency import year_tables


def pair_count(prepared: Prepared, *, link_only: bool = False) -> int:
    """How many pairs the batch holds: every pair, or only pairs across sources."""
    n = len(prepared)
    if not link_only:
        return n * (n - 1) // 2
    _, sizes = np.unique(prepared.sources.astype(str), return_counts=True)
    return int((n * n - int((sizes.astype(np.int64) ** 2).sum())) // 2)


def term_frequency_tables(
    settings: EntitySettings, prepared: Prepared
) -> dict[str, TermFrequencies]:
    """Value counts for every comparison with a term-frequency level, keyed by comparison,
    over the batch's distinct records: copies of one record count once (a person named on
    hundreds of identical records, an inventor on each patent, does not make the name
    common; the chance another entity holds it is what the counts stand for). A joint table
    also reads how often the batch repeats each value's records (``matching.joint_frequency``)."""
    every, prepared = prepared, distinct_records(prepared)
    tables: dict[str, TermFrequencies] = {}
    for comparison in settings.comparisons:
        tables.update(letter_tables(comparison, prepared))
        tables.update(year_tables(comparison, prepared))
        tf_level = comparison.tf_level()
        if tf_level is None:
            continue
        level = comparison.levels[tf_level]
        feature = level.on(comparison.feature)
        tables[comparison.name] = count_terms(feature, prepared.column(feature))
        words = level.term_words()
        if words is not None:
            tables[words_key(comparison.name)] = count_words(words, prepared.column(words))
        if comparison.tf_jointly_with:
            tables[joint_key(comparison)] = joint_table(
                settings.comparisons, comparison, prepared, every
            )
    return tables


def train_model(
    settings: EntitySettings,
    prepared: Prepared,
    pairs: np.ndarray,
    *,
    link_only: bool = False,
    levels: np.ndarray | None = None,
) -> ModelParameters:
    """Fit a model on a batch and its candidate pairs (as blocking returns them); no labels."""
    comparisons = settings.comparisons
    u, known = sample_u(
        comparisons, prepared, settings.u_sample_size, link_only=link_only, seed=settings.seed
    )
    if len(pairs) == 0:
        return _untrained_model(settings, prepared, u)
    levels = _pair_levels(comparisons, prepared, pairs, levels)
    estimated = estimate_m(settings, prepared, pairs, levels, u, link_only=link_only)
    # the prior with m as scoring will use it: before constraints, a level no training
    # session saw (a sparse source's records, found only through names) has m near 0, and
    # its matches would not count among the matches
    m = tuple(held.m for held in _constrained(comparisons, estimated, u, prepared))
    unscored = max(pair_count(prepared, link_only=link_only) - len(pairs), 0)
    prior = estimate_prior(levels, m, u, PRIOR_START, unscored=unscored)
    # u among the non-matches only (the random pairs held matches), then m and the prior again
    u = tuple(without_matches(table, m[c], prior, int(known[c])) for c, table in enumerate(u))
    constrained = _constrained(comparisons, estimated, u, prepared)
    m = tuple(held.m for held in constrained)
    prior = estimate_prior(levels, m, u, prior, unscored=unscored)
    counted = distinct_prior(prepared, pairs, levels, m, u, prior, link_only=link_only)
    u_same = None if link_only or not settings.weigh_source else same_source_share(prepared.sources)
    source_pairs = None
    if u_same is not None:
        # the prior again, beside whether the two records come from one source
        same = prepared.sources[pairs[:, 0]] == prepared.sources[pairs[:, 1]]
        evidence = holds_evidence(comparisons, levels)
        prior, source_pairs = fit_source_pairs(
            levels, m, u, same, u_same, prior, unscored=unscored, evidence=evidence
        )
    model = _model(
        settings, prepared, constrained, u, prior, len(pairs), source_pairs, counted=counted
    )
    return _with_sources_read(settings, model, prepared, pairs, levels)


def _with_sources_read(
    settings: EntitySettings,
    model: ModelParameters,
    prepared: Prepared,
    pairs: np.ndarray,
    levels: np.ndarray,
) -> ModelParameters:
    """``model`` with each pair of sources' share of matches, then the weight of having no
    rival, read from the batch's candidate ``pairs`` as it scores them
    (``matching.source_pairs_fit``, ``matching.competition_fit``). The pairs are weighed once:
    the model with the shares differs only in how it weighs sources, so its scores keep the
    comparisons' weights."""
    if not settings.rivals_on or not len(pairs) or model.source_pairs is None:
        return model
    comparisons = settings.comparisons
    scored = score_pairs(comparisons, model, prepared, prepared, pairs, 1.0, levels)
    model = with_source_shares(settings, model, prepared, scored)
    scored = score_pairs(comparisons, model, prepared, prepared, pairs, 1.0, levels, weighed=scored)
    return with_competition(settings, model, prepared, scored)


def _untrained_model(
    settings: EntitySettings, prepared: Prepared, u: Sequence[np.ndarray]
) -> ModelParameters:
    """The model of a batch without candidate pairs: m where EM starts (a fixed m as given),
    the prior where EM starts."""
    comparisons = settings.comparisons
    start = starting_m([len(table) for table in u])
    fixed = (comparison.fixed_m_table() for comparison in comparisons)
    m = tuple(table if held is None else held for table, held in zip(start, fixed, strict=True))
    return _model(settings, prepared, _constrained(comparisons, m, u, prepared), u, PRIOR_START, 0)


def _pair_levels(
    comparisons: Sequence[Comparison],
    prepared: Prepared,
    pairs: np.ndarray,
    levels: np.ndarray | None,
) -> np.ndarray:
    """The weighed comparisons' levels of the pairs: ``levels`` when given (of every
    comparison), else compared now."""
    if levels is not None:
        return weighed_levels(comparisons, levels)
    view = PairView(prepared, prepared, pairs[:, 0], pairs[:, 1])
    return level_matrix(comparisons, view, weighed_only=True)


def distinct_prior(
    prepared: Prepared,
    pairs: np.ndarray,
    levels: np.ndarray,
    m: Sequence[np.ndarray],
    u: Sequence[np.ndarray],
    prior: float,
    *,
    link_only: bool = False,
) -> float | None:
    """The chance that two of the batch's distinct records match (``prior``: that of two of
    its records), None when the batch holds no copies: what the term frequencies, counted over
    the distinct records, expect of one entity's other records. An inventor named on hundreds
    of patents from a few cities is a few distinct records, not hundreds; the records' prior,
    which counts his copies as matches, expects far more of them."""
    first = ~record_codes(prepared).duplicated(keep="first").to_numpy()
    if first.all():
        return None
    kept = first[pairs[:, 0]] & first[pairs[:, 1]]
    distinct = distinct_records(prepared)
    unscored = max(pair_count(distinct, link_only=link_only) - int(kept.sum()), 0)
    return estimate_prior(levels[kept], m, u, prior, unscored=unscored)


def _constrained(
    comparisons: Sequence[Comparison],
    m: Sequence[np.ndarray],
    u: Sequence[np.ndarray],
    prepared: Prepared,
) -> tuple[ConstrainedM, ...]:
    return tuple(
        constrain_m(comparison, m[column], u[column], meaning_floors(comparison, prepared))
        for column, comparison in enumerate(comparisons)
    )


def _model(
    settings: EntitySettings,
    prepared: Prepared,
    held: Sequence[ConstrainedM],
    u: Sequence[np.ndarray],
    prior: float,
    trained_pairs: int,
    source_pairs: SourcePairs | None = None,
    *,
    counted: float | None = None,
) -> ModelParameters:
    comparisons = settings.comparisons
    params = tuple(
        comparison_parameters(
            comparison.name, comparison.labels, held[column].m, u[column], held[column].pooled
        )
        for column, comparison in enumerate(comparisons)
    )
    return ModelParameters(
        prior=prior,
        comparisons=params,
        term_frequencies=term_frequency_tables(settings, prepared),
        trained_pairs=trained_pairs,
        source_pairs=source_pairs,
        batch_prior=counted,
    )
