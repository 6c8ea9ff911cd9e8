"""Which levels give a steward something to link on (``Comparison.evidence_levels``)."""

from __future__ import annotations

from dataclasses import replace

from matching.comparison import Comparison


def deciding(comparison: Comparison, *, but: frozenset[str] = frozenset()) -> Comparison:
    """``comparison`` as evidence a steward could link on at its agreement levels except
    ``but``: two records of one name whose identifiers, contact details and places all differ
    (or are of two schemes) are two entities to anyone reading them, so the model's doubt,
    which rests on the names, is no task for a steward."""
    agreeing = {comparison.labels[index] for index in comparison.agreement_levels()}
    return replace(comparison, evidence_levels=frozenset(agreeing - but))


def corroborating(comparison: Comparison, *, but: frozenset[str] = frozenset()) -> Comparison:
    """``comparison`` as checking the names at its agreement levels except ``but``, without
    being evidence a steward could decide by: two records of one name in one city are one
    person or two namesakes by how common the name is there, which the model weighed and a
    steward reading the two records could judge no better. Such a pair links at the upper
    threshold and is left apart below it, not queued for review."""
    agreeing = {comparison.labels[index] for index in comparison.agreement_levels()}
    return replace(comparison, corroborating_levels=frozenset(agreeing - but))
