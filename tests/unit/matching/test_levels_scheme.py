"""Two values of one scheme: the two records' systems write most of the same values (an HR
system and the PSA fed from it), or the records are of one system; two firms' systems, each
with rates of its own, are of two schemes. Too few values to tell read as one scheme."""

from __future__ import annotations

from matching.comparison import Comparison
from matching.levels import Else, Exact, Null
from matching.levels_vocabulary import OneScheme
from tests.unit.matching.helpers import levels_in

COMPARISON = Comparison(
    "cost_rate",
    "cost_rate",
    (Null(), Exact(), OneScheme(least=3), Else("other_scheme")),
    conflict_levels=frozenset({"one_scheme"}),
    neutral_levels=frozenset({"other_scheme"}),
)
# hr and psa write one person's rate alike; beta sets its own (one rate, 90, in common)
BATCH = [
    ("hr", "80"), ("hr", "85.5"), ("hr", "90"), ("hr", "112.25"),
    ("psa", "80"), ("psa", "85.5"), ("psa", "112.25"),
    ("beta", "640"), ("beta", "90"), ("beta", "1015"), ("beta", "720"),
    ("hr", None), ("solo", "70"),
]  # fmt: skip


def _levels(pairs: list[tuple[int, int]]) -> list[str]:
    rows = [{"source": source, "cost_rate": value} for source, value in BATCH]
    return levels_in(COMPARISON, rows, pairs, ["cost_rate"])


def test_two_rates_of_one_system_are_of_one_scheme() -> None:
    assert _levels([(0, 1), (7, 9)]) == ["one_scheme", "one_scheme"]


def test_two_systems_writing_most_rates_alike_are_of_one_scheme() -> None:
    # psa holds no 90, but three of its three rates are hr's
    assert _levels([(2, 4), (6, 0)]) == ["one_scheme", "one_scheme"]


def test_two_firms_rates_are_of_two_schemes_though_one_rate_is_in_both() -> None:
    assert _levels([(0, 7), (8, 1), (9, 5)]) == ["other_scheme"] * 3
    assert _levels([(8, 2)]) == ["exact"]


def test_a_system_holding_too_few_rates_to_tell_is_read_as_one_scheme() -> None:
    assert _levels([(12, 0), (7, 12)]) == ["one_scheme", "one_scheme"]


def test_a_missing_rate_is_no_evidence() -> None:
    assert _levels([(11, 0), (7, 11)]) == ["null", "null"]
