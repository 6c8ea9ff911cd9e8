"""A value far more records hold than one entity could is no value of the entity's: compared
as a missing one, whether two records share it or one holds another. Two alike names many
records hold each are two names, not a slip."""

from __future__ import annotations

import numpy as np

from matching.comparison import Comparison, pairs_of
from matching.feature import Prepared, field_feature, prepare_records
from matching.levels import Else, Exact, Null
from matching.levels_common import (
    BothCommon,
    NullWhereCommon,
    batch_common_values,
    common_values,
    holders,
    names,
)
from matching.levels_similarity import EditsAtMost, JaroWinklerAtLeast
from matching.pair_view import PairView

COMPARISON = Comparison("hired", "hired", (NullWhereCommon(times=5.0), Exact(), Else()))
# forty people hired on forty days, and thirty more all on the day their firm was bought
SPREAD = [f"2010-01-{day:02d}" for day in range(1, 29)] + [
    f"2011-02-{day:02d}" for day in range(1, 13)
]
BOUGHT = "2024-07-01"


def _batch(values: list[str | None]) -> Prepared:
    records = [{"id": str(n), "hired": value} for n, value in enumerate(values)]
    return prepare_records(records, [field_feature("hired", transform=str)])


def _levels(values: list[str | None], pairs: list[tuple[int, int]]) -> list[str]:
    batch = _batch(values)
    left, right = (np.array(side) for side in zip(*pairs, strict=True))
    levels = COMPARISON.evaluate(PairView(batch, batch, left, right))
    return [COMPARISON.labels[level] for level in levels]


def test_a_date_most_records_share_is_no_evidence_either_way() -> None:
    values: list[str | None] = [*SPREAD, SPREAD[0], *[BOUGHT] * 30]
    # a person's own date, two records of it; the common date shared; the common date
    # against a person's own
    assert _levels(values, [(0, 40), (41, 42), (41, 1)]) == ["exact", "null", "null"]


def test_dates_spread_thin_compare_as_usual() -> None:
    values: list[str | None] = [*SPREAD, SPREAD[0], SPREAD[0], None]
    assert _levels(values, [(0, 40), (0, 41), (1, 2), (0, 42)]) == [
        "exact",
        "exact",
        "else",
        "null",
    ]


def test_a_few_records_scored_against_a_batch_read_the_values_of_both() -> None:
    stored = _batch([*SPREAD, *[BOUGHT] * 30])
    probe = _batch([BOUGHT, SPREAD[3]])
    left, right = common_values(probe, stored, "hired", 5.0)
    assert left.tolist() == [True, False]
    assert right[:40].sum() == 0 and right[40:].all()


def test_a_batch_of_one_value_holds_no_common_one() -> None:
    batch = _batch([BOUGHT, BOUGHT, BOUGHT])
    left, _ = common_values(batch, batch, "hired", 5.0)
    assert not left.any()


def test_a_batch_counts_its_values_once_for_all_its_pairs() -> None:
    values: list[str | None] = [*SPREAD, SPREAD[0], *[BOUGHT] * 30]
    batch = _batch(values)
    first, _ = batch_common_values(batch, batch, "hired", 5.0)
    again, _ = batch_common_values(batch, batch, "hired", 5.0)
    assert again is first  # kept with the batch: levels computed chunk by chunk reuse it
    assert first.tolist() == common_values(batch, batch, "hired", 5.0)[0].tolist()
    assert _levels(values, [(0, 40), (41, 42), (41, 1)]) == ["exact", "null", "null"]


NAMES = Comparison(
    "first",
    "first",
    (
        Null(),
        Exact(),
        BothCommon("two_names", tests=(JaroWinklerAtLeast(threshold=0.8),)),
        JaroWinklerAtLeast("alike", threshold=0.8),
        Else(),
    ),
)
# many people named andrea and andreas, a few of other names each, one andreaz (a slip),
# an initial (a against ana is as alike as names are) and a misread name as common as the
# names
CROWD = [
    *["andrea"] * 10,
    *["andreas"] * 10,
    *[name for name in ("bernd", "carla", "dieter", "edith", "frank", "gabi") for _ in range(2)],
    "andreaz",
    *["a"] * 10,
    *["andr3as"] * 10,
    *["ana"] * 10,
]


