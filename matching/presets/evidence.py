"""Which levels give a steward something to link on (``Comparison.evidence_levels``)."""

from __future__ import annotations

from dataclasses import replace

from matching.comparison import Comparison


def deciding(
    comparison: Comparison,
    *,
    but: frozenset[str] = frozenset(),
    shared: frozenset[str] = frozenset(),
) -> Comparison:
    """``comparison`` as evidence a steward could link on at its agreement levels except
    ``but``: two records of one name whose identifiers, contact details and places all differ
    (or are of two schemes) are two entities to anyone reading them, so the model's doubt,
    which rests on the names, is no task for a steward. ``shared``: levels of a value many
    entities share, evidence only where nothing conflicts (``Comparison.shared_evidence_levels``)."""
    agreeing = {comparison.labels[index] for index in comparison.agreement_levels()}
    return replace(
        comparison, evidence_levels=frozenset(agreeing - but), shared_evidence_levels=shared
    )
