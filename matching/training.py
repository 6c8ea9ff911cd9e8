"""Unsupervised training: u from random pairs, m by EM sessions, the prior by EM over all pairs.

Pairs found by one blocking rule are not a random sample for the features that rule compares
(records blocked on a similar name have similar names whether or not they match), so, as in
Splink, m is estimated in one EM session per blocking rule with the comparisons on that rule's
features left out; each comparison's m is the median over the sessions that estimated it (a
session where a comparison is almost always null has no estimate of it); a level none of a
session's matches showed gets half an observation, as in u (``matching.em.with_unseen``), so
thirty matches do not make it impossible. A session needs two comparisons holding values:
with u known, two conditionally independent comparisons fix the share of matches among the
session's pairs and m, one does not (any share fits it, and EM stops anywhere along that
ridge). A rule on several features that leaves fewer (a rule on
name and date, in records holding only names and a date) gives way to sessions on each of its
features alone, over pairs of their own. The prior is then fitted with m (held to its
meaning, ``matching.m_constraints``, as scoring uses it) and u held fixed, over all pairs of
the batch: u comes from random pairs, so the prior must be the chance that two random
records match; the pairs blocking did not propose count as non-matches. (A prior over
candidate pairs only would count the agreement that made them candidates twice, and push
namesakes towards a link.)
A comparison with ``fixed_m`` keeps its m as given: EM holds it while it fits the others.
An entity that weighs whether two records come from one source has that fitted last, with the
prior (``matching.source_pairs``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.blocking import BlockingRule, block
from matching.comparison import Comparison, level_matrix, weighed_levels
from matching.em import (
    PROBABILITY_FLOOR,
    estimate_prior,
    expectation_maximisation,
    starting_m,
    with_unseen,
)
from matching.feature import Prepared, distinct_records, record_codes
from matching.joint_frequency import joint_key, joint_table
from matching.letter_frequency import letter_tables
from matching.m_constraints import constrain_m, meaning_floors
from matching.model import ModelParameters, comparison_parameters
from matching.pair_view import PairView
from matching.session_u import session_u
from matching.settings import EntitySettings
from matching.source_pairs import SourcePairs, fit_source_pairs, same_source_share
from matching.term_frequency import TermFrequencies, count_terms, count_words, words_key
from matching.u_estimation import sample_u, without_matches

PRIOR_START = 0.05
MIN_SESSION_PAIRS = 20
MIN_SESSION_COMPARISONS = 2
MIN_HELD_SHARE = 0.05
"""A comparison holds values in a session when it is known in this share of its pairs."""
MAX_FEATURE_SESSION_PAIRS = 200_000


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
    common; the chance another entity holds it is what the counts stand for)."""
    prepared = distinct_records(prepared)
    tables: dict[str, TermFrequencies] = {}
    for comparison in settings.comparisons:
        tables.update(letter_tables(comparison, prepared))
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
            tables[joint_key(comparison)] = joint_table(settings.comparisons, comparison, prepared)
    return tables


def _features_of(comparison: Comparison) -> set[str]:
    names = {comparison.feature}
    for level in comparison.levels:
        names.update(level.features_read(comparison.feature))
    return names


def _rows_of(rule_pairs: np.ndarray, pairs: np.ndarray, n: int) -> np.ndarray:
    """Rows of ``pairs`` that ``rule_pairs`` also holds."""
    codes = pairs[:, 0] * n + pairs[:, 1]
    return np.flatnonzero(np.isin(codes, rule_pairs[:, 0] * n + rule_pairs[:, 1]))


def _kept(settings: EntitySettings, rule: BlockingRule) -> list[int]:
    """Comparisons a session on ``rule``'s pairs can estimate: those not reading what it
    blocks on, and not excluded by it."""
    blocked = set(rule.features)
    return [
        c
        for c, comparison in enumerate(settings.comparisons)
        if not _features_of(comparison) & blocked and comparison.name not in rule.excludes
    ]


Session = tuple[list[int], tuple[np.ndarray, ...]]


