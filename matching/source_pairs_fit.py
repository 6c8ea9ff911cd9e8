"""Each pair of sources' prior learnt from a training batch (``matching.source_pairs``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from matching.comparison import Comparison
from matching.competition import across, names_agree, source_keys, source_pair_codes
from matching.feature import Prepared
from matching.model import ModelParameters
from matching.scoring import ScoredPairs
from matching.settings import EntitySettings
from matching.source_pairs import count_shares

LIKELY = 0.5
"""The probability a readable pair holding evidence needs to count as one entity. Not the
competition's ``SURE``: a sparse source's pairs (a name and a postcode) rarely reach 0.99 on
what they hold, and would read as a pair of sources whose entities are elsewhere."""


def readable(
    comparisons: Sequence[Comparison], levels: np.ndarray, group: np.ndarray
) -> np.ndarray:
    """Per pair: whether some comparison naming evidence levels (``Comparison.evidence_levels``)
    could tell it one entity or two: both records hold its value, of one scheme (neither the
    Null level nor a neutral one), and the pairs of its group (``group``: per pair, a code of
    its two sources) holding both values are mostly of one scheme. Two firms' mailboxes are of
    two schemes unless one person's name heads both: a comparison that says something only
    where the records agree is read where pairs that differ are read too."""
    held = np.zeros(len(levels), dtype=bool)
    groups = int(group.max()) + 1 if len(group) else 0
    for column, comparison in enumerate(comparisons):
        if comparison.evidence_levels:
            neutral = np.array(
                [label in comparison.neutral_levels for label in comparison.labels], dtype=bool
            )[levels[:, column]]
            known = levels[:, column] > 0
            filled = np.bincount(group[known], minlength=groups)
            mixed = np.bincount(group[known & neutral], minlength=groups)
            one_scheme = 2 * mixed < filled
            held |= known & ~neutral & one_scheme[group]
    return held


def with_source_shares(
    settings: EntitySettings, model: ModelParameters, prepared: Prepared, scored: ScoredPairs
) -> ModelParameters:
    """``model`` with each pair of sources' share likely one entity (``LIKELY``, on evidence
    a steward could link on) counted among the batch's candidate pairs across two sources
    whose names agree (the comparisons ``EntitySettings.rivals_on`` names) and that are
    ``readable`` (``scored``: those pairs as ``model`` scores them, at their levels as training
    sees them), and each source's own share among such pairs within it, against the batch's
    within one source (``SourcePairs.same_share``). ``model`` as it is where it does not
    weigh whether two records come from one source, or the entity names no names."""
    on, sources = settings.rivals_on, model.source_pairs
    pairs, levels = scored.pairs, scored.levels
    if not on or not len(pairs) or sources is None:
        return model
    comparisons = settings.comparisons
    _, codes = source_pair_codes(pairs, prepared.sources)
    _, group = np.unique(codes, return_inverse=True)
    named = names_agree(comparisons, levels, on) & readable(comparisons, levels, group.ravel())
    two = across(pairs, prepared.sources)
    # likely one entity on what the model weighs: a city beside a conflict too, which no
    # steward is asked about (``ScoredPairs.beside_conflict``) but the model links on
    likely = (scored.decidable | scored.beside_conflict) & (scored.probability >= LIKELY)
    read, within = named & two, named & ~two
    cross_share, by_sources = count_shares(likely[read], source_keys(pairs[read], prepared.sources))
    same_share, by_source = count_shares(
        likely[within], source_keys(pairs[within], prepared.sources)
    )
    shared = replace(
        sources, cross_share=cross_share, by_sources=by_sources + by_source, same_share=same_share
    )
    return replace(model, source_pairs=shared)
