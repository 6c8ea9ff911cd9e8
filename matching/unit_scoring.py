"""A batch scored over its units (``matching.copies``): the representatives' candidate pairs and
the copy pairs, each scored once, copies sharing their originals' levels."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from matching.blocking_keys import rows_keeping_keys
from matching.copies import OriginalsLevels, Units, units_of
from matching.feature import Prepared
from matching.scoring import ScoredPairs

if TYPE_CHECKING:
    from matching.engine import Matcher


def scored_units(
    matcher: Matcher,
    prepared: Prepared,
    copies: np.ndarray,
    *,
    link_only: bool = False,
    pairs: np.ndarray | None = None,
) -> tuple[Units, ScoredPairs]:
    """The batch's units (``matching.copies``; ``copies``: ``copy_pairs``) and its pairs
    scored: the representatives' candidate pairs, then the copy pairs, each scored once
    (a copy joins its representative where their pair links unattended). Without a model,
    trained first on every record's candidate pairs, copies too, as it always was
    (``pairs``: those, when already made); the pairs of the units share their levels."""
    n = len(prepared)
    if pairs is None and (matcher.model is None or not len(copies)):
        pairs = matcher.candidate_pairs(prepared, link_only=link_only)
    if not len(copies):
        assert pairs is not None
        levels = matcher.levels(prepared, pairs)  # once, for training and for scoring
        if matcher.model is None:
            matcher.train(prepared, pairs, link_only=link_only, levels=levels)
        return units_of(n, copies), matcher.score(prepared, pairs, levels)
    shared = OriginalsLevels(units_of(n, copies).unit, partial(matcher.levels, prepared))
    if matcher.model is None:
        assert pairs is not None
        matcher.train(prepared, pairs, link_only=link_only, levels=shared.of(pairs))
    units, copied = copy_units(matcher, prepared, copies, shared)
    heads = units.representatives
    rules = matcher.settings.blocking_rules
    found = heads[
        matcher.candidate_pairs(rows_keeping_keys(prepared, heads, rules), link_only=link_only)
    ]
    return units, ScoredPairs.joined([matcher.score(prepared, found, shared.of(found)), copied])


def copy_units(
    matcher: Matcher,
    prepared: Prepared,
    copies: np.ndarray,
    levels: OriginalsLevels | None = None,
) -> tuple[Units, ScoredPairs]:
    """The batch's units, each copy with its representative where the pair of them
    (``copies``: representative, copy) links unattended, and the copy pairs scored."""
    if levels is None:
        levels = OriginalsLevels(units_of(len(prepared), copies).unit,
                                 partial(matcher.levels, prepared))  # fmt: skip
    copied = matcher.score(prepared, copies, levels.of(copies))
    joined = copies[copied.probability >= matcher.thresholds.upper]
    return units_of(len(prepared), joined), copied
