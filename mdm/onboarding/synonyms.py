"""The header names that mean each canonical field (``synonyms.yaml``), indexed per entity.

The fields come from the entity's definition: a synonym of a field the entity does not have is
never offered, and a field without synonyms is still found by its own name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from mdm.domain.entities import field_named, schema_for
from mdm.onboarding.headers import compact, fold_header, price_header, without_place
from mdm.onboarding.values import DETECTORS

EXACT = 0.95  # a header that is a known name of the field
PLACED = 0.8  # a known name once words like "Billing" or "Account" are set aside
RANK_STEP = 0.005  # later names in a field's list are a little less likely


@dataclass(frozen=True)
class HeaderMatch:
    field: str
    score: float
    how: str


@cache
def _data() -> dict[str, Any]:
    text = resources.files("mdm.onboarding").joinpath("synonyms.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _index(entity: str) -> dict[str, list[tuple[str, int]]]:
    """compact synonym -> [(field, rank)] for the entity's fields."""
    declared: dict[str, list[str]] = _data().get(entity, {})
    index: dict[str, list[tuple[str, int]]] = {}
    for field in schema_for(entity).fields:
        names = [field, *declared.get(field, [])]
        for rank, name in enumerate(names):
            index.setdefault(compact(fold_header(name)), []).append((field, rank))
    return index


def kind_of(field: str) -> str | None:
    """What the field's values look like (a detector's name: the field's declared kind), if
    that can be told."""
    spec = field_named(field)
    return spec.kind.name if spec is not None and spec.kind.name in DETECTORS else None


def header_matches(entity: str, header: str) -> list[HeaderMatch]:
    """The fields ``header`` may name, best first."""
    index = _index(entity)
    folded = fold_header(header)
    found: dict[str, HeaderMatch] = {}
    for key, base, how in (
        (compact(folded), EXACT, "header"),
        (compact(without_place(folded)), PLACED, "header without its place words"),
    ):
        for field, rank in index.get(key, []):
            score = 1.0 if rank == 0 and base == EXACT else max(base - 0.1, base - rank * RANK_STEP)
            if field not in found or found[field].score < score:
                found[field] = HeaderMatch(field, round(score, 3), how)
    for match in _without_unit_or_currency(entity, header):
        if match.field not in found:
            found[match.field] = match
    return sorted(found.values(), key=lambda m: -m.score)


def _without_unit_or_currency(entity: str, header: str) -> list[HeaderMatch]:
    """A price's field named by the header without the period or the currency it names
    ("Rate per hour", "Day Rate (EUR)" are rates; the period and the currency become the
    mapping's constants: ``mdm.onboarding.suggestion``)."""
    named = price_header(header)
    if named is None:
        return []
    amounts = {price.amount for price in schema_for(entity).prices}
    keys = [(named.rest, "header without its unit")] if named.rest else []
    if named.currency is not None:
        keys.insert(0, (named.named, "header without its currency"))
    found: dict[str, HeaderMatch] = {}
    for key, how in keys:
        for field, _ in _index(entity).get(compact(key), []):
            if field in amounts and field not in found:
                found[field] = HeaderMatch(field, PLACED, how)
    return list(found.values())
