"""Levels tested one pair at a time give every pair the level the vectorised tests give it,
and a lookup scored pair by pair gives the same levels, weights, probabilities and
explanations as one scored vectorised: over generated customers and resources, with fields
blanked, cut, borrowed from another record or moved to another field."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel, JaroWinkler

import matching.comparison as comparison_module
from matching import Matcher, settings_for
from matching.comparison import Comparison, pairs_of
from matching.feature import field_feature, prepare_records
from matching.levels import Else, Level, Null
from matching.levels_crosswise import EqualAcross, Swapped
from matching.levels_similarity import JaroWinklerAtLeast, SortedTokensAtLeast
from matching.pair_view import PairView
from mdm.domain.canonical import canonicalise
from mdm.synthetic import GeneratorConfig, generate

ENTITIES = ("customer", "resource")
Record = dict[str, object]


@cache
def _pool(entity: str) -> tuple[Record, ...]:
    """Generated records of ``entity`` from every system (copies of one another among them)."""
    dataset = generate(GeneratorConfig(seed=9, customers=120, resources=120, rate_lines=1))
    return tuple(
        {**canonicalise(entity, row).values, "source": extract.system}
        for extract in dataset.extracts
        if extract.entity == entity
        for row in extract.rows
    )


@cache
def _trained(entity: str) -> Matcher:
    matcher = Matcher(settings_for(entity))
    records = [{**record, "id": str(n)} for n, record in enumerate(_pool(entity))]
    matcher.resolve(records)
    return matcher


KINDS = ("blank", "cut", "borrow", "move")


def _edited(draw: st.DrawFn, record: Record, entity: str) -> Record:
    pool, copy = _pool(entity), dict(record)
    fields = sorted(key for key in copy if key != "source")
    for _ in range(draw(st.integers(0, 4))):
        field, kind = draw(st.sampled_from(fields)), draw(st.sampled_from(KINDS))
        value = copy.get(field)
        if kind == "blank":
            copy[field] = ""
        elif kind == "cut" and isinstance(value, str) and value:
            at = draw(st.integers(0, len(value) - 1))
            copy[field] = value[:at] + value[at + 1 :]
        elif kind == "borrow":
            copy[field] = draw(st.sampled_from(pool)).get(field, "")
        elif kind == "move":
            copy[draw(st.sampled_from(fields))] = value
    return copy


@st.composite
def _records(draw: st.DrawFn, entity: str) -> list[Record]:
    """A probe and its candidates: copies of it, edited, and other records."""
    pool = _pool(entity)
    probe = draw(st.sampled_from(pool))
    count = draw(st.integers(1, 7))
    bases = [probe if draw(st.booleans()) else draw(st.sampled_from(pool)) for _ in range(count)]
    records = [_edited(draw, base, entity) for base in [probe, *bases]]
    return [{**record, "id": str(n)} for n, record in enumerate(records)]


@pytest.mark.parametrize("entity", ENTITIES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_level_tested_pair_by_pair_is_the_vectorised_level(
    entity: str, data: st.DataObject
) -> None:
    records = data.draw(_records(entity))
    matcher = Matcher(settings_for(entity))
    batch = matcher.prepare(records)
    left, right = np.triu_indices(len(records), k=1)
    view = PairView(batch, batch, left, right)
    pairs = pairs_of(view)
    for comparison in matcher.settings.comparisons:
        if comparison.pairwise:
            expected = comparison.evaluate(PairView(batch, batch, left, right)).tolist()
            assert [comparison.level_of(pair) for pair in pairs] == expected, comparison.name


@pytest.mark.parametrize("entity", ENTITIES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_lookup_scored_pair_by_pair_is_the_one_scored_vectorised(
    entity: str, data: st.DataObject
) -> None:
    probe, *candidates = data.draw(_records(entity))
    matcher = _trained(entity)
    prepared = matcher.prepare([probe])
    pairwise = matcher.score_prepared_against(prepared, candidates)
    held = comparison_module.PAIRWISE_UP_TO
    comparison_module.PAIRWISE_UP_TO = 0
    try:
        vectorised = matcher.score_prepared_against(prepared, candidates)
    finally:
        comparison_module.PAIRWISE_UP_TO = held
    assert [(name, p, why.to_dict()) for name, p, why in pairwise] == [
        (name, p, why.to_dict()) for name, p, why in vectorised
    ]


@pytest.mark.parametrize("entity", ENTITIES)
def test_most_comparisons_are_tested_pair_by_pair(entity: str) -> None:
    # a resource's department and cost rate (each system's vocabulary or scheme is
    # read from the batch) and hire date stay vectorised
    comparisons = settings_for(entity).comparisons
    assert sum(comparison.pairwise for comparison in comparisons) >= len(comparisons) - 3


def _batch(*values: tuple[str, str]) -> PairView:
    """Records of two text fields ``a`` and ``b``, each paired with each later one."""
    features = [field_feature("a"), field_feature("b")]
    records = [{"id": str(n), "a": a, "b": b} for n, (a, b) in enumerate(values)]
    batch = prepare_records(records, features)
    left, right = np.triu_indices(len(records), k=1)
    return PairView(batch, batch, left, right)


def _agree(comparison: Comparison, view: PairView) -> None:
    expected = comparison.evaluate(view).tolist()
    assert [comparison.level_of(pair) for pair in pairs_of(view)] == expected
    assert len(set(expected)) > 1  # not all at one level


def _just_above(score: float) -> float:
    """A threshold above ``score`` that rounds to the same float32: met only as numpy meets it."""
    above = float(np.nextafter(score, 1.0))
    assert np.float32(above) == np.float32(score) and above > score
    return above


@pytest.mark.parametrize("kind", ["jaro_winkler", "sorted_tokens"])
def test_a_score_at_its_threshold_is_compared_at_the_precision_numpy_holds_it_in(
    kind: str,
) -> None:
    view = _batch(("martha", ""), ("marhta", ""), ("zoe", ""))
    if kind == "jaro_winkler":
        score = JaroWinkler.similarity("martha", "marhta")
        level: Level = JaroWinklerAtLeast(threshold=_just_above(score))
    else:
        score = Indel.normalized_similarity("martha", "marhta")
        level = SortedTokensAtLeast(threshold=_just_above(score))
    _agree(Comparison("c", "a", (Null(), level, Else())), view)


def test_values_equal_across_two_features_either_way_round() -> None:
    view = _batch(("paris", "lyon"), ("y", "paris"), ("lyon", "w"))
    _agree(Comparison("c", "a", (Null(), EqualAcross(other="b"), Else())), view)


def _between(score: float) -> float:
    """A threshold the score meets held as float32, and not as float64, or the reverse."""
    held = float(np.float32(score))
    assert held != score
    return held if held > score else float(np.nextafter(held, 1.0))


@pytest.mark.parametrize("threshold", [0.8, _between(JaroWinkler.similarity("anna", "anne"))])
def test_names_swapped_with_a_slip_need_the_same_first_letters(threshold: float) -> None:
    view = _batch(("anna", "berg"), ("berg", "anne"), ("nna", "berg"), ("berg", "nna"))
    swapped = Swapped(other="b", threshold=threshold)
    null = Null(swapped_with="b", swap_threshold=threshold)
    _agree(Comparison("c", "a", (null, Else())), view)
    _agree(Comparison("c", "a", (Null(), swapped, Else())), view)
