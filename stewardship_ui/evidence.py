"""The review screen's evidence table, built from a task's two records and the explanation the
matching engine stored: one row per attribute, the comparison that looked at it (level and
match weight), and whether the two values differ. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

HIDDEN = frozenset({"source_id"})  # shown in the records' header rows


@dataclass(frozen=True)
class ComparisonCell:
    comparison: str
    level: str
    weight: float


@dataclass(frozen=True)
class EvidenceRow:
    attribute: str
    left: Any
    right: Any
    differs: bool
    comparisons: tuple[ComparisonCell, ...] = ()


def _normal(value: Any) -> str:
    if value is None or value == [] or value == "":
        return ""
    if isinstance(value, list | tuple):
        return ";".join(sorted(str(v).strip().casefold() for v in value))
    return str(value).strip().casefold()


def differs(left: Any, right: Any) -> bool:
    """Both known and not the same (ignoring case and surrounding space)."""
    a, b = _normal(left), _normal(right)
    return bool(a and b and a != b)


def _cells(explanation: Mapping[str, Any]) -> list[ComparisonCell]:
    comparisons: Sequence[Mapping[str, Any]] = explanation.get("comparisons") or ()
    return [
        ComparisonCell(str(c.get("comparison")), str(c.get("level")), float(c.get("weight", 0.0)))
        for c in comparisons
    ]


AGREEING = ("exact",)  # the level that says the standardised values are equal

LEVEL_LABELS = {
    "null": "not compared: unknown on one side",
    "else": "different",
    "exact": "same",
    # the engine's "no other candidate" part: no other record of either system bears the name
    "none": "no other record of either system bears the name",
}


def level_label(level: str) -> str:
    """A level as a steward reads it: `null` is "not compared", `else` "different"."""
    return LEVEL_LABELS.get(level) or level.replace("_", " ")


def _agrees(cells: Sequence[ComparisonCell]) -> bool:
    return any(c.level in AGREEING for c in cells)


def _home(
    cell: ComparisonCell, attributes: Sequence[str], compared: Mapping[str, Sequence[str]]
) -> str | None:
    """The first shown attribute the comparison looked at (a comparison the entity does not
    declare, from an older explanation, by its own name)."""
    targets = compared.get(cell.comparison, (cell.comparison,))
    return next((a for a in targets if a in attributes), None)


def evidence_rows(
    fields: Sequence[str],
    left: Mapping[str, Any],
    right: Mapping[str, Any],
    explanation: Mapping[str, Any],
    compared: Mapping[str, Sequence[str]],
) -> list[EvidenceRow]:
    """Rows for every attribute either record holds (in canonical order), each comparison on the
    row of the first attribute it looked at (``compared``: the entity's evidence map, comparison
    name → attributes); a comparison with no such row gets its own."""
    shown = [
        f for f in fields if f not in HIDDEN and (_normal(left.get(f)) or _normal(right.get(f)))
    ]
    extra = {*left, *right} - {*fields, *HIDDEN}
    shown += sorted(k for k in extra if _normal(left.get(k)) or _normal(right.get(k)))
    by_row: dict[str, list[ComparisonCell]] = {}
    for cell in _cells(explanation):
        by_row.setdefault(_home(cell, shown, compared) or f"({cell.comparison})", []).append(cell)
    rows = []
    for f in shown:  # values written differently that compare the same are not flagged
        found = tuple(by_row.pop(f, ()))
        flagged = differs(left.get(f), right.get(f)) and not _agrees(found)
        rows.append(EvidenceRow(f, left.get(f), right.get(f), flagged, found))
    for name, cells in by_row.items():
        rows.append(EvidenceRow(name, None, None, False, tuple(cells)))
    return rows


def unknown_on_both_sides(rows: Sequence[EvidenceRow]) -> tuple[list[EvidenceRow], list[str]]:
    """Rows worth a look, and the comparisons that had nothing to compare (null): a row with
    no value on either side shows only when a comparison on it found something."""
    kept: list[EvidenceRow] = []
    idle: list[str] = []
    for row in rows:
        blank = row.left is None and row.right is None
        if blank and all(c.level == "null" for c in row.comparisons):
            idle.extend(c.comparison for c in row.comparisons)
        else:
            kept.append(row)
    return kept, idle
