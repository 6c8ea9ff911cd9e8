"""Copies in a bulk run split into blocks (``mdm.resolve.run_copies``): what the keys blocks
return read back, and the units' representatives and clusters."""

from __future__ import annotations

import numpy as np

from mdm.resolve.run_copies import Filed, RunUnits, read_filed, sharing


def _ints(*values: int) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def test_the_keys_blocks_results_read_back_as_one() -> None:
    one = Filed(_ints(1, 1, 2), _ints(10, 11, 10), _ints(1, 2), _ints(7, 8))
    two = Filed(_ints(3), _ints(12), _ints(3, 4), _ints(7, 9))
    filed = read_filed([one.as_result(), two.as_result()])
    assert filed.held.tolist() == [1, 1, 2, 3]
    assert filed.hashes.tolist() == [10, 11, 10, 12]
    assert filed.records.tolist() == [1, 2, 3, 4]
    assert filed.contents.tolist() == [7, 8, 7, 9]
    assert sharing(filed) == [1, 3]  # records whose content another record holds
    assert read_filed([]).records.tolist() == []


def test_copies_join_their_representatives_clusters() -> None:
    units = RunUnits({3: 1, 4: 1, 6: 5}, [], [], [], [], 3)
    assert units.representatives(_ints(1, 2, 3, 4, 5, 6)).tolist() == [1, 2, 5]
    assert units.expanded([["1", "2"], ["5"]]) == [[1, 3, 4, 2], [5, 6]]
