"""Identifiers compared by numbering scheme, for every preset that holds one (tax ids, DUNS,
employee numbers): the same value; one slip (a typo); another value of the same scheme
(evidence against: one registry or one firm never gives two entities one number); values of
two schemes (a VAT number and an EIN, two employers' numbers: no evidence either way).
"""

from __future__ import annotations

from matching.comparison import Comparison
from matching.feature import Derive, Feature
from matching.levels import Else, Exact, Null
from matching.levels_similarity import EditsAtMost
from matching.presets.derive import OTHER_SCHEME, SAME_SCHEME, scheme
from matching.record import Record


def identifier_features(name: str, derive: Derive) -> tuple[Feature, Feature]:
    """The identifier ``name`` and its scheme ``NAME_scheme``, both from ``derive``."""

    def scheme_of(record: Record) -> object:
        return scheme_of_value(derive(record))

    return Feature(name, derive), Feature(f"{name}_scheme", scheme_of, ((name,), scheme_of_value))


def scheme_of_value(value: object) -> object:
    return scheme(value) if isinstance(value, str) and value else None


def identifier_comparison(name: str, *, review_conflicts: bool = False) -> Comparison:
    """Levels of the identifier feature ``name`` (with ``identifier_features``'s scheme);
    ``review_conflicts``: a pair holding two values of one scheme is never linked
    automatically, a steward decides."""
    levels = (
        Null(),
        Exact(),
        EditsAtMost("one_edit", edits=1),
        Exact(SAME_SCHEME, feature=f"{name}_scheme"),
        Else(OTHER_SCHEME),
    )
    return Comparison(
        name,
        name,
        levels,
        review_levels=frozenset({SAME_SCHEME}) if review_conflicts else frozenset(),
        conflict_levels=frozenset({SAME_SCHEME}),
        neutral_levels=frozenset({OTHER_SCHEME}),
    )
