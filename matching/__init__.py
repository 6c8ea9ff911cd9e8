"""A record-linkage library: standardisers, blocking, Fellegi-Sunter scoring, explanations and
constrained clustering of plain records. What a caller needs is named here; the modules below
are the library's own::

    from matching import Matcher, settings_for

    matcher = Matcher(settings_for("customer"))
    resolution = matcher.resolve(records)                      # bulk: everything at once
    keys = matcher.indexed_keys(matcher.prepare(records))      # where each record is filed
    around = resolve_around(matcher, pending, candidates, ...)  # incremental: a neighbourhood

A bulk resolution can also be split into independent blocks matched apart (other processes,
other machines): ``filed_hashes`` of each part of the records, ``split_into_blocks`` of all
of them, then ``block_candidates`` per block give the pairs ``candidate_pairs`` gives.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what a type checker reads; at run time a name is imported on first use
    from matching.blocking_keys import forget_key_texts
    from matching.blocks import (
        FiledKeys,
        block_candidates,
        filed_hashes,
        filed_key_columns,
        prepare_for_keys,
        split_into_blocks,
    )
    from matching.clustering import ConstraintConflict
    from matching.collector import paused as collector_paused
    from matching.comparison import Comparison
    from matching.completion import completed, completion_pairs, scored_alone
    from matching.contents import content_hashes
    from matching.copies import Units, copy_pairs, named_by, with_copies
    from matching.engine import Matcher
    from matching.explanation import ComparisonWeight, Explanation
    from matching.feature import Prepared, rows_of
    from matching.learning import Learning, LevelChange
    from matching.model import ModelParameters
    from matching.neighbourhood import resolve_around
    from matching.presets import settings_for
    from matching.resolution import Apart, Link, Resolution, ResolutionStats
    from matching.scoring import ScoredPairs
    from matching.settings import EntitySettings
    from matching.standardise.amount_text import WrittenAmount, read_amount
    from matching.standardise.company import standardise_company
    from matching.standardise.country import to_iso2
    from matching.standardise.dates import DayMonth, SlashEvidence, slash_evidence, to_iso_date
    from matching.standardise.email import normalise_email
    from matching.standardise.money import currencies_of, to_currency, to_decimal
    from matching.standardise.phone import to_e164
    from matching.standardise.rate_unit import held_unit, mentions_unit, read_unit
    from matching.standardise.taxid import normalise_duns, normalise_tax_id
    from matching.standardise.website import registrable_domain
    from matching.thresholds import Thresholds
    from matching.unit_scoring import copy_units, scored_units

# name -> (module, attribute): importing ``matching`` (or one standardiser, such as
# ``matching.standardise.phone``) loads no more than it uses; the matcher's numpy and pandas
# only load when a caller first asks for a name that needs them
_HOME: dict[str, tuple[str, str]] = {
    "Apart": ("matching.resolution", "Apart"),
    "Comparison": ("matching.comparison", "Comparison"),
    "ComparisonWeight": ("matching.explanation", "ComparisonWeight"),
    "ConstraintConflict": ("matching.clustering", "ConstraintConflict"),
    "DayMonth": ("matching.standardise.dates", "DayMonth"),
    "EntitySettings": ("matching.settings", "EntitySettings"),
    "Explanation": ("matching.explanation", "Explanation"),
    "FiledKeys": ("matching.blocks", "FiledKeys"),
    "Learning": ("matching.learning", "Learning"),
    "LevelChange": ("matching.learning", "LevelChange"),
    "Link": ("matching.resolution", "Link"),
    "Matcher": ("matching.engine", "Matcher"),
    "ModelParameters": ("matching.model", "ModelParameters"),
    "Prepared": ("matching.feature", "Prepared"),
    "Resolution": ("matching.resolution", "Resolution"),
    "ResolutionStats": ("matching.resolution", "ResolutionStats"),
    "ScoredPairs": ("matching.scoring", "ScoredPairs"),
    "SlashEvidence": ("matching.standardise.dates", "SlashEvidence"),
    "Thresholds": ("matching.thresholds", "Thresholds"),
    "Units": ("matching.copies", "Units"),
    "WrittenAmount": ("matching.standardise.amount_text", "WrittenAmount"),
    "block_candidates": ("matching.blocks", "block_candidates"),
    "collector_paused": ("matching.collector", "paused"),
    "completed": ("matching.completion", "completed"),
    "completion_pairs": ("matching.completion", "completion_pairs"),
    "content_hashes": ("matching.contents", "content_hashes"),
    "copy_pairs": ("matching.copies", "copy_pairs"),
    "copy_units": ("matching.unit_scoring", "copy_units"),
    "currencies_of": ("matching.standardise.money", "currencies_of"),
    "filed_hashes": ("matching.blocks", "filed_hashes"),
    "filed_key_columns": ("matching.blocks", "filed_key_columns"),
    "forget_key_texts": ("matching.blocking_keys", "forget_key_texts"),
    "held_unit": ("matching.standardise.rate_unit", "held_unit"),
    "mentions_unit": ("matching.standardise.rate_unit", "mentions_unit"),
    "named_by": ("matching.copies", "named_by"),
    "normalise_duns": ("matching.standardise.taxid", "normalise_duns"),
    "normalise_email": ("matching.standardise.email", "normalise_email"),
    "normalise_tax_id": ("matching.standardise.taxid", "normalise_tax_id"),
    "prepare_for_keys": ("matching.blocks", "prepare_for_keys"),
    "read_amount": ("matching.standardise.amount_text", "read_amount"),
    "read_unit": ("matching.standardise.rate_unit", "read_unit"),
    "registrable_domain": ("matching.standardise.website", "registrable_domain"),
    "resolve_around": ("matching.neighbourhood", "resolve_around"),
    "rows_of": ("matching.feature", "rows_of"),
    "scored_alone": ("matching.completion", "scored_alone"),
    "scored_units": ("matching.unit_scoring", "scored_units"),
    "settings_for": ("matching.presets", "settings_for"),
    "slash_evidence": ("matching.standardise.dates", "slash_evidence"),
    "split_into_blocks": ("matching.blocks", "split_into_blocks"),
    "standardise_company": ("matching.standardise.company", "standardise_company"),
    "to_currency": ("matching.standardise.money", "to_currency"),
    "to_decimal": ("matching.standardise.money", "to_decimal"),
    "to_e164": ("matching.standardise.phone", "to_e164"),
    "to_iso2": ("matching.standardise.country", "to_iso2"),
    "to_iso_date": ("matching.standardise.dates", "to_iso_date"),
    "with_copies": ("matching.copies", "with_copies"),
}
__all__ = [
    "Apart",
    "Comparison",
    "ComparisonWeight",
    "ConstraintConflict",
    "DayMonth",
    "EntitySettings",
    "Explanation",
    "FiledKeys",
    "Learning",
    "LevelChange",
    "Link",
    "Matcher",
    "ModelParameters",
    "Prepared",
    "Resolution",
    "ResolutionStats",
    "ScoredPairs",
    "SlashEvidence",
    "Thresholds",
    "Units",
    "WrittenAmount",
    "block_candidates",
    "collector_paused",
    "completed",
    "completion_pairs",
    "content_hashes",
    "copy_pairs",
    "copy_units",
    "currencies_of",
    "filed_hashes",
    "filed_key_columns",
    "forget_key_texts",
    "held_unit",
    "mentions_unit",
    "named_by",
    "normalise_duns",
    "normalise_email",
    "normalise_tax_id",
    "prepare_for_keys",
    "read_amount",
    "read_unit",
    "registrable_domain",
    "resolve_around",
    "rows_of",
    "scored_alone",
    "scored_units",
    "settings_for",
    "slash_evidence",
    "split_into_blocks",
    "standardise_company",
    "to_currency",
    "to_decimal",
    "to_e164",
    "to_iso2",
    "to_iso_date",
    "with_copies",
]


def __getattr__(name: str) -> Any:
    """A name of ``__all__``, imported from its module on first use and kept."""
    try:
        module, attribute = _HOME[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
