"""Two dates a slip in the year apart weighed by how common their years are
(``matching.year_frequency``): a year few records hold is a slip's far more often than
another person's."""

from __future__ import annotations

import numpy as np

from matching.comparison import Comparison
from matching.levels import Else, Exact, Null
from matching.levels_numeric import TwoPartsEqual, YearSlip
from matching.m_constraints import constrain_m
from matching.model import PooledLevels, comparison_parameters
from matching.pair_level_weights import weaker_agreement_weight
from matching.year_frequency import slips, weigh_years, year_tables, years_key
from tests.unit.matching.helpers import prepared, weighed_at

SLIP = YearSlip(year_frequency=True)
DOB = Comparison(
    "dob", "dob", (Null(), Exact(), SLIP, TwoPartsEqual("other_year", differs="year"), Else())
)

# forty records born 1953, forty 1943, one 2003 and one 2093 (a slip's year)
ROWS = [
    *({"dob": f"1953-05-{day:02d}"} for day in range(1, 41)),
    *({"dob": f"1943-06-{day:02d}"} for day in range(1, 41)),
    {"dob": "2003-05-08"},
    {"dob": "2093-05-08"},
]
M = [1.0, 0.6, 0.15, 0.05, 0.2]
U = [1.0, 1e-5, 1e-3, 1e-2, 0.989]


def _weighed(
    m: list[float] = M, u: list[float] = U, pooled: PooledLevels = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Weights and u of the pairs 1953-05-01 / 1943-06-01 (two common years; read here at the
    level whatever their month) and 2093-05-08 / 2003-05-08, both at the year slip level."""
    batch = prepared(ROWS, ["dob"])
    params = comparison_parameters("dob", DOB.labels, np.array(m), np.array(u), pooled)
    pairs = np.array([(0, 40), (81, 80)], dtype=np.int64)
    return weighed_at(DOB, SLIP, params, batch, pairs, weigh_years, year_tables(DOB, batch))


def test_years_are_counted_every_one_kept() -> None:
    table = year_tables(DOB, prepared(ROWS, ["dob"]))[years_key(DOB, 2)]
    assert table.total == len(ROWS)
    assert table.counts == {"1953": 40, "1943": 40, "2003": 1, "2093": 1}


def test_the_slips_of_a_year_change_one_digit_or_swap_two() -> None:
    assert {"1943", "2953", "1935", "9153", "1593"} <= slips("1953")
    assert "1953" not in slips("1953") and "1944" not in slips("1953")
    assert len(slips("1953")) == 4 * 9 + 3


def test_a_rare_year_weighs_more_and_common_years_weigh_less() -> None:
    (common, rare), u_used = _weighed()
    assert common < np.log2(0.15 / 1e-3) < rare
    # the batch's years a slip apart: 1953 / 1943 and 2093 / 2003, of 40, 40, 1 and 1 records
    ratio = (40 * 40 + 1 * 1) / 82**2 / ((80 + 2) / 82)
    assert np.isclose(u_used[0], 1e-3 / ((82 / 40 + 82 / 40) * ratio))
    assert np.isclose(u_used[1], 1e-3 / ((82 + 82) * ratio))


def test_a_rare_year_weighs_no_more_than_the_same_date() -> None:
    (_, rare), _ = _weighed(u=[1.0, 1e-3, 1e-3, 1e-2, 0.989])
    assert np.isclose(rare, np.log2(0.6 / 1e-3))


def test_common_years_weigh_no_less_than_a_weaker_agreement() -> None:
    # another year on the same month and day weighs 8.97 bits, two common years a slip apart 7.19
    (common, _), _ = _weighed([1.0, 0.6, 0.15, 0.5, 0.05], [1.0, 1e-5, 1e-3, 1e-3, 0.989])
    assert np.isclose(common, np.log2(0.5 / 1e-3))


POOLED_U = [1.0, 1e-5, 1e-3, 1e-4, 0.989]


def test_the_order_records_the_slip_pooled_with_a_weaker_level_weighing_more() -> None:
    # another year on the same month and day 650 times more common among matches, the slip
    # 100 times: the order pools the two at 150
    held = constrain_m(DOB, np.array([1.0, 0.6, 0.1, 0.065, 0.235]), np.array(POOLED_U))
    assert held.pooled == ((2, 3),)
    assert np.allclose(held.m[2:4] / POOLED_U[2:4], 150.0)
    params = comparison_parameters("dob", DOB.labels, held.m, np.array(POOLED_U), held.pooled)
    assert params.pooled_with(2) == (3,) and params.pooled_with(1) == ()


def test_common_years_weigh_less_than_a_weaker_level_pooled_with_the_slip() -> None:
    # another year on the same month and day weighs what the slip does (m/u 150 each: the
    # order pooled the two), the slip's own average: no floor to two common years a slip apart
    (common, _), u_used = _weighed([1.0, 0.6, 0.15, 0.015, 0.2], POOLED_U, ((2, 3),))
    ratio = (40 * 40 + 1 * 1) / 82**2 / ((80 + 2) / 82)
    assert np.isclose(u_used[0], 1e-3 / ((82 / 40 + 82 / 40) * ratio))
    assert np.isclose(common, np.log2(0.15 / u_used[0])) and common < np.log2(0.15 / 1e-3)


def test_a_weaker_level_weighing_what_the_slip_does_unpooled_is_a_floor() -> None:
    # m/u 150 each as found, in order already: nothing pooled, and the weaker level's own
    # weight bounds two common years a slip apart
    m = [1.0, 0.6, 0.15, 0.015, 0.2]
    assert constrain_m(DOB, np.array(m), np.array(POOLED_U)).pooled == ()
    (common, _), _ = _weighed(m, POOLED_U)
    assert np.isclose(common, np.log2(150.0))


def test_a_pooled_weaker_level_is_left_out_of_the_floor_only_where_asked() -> None:
    weights = np.log2(np.array([1.0, 0.6, 0.15, 0.015, 0.2]) / np.array(POOLED_U))
    assert np.isclose(weaker_agreement_weight(DOB, weights, 2), np.log2(150))
    assert weaker_agreement_weight(DOB, weights, 2, left_out=(3,)) == 0.0