def _labels(comparison: Comparison, values: list[str], pairs: list[tuple[int, int]]) -> list[str]:
    """The level of each of ``pairs`` of records holding ``values`` (in the comparison's
    field), asserted the same from the batch and from the pairs one by one (a lookup)."""
    field = comparison.feature
    records = [{"id": str(n), field: value} for n, value in enumerate(values)]
    batch = prepare_records(records, [field_feature(field, transform=str)])
    left, right = (np.array(side) for side in zip(*pairs, strict=True))
    view = PairView(batch, batch, left, right)
    levels = comparison.evaluate(view)
    assert comparison.pairwise  # a lookup tests its few pairs one by one, to the same levels
    assert [comparison.level_of(pair) for pair in pairs_of(view)] == levels.tolist()
    return [comparison.labels[level] for level in levels]


def _name_levels(values: list[str], pairs: list[tuple[int, int]]) -> list[str]:
    return _labels(NAMES, values, pairs)


def test_two_alike_names_many_records_hold_each_are_two_names() -> None:
    andrea, andreas, slip = 0, 10, CROWD.index("andreaz")
    assert _name_levels(CROWD, [(andrea, andreas), (andrea, 1), (slip, andreas)]) == [
        "two_names",
        "exact",
        "alike",  # a slip: one record holds it
    ]


def test_an_initial_or_a_misread_name_is_no_name_however_common() -> None:
    initial, misread, ana = CROWD.index("a"), CROWD.index("andr3as"), CROWD.index("ana")
    assert _name_levels(CROWD, [(initial, ana), (misread, 10)]) == ["alike", "alike"]


def test_alike_names_where_few_records_are_seen_compare_as_alike() -> None:
    assert _name_levels(["andrea", "andreas"], [(0, 1)]) == ["alike"]


def test_names_are_more_than_an_initial_and_hold_no_digit() -> None:
    values = np.array(["uwe", "u", "5chulz", None, "jo"], dtype=object)
    assert names(values).tolist() == [True, False, False, False, True]


def test_holders_count_the_records_of_both_batches_holding_a_value() -> None:
    left, right = _batch(["a", "b", None]), _batch(["a", "a", "c"])
    assert [held.tolist() for held in holders(left, right, "hired")] == [[3, 1, 0], [3, 3, 1]]
    batch = _batch(["a", "b", "a", None])
    held, again = holders(batch, batch, "hired")
    assert held.tolist() == again.tolist() == [2, 1, 2, 0]


def _surname_levels(share: float, values: list[str], pairs: list[tuple[int, int]]) -> list[str]:
    comparison = Comparison(
        "last",
        "last",
        (
            Null(),
            Exact(),
            BothCommon("two_names", tests=(EditsAtMost(edits=1),), share=share),
            EditsAtMost("one_edit", edits=1),
            Else(),
        ),
    )
    return _labels(comparison, values, pairs)


# many people named mueller, schmidt and schmitt, a slip of mueller made on several of their
# records (as where a third of the records slip), and thirty names of a person each (a value
# is held by about four records on average)
SLIPPING = [
    *["mueller"] * 60,
    *["schmidt"] * 40,
    *["schmitt"] * 10,
    *["mueler"] * 5,
    *[f"name{letter}{other}" for letter in "abcde" for other in "fghijk"],
]


def test_a_slip_of_a_name_made_often_is_a_slip_where_few_of_the_names_holders_hold_it() -> None:
    mueller, schmidt, schmitt = 0, SLIPPING.index("schmidt"), SLIPPING.index("schmitt")
    slip = SLIPPING.index("mueler")
    pairs = [(mueller, slip), (schmidt, schmitt)]
    # the slip is common too: held by more records than a value is on average
    assert _surname_levels(0.0, SLIPPING, pairs) == ["two_names", "two_names"]
    # 5 of mueller's 60 holders is a slip; 10 of schmidt's 40 a name of its own
    assert _surname_levels(0.1, SLIPPING, pairs) == ["one_edit", "two_names"]
    assert _surname_levels(0.3, SLIPPING, pairs) == ["one_edit", "one_edit"]
