"""Which true pairs of a matrix cell (``tests.bench.matrix_data``) a person could still decide
from what the records hold: both hold a same deciding field beside their names, and two of
them (or an identifier) where the last names are unlike (``decidable_pairs``); and of those,
the ones whose shared fields can be read against each other (``comparable_pairs``)."""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import JaroWinkler

from tests.bench.evaluate import true_pairs
from tests.bench.generated_data import EntityData
from tests.bench.matrix_data import Record, surname

# What a person reads, beside the names, to tell whether two records are one customer or one
# person: identifiers, contact details and place (a country or a job title alone does not)
DECIDING = {
    "customer": (
        "tax_id", "duns", "website", "email", "phone", "address_line1", "postal_code", "city",
    ),
    "resource": ("email", "phone", "employee_number", "hire_date", "location_city"),
}  # fmt: skip
IDENTIFYING = frozenset({"email", "phone", "employee_number"})
"""Deciding fields that tell one person from a namesake on their own."""
ALIKE = 0.8
"""Two last names this alike (Jaro-Winkler) or more are one name written two ways."""


def decidable_pairs(data: EntityData) -> list[tuple[str, str]]:
    """The true pairs a person could still decide from what is left: both records hold, beside
    their names, at least one of the same deciding field (``DECIDING``), agreeing or not. Two
    records of a person whose last names are unlike (``_surnames_unlike``: a name changed by
    marriage, or written wholly wrong) need more: an identifier or contact detail both hold
    (``IDENTIFYING``), or two deciding fields (a date and a place). A first name and a birth
    date are what namesakes share: in RLdata10000 with one person in ten renamed, 18 pairs of
    two people against 24 of one agree on both and differ in the last name."""
    fields = DECIDING[data.entity]
    records = {str(r["id"]): r for r in data.records}
    holds = {key: frozenset(f for f in fields if r.get(f)) for key, r in records.items()}

    def decidable(a: str, b: str) -> bool:
        shared = holds[a] & holds[b]
        if not shared or not _surnames_unlike(records[a], records[b]):
            return bool(shared)
        return bool(shared & IDENTIFYING) or len(shared) >= 2

    pairs = ((str(a), str(b)) for a, b in true_pairs(data.truth))
    return [(a, b) for a, b in pairs if decidable(a, b)]


def _surnames_unlike(a: Record, b: Record) -> bool:
    """Both records hold a last name, and neither is alike (Jaro-Winkler ``ALIKE``) to the
    other's last name or first name (first and last name exchanged)."""
    last_a, last_b = (str(surname(r) or "").casefold() for r in (a, b))
    if not (last_a and last_b):
        return False
    first_a, first_b = (str(r.get("first_name") or "").casefold() for r in (a, b))
    pairs = ((last_a, last_b), (last_a, first_b), (last_b, first_a))
    return all(JaroWinkler.similarity(x, y) < ALIKE for x, y in pairs if x and y)


def comparable_pairs(data: EntityData, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Of ``pairs`` (``decidable_pairs``), those whose shared deciding fields can be read
    against each other: some comparison the entity's preset takes as evidence
    (``Comparison.evidence_levels``) is at an evidence level, a disagreement or a conflict,
    not at Null or a neutral level. Employee numbers of two numbering schemes, or mailboxes
    of different names at two domains, are held by both records but tell a person neither
    that they are one person nor that they are two."""
    from matching import Matcher, settings_for

    settings = settings_for(data.entity)
    matcher = Matcher(settings)
    prepared = matcher.prepare(list(data.records))
    row = {str(record_id): n for n, record_id in enumerate(prepared.ids)}
    indices = np.array([[row[a], row[b]] for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    levels = matcher.levels(prepared, indices)
    readable = np.zeros(len(pairs), dtype=bool)
    for column, comparison in enumerate(settings.comparisons):
        if not comparison.evidence_levels:
            continue
        telling = comparison.evidence_levels | comparison.conflict_levels
        mask = np.array(
            [
                (level.label in telling or level.is_else_level)
                and level.label not in comparison.neutral_levels
                for level in comparison.levels
            ]
        )
        readable |= mask[levels[:, column]]
    return [pair for pair, kept in zip(pairs, readable, strict=True) if kept]
