import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching.sorted_sets import distinct


@given(st.lists(st.integers(min_value=-(2**62), max_value=2**62)))
def test_distinct_is_numpys_unique(values: list[int]) -> None:
    array = np.asarray(values, dtype=np.int64)
    found = distinct(array)
    assert found.dtype == np.int64
    assert np.array_equal(found, np.unique(array))


def test_distinct_leaves_its_input_as_it_was() -> None:
    array = np.array([3, 1, 3, 2], dtype=np.int64)
    assert distinct(array).tolist() == [1, 2, 3]
    assert array.tolist() == [3, 1, 3, 2]
