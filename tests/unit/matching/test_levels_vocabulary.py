"""Two values of one vocabulary: each record's system also holds the other's value among the
records compared; two records of one system always are."""

from __future__ import annotations

import numpy as np

from matching.comparison import Comparison
from matching.feature import field_feature, prepare_records
from matching.levels import Else, Exact, Null
from matching.levels_vocabulary import OneVocabulary
from matching.pair_view import PairView
from tests.unit.matching.helpers import levels_in

COMPARISON = Comparison(
    "department",
    "department",
    (Null(), Exact(), OneVocabulary(), Else("other_vocabulary")),
    conflict_levels=frozenset({"one_vocabulary"}),
    neutral_levels=frozenset({"other_vocabulary"}),
)
# hr and psa keep one list; beta keeps its own, with one name ("Strategy") in common
BATCH = [
    ("hr", "Strategy"), ("hr", "Operations"), ("hr", "Cyber"),
    ("psa", "Strategy"), ("psa", "Operations"),
    ("beta", "Digital"), ("beta", "Strategy"),
    ("hr", None),
]  # fmt: skip


def _levels(rows: list[tuple[str, str | None]], pairs: list[tuple[int, int]]) -> list[str]:
    records = [{"source": source, "department": value} for source, value in rows]
    return levels_in(COMPARISON, records, pairs, ["department"])


def test_two_values_of_one_system_are_of_one_vocabulary() -> None:
    assert _levels(BATCH, [(0, 1), (1, 2)]) == ["one_vocabulary", "one_vocabulary"]


def test_two_systems_keeping_one_list_are_of_one_vocabulary() -> None:
    assert _levels(BATCH, [(1, 3), (0, 4)]) == ["one_vocabulary", "one_vocabulary"]


def test_a_value_the_other_system_never_writes_is_of_another_vocabulary() -> None:
    # psa holds no "Cyber"; beta holds no "Operations", hr no "Digital"
    assert _levels(BATCH, [(2, 3), (1, 6), (5, 0)]) == ["other_vocabulary"] * 3


def test_one_name_in_common_does_not_make_two_lists_one() -> None:
    # beta writes "Strategy" too, but hr never writes "Digital": beta's Digital against hr's
    # Strategy is two ways of naming, not two departments
    assert _levels(BATCH, [(5, 0)]) == ["other_vocabulary"]
    assert _levels(BATCH, [(6, 0)]) == ["exact"]


def test_a_missing_value_is_no_evidence() -> None:
    assert _levels(BATCH, [(7, 1), (0, 7)]) == ["null", "null"]


def test_vocabularies_are_read_from_both_batches_scored_against_each_other() -> None:
    records = [
        {"id": str(n), "source": source, "department": value}
        for n, (source, value) in enumerate(BATCH)
    ]
    features = [field_feature("department", transform=str)]
    probe = prepare_records([{"id": "new", "source": "psa", "department": "Cyber"}], features)
    stored = prepare_records(records, features)
    # psa holds "Cyber" now (the probe) and hr holds "Operations": one vocabulary
    view = PairView(probe, stored, np.array([0, 0]), np.array([1, 5]))
    labels = [COMPARISON.labels[level] for level in COMPARISON.evaluate(view)]
    assert labels == ["one_vocabulary", "other_vocabulary"]
