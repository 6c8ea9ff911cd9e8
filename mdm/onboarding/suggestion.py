"""Suggest a mapping for an extract from its header names and its values, with a confidence per
column. A column that is not clearly a canonical field is ignored (kept raw), never mapped to a
field it might not be: a wrong mapping loads wrong data, an ignored one loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from mdm.domain.entities import schema_for
from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import ParsedExtract
from mdm.onboarding.headers import is_generic, price_header
from mdm.onboarding.synonyms import header_matches, kind_of
from mdm.onboarding.values import dominant_kind, kind_share

SAMPLE = 1_000  # rows read to judge a column's values
MAP_FROM = 0.5  # least confidence for a column to be mapped
REFUTED_BELOW = 0.3  # a header is refuted when fewer of its values look like its field's kind
VALUE_ONLY = 0.6  # most confidence a column gets from its values alone


@dataclass(frozen=True)
class Candidate:
    field: str
    confidence: float
    evidence: str


@dataclass(frozen=True)
class ColumnSuggestion:
    column: str
    field: str | None  # None: ignore
    confidence: float
    evidence: str


@dataclass(frozen=True)
class ConstantSuggestion:
    """A value the mapping gives every row, as the header says it (``Day Rate``: unit day)."""

    field: str
    value: str
    evidence: str


@dataclass(frozen=True)
class MappingSuggestion:
    entity: str
    file: str
    rows: int
    columns: tuple[ColumnSuggestion, ...]
    constants: tuple[ConstantSuggestion, ...] = ()

    def mapping(self) -> FieldMapping:
        return FieldMapping(
            {c.column: c.field for c in self.columns if c.field},
            frozenset(c.column for c in self.columns if not c.field),
            {c.field: c.value for c in self.constants},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity, "file": self.file, "rows": self.rows,
            "columns": [c.__dict__ for c in self.columns],
            "constants": [c.__dict__ for c in self.constants],
        }  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MappingSuggestion:
        columns = tuple(ColumnSuggestion(**c) for c in data["columns"])
        constants = tuple(ConstantSuggestion(**c) for c in data.get("constants", ()))
        return cls(data["entity"], data["file"], data["rows"], columns, constants)

    def to_yaml(self) -> str:
        data: dict[str, Any] = {
            "columns": {c.column: c.field for c in self.columns if c.field},
            "ignore": [c.column for c in self.columns if not c.field],
        }
        if self.constants:
            data["constants"] = {c.field: c.value for c in self.constants}
        data["confidence"] = {
            c.column: {"field": c.field, "confidence": c.confidence, "evidence": c.evidence}
            for c in self.columns
        }
        head = (
            f"# mapping suggested for {self.entity} from {self.file} ({self.rows} rows)\n"
            "# `columns`, `ignore` and `constants` are what `mdm ingest --mapping` reads; check\n"
            "# the columns with a low confidence before loading.\n"
        )
        head += "".join(f"# constant {c.field}: {c.evidence}\n" for c in self.constants)
        return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def suggest_mapping(extract: ParsedExtract, entity: str) -> MappingSuggestion:
    sample = extract.rows[:SAMPLE]
    candidates = {
        column: _candidates(entity, column, [row.values.get(column, "") for row in sample])
        for column in extract.header
    }
    chosen = _assign(candidates)
    columns = tuple(_decide(column, candidates[column], chosen) for column in extract.header)
    constants = _constants_in_headers(entity, columns)
    return MappingSuggestion(entity, extract.name, len(extract.rows), columns, constants)


def _constants_in_headers(
    entity: str, columns: Sequence[ColumnSuggestion]
) -> tuple[ConstantSuggestion, ...]:
    """The unit and the currency of a price whose header names them ("Day Rate", "Rate per
    hour", "Rate (EUR)") and which no column gives: the mapping's constants, as they are in
    the header, not in a column."""
    mapped = {c.field: c.column for c in columns if c.field}
    found: list[ConstantSuggestion] = []
    for price in schema_for(entity).prices:
        column = mapped.get(price.amount)
        named = None if column is None else price_header(column)
        if column is None or named is None:
            continue
        if named.unit is not None and price.unit not in mapped:
            why = f"the header {column!r} says the {price.amount} is per {named.unit}"
            found.append(ConstantSuggestion(price.unit, named.unit, why))
        if named.currency is not None and price.currency not in mapped:
            why = f"the header {column!r} says the {price.amount} is in {named.currency_reading()}"
            found.append(ConstantSuggestion(price.currency, named.currency, why))
    return tuple(found)


def _candidates(entity: str, column: str, values: Sequence[str]) -> list[Candidate]:
    filled = sum(1 for v in values if v and v.strip())
    found: list[Candidate] = []
    for match in header_matches(entity, column):
        kind = kind_of(match.field)
        if kind is None or not filled:
            found.append(Candidate(match.field, match.score, f"{match.how} names {match.field}"))
            continue
        share = kind_share(kind, values)
        if filled >= 3 and share < REFUTED_BELOW:
            continue  # the header says one thing, the values another
        confidence = round(match.score * (0.7 + 0.3 * share), 3)
        evidence = f"{match.how} names {match.field}; {share:.0%} of values look like {kind}"
        found.append(Candidate(match.field, confidence, evidence))
    if not found and is_generic(column) and filled >= 3:
        found = _from_values(entity, values)
    return sorted(found, key=lambda c: -c.confidence)


def _from_values(entity: str, values: Sequence[str]) -> list[Candidate]:
    """A column whose header says nothing: named by a distinctive kind of value."""
    dominant = dominant_kind(values)
    if dominant is None:
        return []
    kind, share = dominant
    return [
        Candidate(field, round(VALUE_ONLY * share, 3), f"{share:.0%} of values look like {kind}")
        for field in schema_for(entity).fields
        if kind_of(field) == kind
    ]


def _assign(candidates: dict[str, list[Candidate]]) -> dict[str, Candidate]:
    """Column -> chosen candidate: the most confident pairs first, one column per field."""
    ranked = sorted(
        ((c.confidence, column, c) for column, found in candidates.items() for c in found),
        key=lambda item: -item[0],
    )
    chosen: dict[str, Candidate] = {}
    taken: set[str] = set()
    for confidence, column, candidate in ranked:
        if confidence >= MAP_FROM and column not in chosen and candidate.field not in taken:
            chosen[column] = candidate
            taken.add(candidate.field)
    if "source_id" not in taken:
        _key_fallback(candidates, chosen)
    return chosen


def _key_fallback(candidates: dict[str, list[Candidate]], chosen: dict[str, Candidate]) -> None:
    """No column won source_id (another field took it, e.g. "Employee ID"): every extract needs
    its key, so the best column that could be the key becomes it."""
    best = max(
        ((c, column) for column, found in candidates.items() for c in found
         if c.field == "source_id"),
        key=lambda item: item[0].confidence, default=None,
    )  # fmt: skip
    if best is not None:
        candidate, column = best
        chosen[column] = Candidate("source_id", candidate.confidence, candidate.evidence)


def _decide(column: str, found: list[Candidate], chosen: dict[str, Candidate]) -> ColumnSuggestion:
    if column in chosen:
        pick = chosen[column]
        return ColumnSuggestion(column, pick.field, pick.confidence, pick.evidence)
    if not found:
        return ColumnSuggestion(column, None, 0.9, "no canonical field has this name")
    best = found[0]
    why = (
        f"another column is likelier {best.field}"
        if best.confidence >= MAP_FROM
        else f"too weak a hint of {best.field} ({best.confidence})"
    )
    return ColumnSuggestion(column, None, round(1 - best.confidence / 2, 3), why)
