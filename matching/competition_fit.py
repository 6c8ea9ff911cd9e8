"""The competition's weight learnt from a training batch (``matching.competition``)."""

from __future__ import annotations

from dataclasses import replace

from matching.competition import (
    APART,
    SURE,
    across,
    count_competition,
    eligible,
    names_agree,
    source_keys,
    unrivalled,
)
from matching.feature import Prepared
from matching.model import ModelParameters
from matching.scoring import ScoredPairs
from matching.settings import EntitySettings


def with_competition(
    settings: EntitySettings, model: ModelParameters, prepared: Prepared, scored: ScoredPairs
) -> ModelParameters:
    """``model`` with the weight of having no rival counted on the batch's candidate pairs
    (``scored``: those pairs as ``model`` scores them, at their levels as training sees them,
    ``matching.comparison.weighed_levels``: a veto weighs nothing either way). ``model`` as it
    is where the entity names no comparisons for it, where the model does not find that a
    source holds an entity once (``matching.source_pairs``) or where the batch shows nothing
    to read."""
    on, sources = settings.rivals_on, model.source_pairs
    pairs, levels = scored.pairs, scored.levels
    if not on or not len(pairs) or sources is None or sources.weights()[0] >= 0.0:
        return model
    agree = names_agree(settings.comparisons, levels, on)
    quiet = eligible(agree, scored.weights) & across(pairs, prepared.sources)
    evident = scored.decidable & ~scored.review_forced & (scored.probability >= SURE)
    alone = unrivalled(pairs, agree, prepared.sources, evident, eligible(agree, scored.weights))
    sure = quiet & evident
    apart = agree & ~eligible(agree, scored.weights) & across(pairs, prepared.sources)
    apart &= scored.probability < APART
    competition = count_competition(
        on, alone[sure], alone[apart],
        source_keys(pairs[sure], prepared.sources), source_keys(pairs[apart], prepared.sources),
    )  # fmt: skip
    return replace(model, competition=competition)