def _fit_session(
    settings: EntitySettings, kept: list[int], session: np.ndarray, u: Sequence[np.ndarray]
) -> Session | None:
    """m of the ``kept`` comparisons from EM over one session's levels (columns: ``kept``);
    None when the session cannot tell matches from non-matches: too few pairs, or fewer than
    MIN_SESSION_COMPARISONS comparisons holding values (known in MIN_HELD_SHARE of its pairs:
    one known in a sliver of them leaves the rest a session of one comparison)."""
    if len(session) < MIN_SESSION_PAIRS:
        return None
    fixed = [settings.comparisons[c].fixed_m_table() for c in kept]
    if all(table is not None for table in fixed):
        return None
    # a comparison (almost) always null in this session says nothing in it
    known = (session != 0).sum(axis=0)
    seen = known >= MIN_SESSION_PAIRS
    if int((known >= max(MIN_SESSION_PAIRS, MIN_HELD_SHARE * len(session))).sum()) < (
        MIN_SESSION_COMPARISONS
    ):
        return None
    sizes = [len(u[c]) for c in kept]
    result = expectation_maximisation(
        session, [u[c] for c in kept], starting_m(sizes), PRIOR_START, fixed=fixed
    )
    matches = result.prior * known
    return [c for c, ok in zip(kept, seen, strict=True) if ok], tuple(
        with_unseen(table, float(found))
        for table, found, ok in zip(result.m, matches, seen, strict=True)
        if ok
    )


def _session_m(
    settings: EntitySettings,
    rule: BlockingRule,
    rows: np.ndarray,
    levels: np.ndarray,
    u: Sequence[np.ndarray],
) -> Session | None:
    """m of the comparisons not on the rule's features, from EM over the rule's pairs."""
    kept = _kept(settings, rule)
    return _fit_session(settings, kept, levels[np.ix_(rows, np.asarray(kept, dtype=int))], u)


def _feature_session(
    settings: EntitySettings,
    prepared: Prepared,
    feature: str,
    u: Sequence[np.ndarray],
    *,
    link_only: bool,
) -> Session | None:
    """A session on the pairs sharing one feature's value (at most MAX_FEATURE_SESSION_PAIRS
    of them, drawn at random): what a rule on several features cannot train when it leaves
    fewer than two comparisons holding values (a rule on name and date, in records holding
    only names and a date). Its u is measured on its own pairs (``matching.session_u``):
    pairs sharing a name agree on the other fields beyond what random pairs do."""
    rule = BlockingRule(f"{feature} alone", (feature,))
    kept = _kept(settings, rule)
    pairs = block(prepared, [rule], settings.max_block_size, link_only=link_only)
    if len(pairs) > MAX_FEATURE_SESSION_PAIRS:
        rng = np.random.default_rng(settings.seed)
        pairs = pairs[np.sort(rng.choice(len(pairs), MAX_FEATURE_SESSION_PAIRS, replace=False))]
    view = PairView(prepared, prepared, pairs[:, 0], pairs[:, 1])
    session = level_matrix([settings.comparisons[c] for c in kept], view, weighed_only=True)
    return _fit_session(settings, kept, session, session_u(kept, session, u))


