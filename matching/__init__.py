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
