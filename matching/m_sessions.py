"""m by EM sessions, one per blocking rule, for training (``matching.training``).

Pairs found by one blocking rule are not a random sample for the features that rule compares
(records blocked on a similar name have similar names whether or not they match), so, as in
Splink, m is estimated in one EM session per blocking rule with the comparisons on that rule's
features left out; each comparison's m is the median over the sessions that estimated it (a
session where a comparison is almost always null has no estimate of it, nor one where all but
a sliver of its pairs hold no other comparison, ``matching.m_identifiability``; with no
session's estimate, m comes from one EM over all pairs); a level none of a session's matches
showed gets half an observation, as in u (``matching.em.with_unseen``), so thirty matches do
not make it impossible. A session needs two comparisons holding values:
with u known, two conditionally independent comparisons fix the share of matches among the
session's pairs and m, one does not (any share fits it, and EM stops anywhere along that
ridge). A rule on several features that leaves fewer (a rule on name and date, in records
holding only names and a date) gives way to sessions on each of its features alone, over pairs
of their own. A rule's session leaves out the pairs it found on a value the comparison of
that value reads as unknown (a placeholder date many records hold, ``_on_unread_values``).
A comparison with ``fixed_m`` keeps its m as given: EM holds it while it fits the others.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.blocking import BlockingRule
from matching.blocking_pairs import block
from matching.comparison import Comparison, level_matrix
from matching.em import (
    PRIOR_START,
    PROBABILITY_FLOOR,
    expectation_maximisation,
    starting_m,
    with_unseen,
)
from matching.feature import Prepared
from matching.m_identifiability import identifiable
from matching.pair_view import PairView, is_null
from matching.session_u import session_u
from matching.settings import EntitySettings

MIN_SESSION_PAIRS = 20
MIN_SESSION_COMPARISONS = 2
MIN_HELD_SHARE = 0.05
"""A comparison holds values in a session when it is known in this share of its pairs."""
MAX_FEATURE_SESSION_PAIRS = 200_000


def _features_of(comparison: Comparison) -> set[str]:
    names = {comparison.feature}
    for level in comparison.levels:
        names.update(level.features_compared(comparison.feature))
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
    """m of the ``kept`` comparisons from EM over one session's levels (columns: ``kept``),
    of those the session can tell (``matching.m_identifiability``: more than a sliver of
    their pairs hold another comparison); None when it cannot tell matches from non-matches:
    too few pairs, fewer than MIN_SESSION_COMPARISONS comparisons holding values (known in
    MIN_HELD_SHARE of its pairs: one known in a sliver of them leaves the rest a session of
    one comparison), or no comparison it can tell."""
    if len(session) < MIN_SESSION_PAIRS:
        return None
    fixed = [settings.comparisons[c].fixed_m_table() for c in kept]
    if all(table is not None for table in fixed):
        return None
    # a comparison (almost) always null in this session says nothing in it, nor one it
    # cannot tell (``matching.m_identifiability``): it still speaks for the others' pairs
    known = (session != 0).sum(axis=0)
    seen = (known >= MIN_SESSION_PAIRS) & identifiable(session)
    if int((known >= max(MIN_SESSION_PAIRS, MIN_HELD_SHARE * len(session))).sum()) < (
        MIN_SESSION_COMPARISONS
    ):
        return None
    if not seen.any():
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
    pairs sharing a name agree on the other fields beyond what random pairs do. Pairs sharing
    only an initial are left out (``beyond_a_letter``)."""
    rule = BlockingRule(f"{feature} alone", (feature,))
    kept = _kept(settings, rule)
    pairs = beyond_a_letter(
        prepared, feature, block(prepared, [rule], settings.max_block_size, link_only=link_only)
    )
    if len(pairs) > MAX_FEATURE_SESSION_PAIRS:
        rng = np.random.default_rng(settings.seed)
        pairs = pairs[np.sort(rng.choice(len(pairs), MAX_FEATURE_SESSION_PAIRS, replace=False))]
    view = PairView(prepared, prepared, pairs[:, 0], pairs[:, 1])
    session = level_matrix([settings.comparisons[c] for c in kept], view, weighed_only=True)
    return _fit_session(settings, kept, session, session_u(kept, session, u))