def estimate_m(
    settings: EntitySettings,
    prepared: Prepared,
    pairs: np.ndarray,
    levels: np.ndarray,
    u: Sequence[np.ndarray],
    *,
    link_only: bool = False,
) -> tuple[np.ndarray, ...]:
    """m per comparison: the median over EM sessions (one per blocking rule), renormalised.

    The median keeps one session fooled by correlated non-matches (namesakes, sister
    companies) from dragging the estimate.
    """
    fixed = [comparison.fixed_m_table() for comparison in settings.comparisons]
    if all(table is not None for table in fixed):
        return tuple(table for table in fixed if table is not None)
    estimates: list[list[np.ndarray]] = [[] for _ in u]
    sessions: list[Session | None] = []
    alone: set[str] = set()
    for rule in (rule for rule in settings.blocking_rules if rule.trains):
        rule_pairs = block(
            prepared, [rule], settings.max_block_size, link_only=link_only, window=settings.window
        )
        rows = _rows_of(rule_pairs, pairs, len(prepared))
        sessions.append(_session_m(settings, rule, rows, levels, u))
        if sessions[-1] is None and len(rows) >= MIN_SESSION_PAIRS and len(rule.features) > 1:
            alone.update(rule.features)
    for feature in sorted(alone):
        sessions.append(_feature_session(settings, prepared, feature, u, link_only=link_only))
    for session in sessions:
        if session is None:
            continue
        for position, column in enumerate(session[0]):
            estimates[column].append(session[1][position])
    start = starting_m([len(t) for t in u])
    pooled = expectation_maximisation(levels, u, start, PRIOR_START, fixed=fixed)
    matches = pooled.prior * (levels != 0).sum(axis=0)
    fallback = [with_unseen(t, float(n)) for t, n in zip(pooled.m, matches, strict=True)]
    return tuple(
        held if held is not None else _median(found) if found else fallback[c]
        for c, (found, held) in enumerate(zip(estimates, fixed, strict=True))
    )


def _median(tables: list[np.ndarray]) -> np.ndarray:
    table = np.median(np.stack(tables), axis=0)
    table[1:] = np.clip(table[1:], PROBABILITY_FLOOR, 1.0)
    table[1:] /= table[1:].sum()
    table[0] = 1.0
    return table


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
        start = starting_m([len(table) for table in u])
        fixed = (comparison.fixed_m_table() for comparison in comparisons)
        m = tuple(table if held is None else held for table, held in zip(start, fixed, strict=True))
        return _model(
            settings, prepared, _constrained(comparisons, m, u, prepared), u, PRIOR_START, 0
        )
    if levels is None:
        view = PairView(prepared, prepared, pairs[:, 0], pairs[:, 1])
        levels = level_matrix(comparisons, view, weighed_only=True)
    else:
        levels = weighed_levels(comparisons, levels)
    estimated = estimate_m(settings, prepared, pairs, levels, u, link_only=link_only)
    # the prior with m as scoring will use it: before constraints, a level no training
    # session saw (a sparse source's records, found only through names) has m near 0, and
    # its matches would not count among the matches
    m = _constrained(comparisons, estimated, u, prepared)
    unscored = max(pair_count(prepared, link_only=link_only) - len(pairs), 0)
    prior = estimate_prior(levels, m, u, PRIOR_START, unscored=unscored)
    # u among the non-matches only (the random pairs held matches), then m and the prior again
    u = tuple(without_matches(table, m[c], prior, int(known[c])) for c, table in enumerate(u))
    m = _constrained(comparisons, estimated, u, prepared)
    prior = estimate_prior(levels, m, u, prior, unscored=unscored)
    counted = distinct_prior(prepared, pairs, levels, m, u, prior, link_only=link_only)
    u_same = None if link_only or not settings.weigh_source else same_source_share(prepared.sources)
    if u_same is None:
        return _model(settings, prepared, m, u, prior, len(pairs), counted=counted)
    # the prior again, beside whether the two records come from one source
    same = prepared.sources[pairs[:, 0]] == prepared.sources[pairs[:, 1]]
    prior, source_pairs = fit_source_pairs(levels, m, u, same, u_same, prior, unscored=unscored)
    return _model(settings, prepared, m, u, prior, len(pairs), source_pairs, counted=counted)


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
) -> tuple[np.ndarray, ...]:
    return tuple(
        constrain_m(comparison, m[column], u[column], meaning_floors(comparison, prepared))
        for column, comparison in enumerate(comparisons)
    )


def _model(
    settings: EntitySettings,
    prepared: Prepared,
    m: Sequence[np.ndarray],
    u: Sequence[np.ndarray],
    prior: float,
    trained_pairs: int,
    source_pairs: SourcePairs | None = None,
    *,
    counted: float | None = None,
) -> ModelParameters:
    comparisons = settings.comparisons
    params = tuple(
        comparison_parameters(comparison.name, comparison.labels, m[column], u[column])
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
