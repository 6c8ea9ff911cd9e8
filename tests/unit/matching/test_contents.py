"""One record twice (``matching.contents``): a pair of records equal in their source and every
feature."""

from __future__ import annotations

import numpy as np

from matching.contents import repeated
from matching.feature import prepare_records
from tests.unit.matching.helpers import feature

FEATURES = [feature("name"), feature("city")]


def test_a_pair_of_equal_records_is_one_record_twice() -> None:
    batch = prepare_records(
        [
            {"id": "a", "source": "pv", "name": "Wei Wang", "city": "Beijing"},
            {"id": "b", "source": "pv", "name": "Wei Wang", "city": "Beijing"},
            {"id": "c", "source": "pv", "name": "Wei Wang", "city": None},
            {"id": "d", "source": "crm", "name": "Wei Wang", "city": "Beijing"},
            {"id": "e", "source": "pv", "name": "Wei Wang", "city": None},
        ],
        FEATURES,
    )
    pairs = np.array([[0, 1], [0, 2], [0, 3], [2, 4], [1, 0]])
    # another city, another source: two records; a value missing on both is equal
    assert repeated(batch, batch, pairs).tolist() == [True, False, False, True, True]
    assert repeated(batch, batch, np.empty((0, 2), dtype=np.int64)).tolist() == []


def test_records_of_two_batches_are_compared_by_what_they_hold() -> None:
    left = prepare_records([{"id": "a", "name": "Makoto Saito", "city": "Tokyo"}], FEATURES)
    right = prepare_records(
        [
            {"id": "x", "name": "Makoto Saito", "city": "Kanagawa"},
            {"id": "y", "name": "Makoto Saito", "city": "Tokyo"},
        ],
        FEATURES,
    )
    assert repeated(left, right, np.array([[0, 0], [0, 1]])).tolist() == [False, True]