def beyond_a_letter(prepared: Prepared, feature: str, pairs: np.ndarray) -> np.ndarray:
    """The ``pairs`` (sharing their value of ``feature``) whose value is more than one letter.
    Records sharing an initial (``M.``: Michael, Maria, Monika) share no name: among them
    the people of one last name and a near date are taken for matches (RLdata10000 with 30%
    of first names cut to an initial: the session on first names found a birth date
    different in 19% of the matches against 14% without the initials)."""
    values = prepared.column(feature)
    lone = np.fromiter(
        (isinstance(value, str) and len(value) == 1 for value in values), bool, len(values)
    )
    return pairs[~lone[pairs[:, 0]]]


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
    sessions = _sessions(settings, prepared, pairs, levels, u, link_only=link_only)
    return combined_m(sessions, fixed, _pooled_m(levels, u, fixed))


def combined_m(
    sessions: Sequence[Session | None],
    fixed: Sequence[np.ndarray | None],
    fallback: Sequence[np.ndarray],
) -> tuple[np.ndarray, ...]:
    """m per comparison from the sessions' estimates: a ``fixed`` table as given, else the
    median over the sessions that estimated it, else its ``fallback`` (every session
    abstained: one EM over all pairs)."""
    estimates: list[list[np.ndarray]] = [[] for _ in fixed]
    for session in sessions:
        if session is None:
            continue
        for position, column in enumerate(session[0]):
            estimates[column].append(session[1][position])
    return tuple(
        held if held is not None else _median(found) if found else fallback[c]
        for c, (found, held) in enumerate(zip(estimates, fixed, strict=True))
    )


def _sessions(
    settings: EntitySettings,
    prepared: Prepared,
    pairs: np.ndarray,
    levels: np.ndarray,
    u: Sequence[np.ndarray],
    *,
    link_only: bool,
) -> list[Session | None]:
    """A session per training rule over its candidate pairs, then one per feature of each
    rule on several features whose session could not tell (``_feature_session``)."""
    sessions: list[Session | None] = []
    alone: set[str] = set()
    for rule in (rule for rule in settings.blocking_rules if rule.trains):
        rule_pairs = block(
            prepared, [rule], settings.max_block_size, link_only=link_only, window=settings.window
        )
        rows = _rows_of(rule_pairs, pairs, len(prepared))
        rows = rows[~_on_unread_values(settings, rule, prepared, pairs[rows], levels[rows])]
        sessions.append(_session_m(settings, rule, rows, levels, u))
        if sessions[-1] is None and len(rows) >= MIN_SESSION_PAIRS and len(rule.features) > 1:
            alone.update(rule.features)
    for feature in sorted(alone):
        sessions.append(_feature_session(settings, prepared, feature, u, link_only=link_only))
    return sessions


def _on_unread_values(
    settings: EntitySettings,
    rule: BlockingRule,
    prepared: Prepared,
    pairs: np.ndarray,
    levels: np.ndarray,
) -> np.ndarray:
    """Per pair of a rule's session: whether a comparison of a feature the rule blocks on
    reads the pair as unknown though both records hold the feature (a value the comparison
    does not read: a placeholder date far more records hold than one person's, as an
    acquired firm's people all hired on the day it was bought). Such pairs shared no value
    as evidence, so they are no sample of the pairs the rule stands for: kept, they are
    mostly strangers sharing a placeholder, which EM takes for a cluster of matches."""
    unread = np.zeros(len(pairs), dtype=bool)
    blocked = set(rule.features)
    for column, comparison in enumerate(settings.comparisons):
        if comparison.feature not in blocked:
            continue
        values = prepared.column(comparison.feature)
        held = ~is_null(values[pairs[:, 0]]) & ~is_null(values[pairs[:, 1]])
        unread |= held & (levels[:, column] == 0)
    return unread


def _pooled_m(
    levels: np.ndarray, u: Sequence[np.ndarray], fixed: Sequence[np.ndarray | None]
) -> list[np.ndarray]:
    """m from one EM over all candidate pairs: for a comparison no session estimated."""
    start = starting_m([len(t) for t in u])
    pooled = expectation_maximisation(levels, u, start, PRIOR_START, fixed=fixed)
    matches = pooled.prior * (levels != 0).sum(axis=0)
    return [with_unseen(t, float(n)) for t, n in zip(pooled.m, matches, strict=True)]


def _median(tables: list[np.ndarray]) -> np.ndarray:
    table = np.median(np.stack(tables), axis=0)
    table[1:] = np.clip(table[1:], PROBABILITY_FLOOR, 1.0)
    table[1:] /= table[1:].sum()
    table[0] = 1.0
    return table
