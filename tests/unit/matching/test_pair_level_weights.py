"""Two common last names one edit apart are sorted out of the slips: the bounds of the order
read the two levels as one, and a slip of a common name weighs at most what the slips did
with the two names read in."""

from __future__ import annotations

import numpy as np
import pytest

from matching.comparison import Comparison
from matching.feature import field_feature, prepare_records
from matching.levels import Else, Exact, Null
from matching.levels_common import BothCommon
from matching.levels_similarity import EditsAtMost
from matching.model import comparison_parameters
from matching.pair_level_weights import order_weights, weaker_agreement_weight, weigh_common_slips
from matching.pair_view import PairView

LAST = Comparison(
    "last",
    "last",
    (
        Null(),
        Exact(),
        BothCommon("two_names", tests=(EditsAtMost(edits=1),), share=0.1),
        EditsAtMost("one_edit", edits=1),
        Else(),
    ),
)
NULL, EXACT, TWO_NAMES, ONE_EDIT, ELSE = range(5)
# m/u: exact 2^5; two names 2^0; the slips left 2^8 alone, 2^4.6 with the two names read in
M = np.array([1.0, 0.6, 0.01, 0.256, 0.134])
U = np.array([1.0, 0.01875, 0.01, 0.001, 0.97025])
PARAMS = comparison_parameters("last", LAST.labels, M, U)
POOLED = float(np.log2((M[TWO_NAMES] + M[ONE_EDIT]) / (U[TWO_NAMES] + U[ONE_EDIT])))


def test_the_order_reads_two_names_and_the_slips_as_one_level() -> None:
    weights = order_weights(LAST, PARAMS)
    own = PARAMS.weights()
    assert own[ONE_EDIT] == pytest.approx(8.0)
    assert weights[TWO_NAMES] == weights[ONE_EDIT] == pytest.approx(POOLED)
    assert [weights[i] for i in (NULL, EXACT, ELSE)] == [own[i] for i in (NULL, EXACT, ELSE)]
    # an exact value, however common, weighs at least what a slip says on average, not what
    # the slips left once the common names are sorted out
    assert weaker_agreement_weight(LAST, weights, EXACT) == pytest.approx(POOLED)
    assert own[ONE_EDIT] > POOLED


def test_a_slip_of_a_common_name_weighs_at_most_the_slips_with_the_two_names_read_in() -> None:
    values = [*["mueller"] * 30, "mueler", "bernd", "berndt", *[f"n{c}" for c in "abcdefgh"]]
    records = [{"id": str(n), "last": value} for n, value in enumerate(values)]
    batch = prepare_records(records, [field_feature("last", transform=str)])
    slip_of_common, slip_of_rare = (0, values.index("mueler")), (32, 31)
    pairs = np.array([slip_of_common, slip_of_rare])
    levels = LAST.evaluate(PairView(batch, batch, pairs[:, 0], pairs[:, 1]))
    assert levels.tolist() == [ONE_EDIT, ONE_EDIT]
    weights = np.full(2, PARAMS.weights()[ONE_EDIT])
    u_used = np.full(2, U[ONE_EDIT])
    weigh_common_slips(LAST, PARAMS, levels, ((batch, batch), pairs), (weights, u_used))
    assert weights.tolist() == pytest.approx([POOLED, 8.0])
    assert u_used.tolist() == pytest.approx([M[ONE_EDIT] / 2.0**POOLED, U[ONE_EDIT]])
