"""One record twice (``matching.contents``): a pair of records equal in their source and every
feature."""

from __future__ import annotations

import numpy as np

from matching.contents import CONTENT_HASHES, content_hashes, repeated
from matching.feature import prepare_records
from tests.unit.matching.helpers import batch_of, feature

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


def _every_pair(n: int) -> np.ndarray:
    left, right = np.divmod(np.arange(n * n), n)
    return np.stack([left, right], axis=1)


def test_few_pairs_are_compared_without_hashing_their_batches() -> None:
    batch = prepare_records(
        [{"id": "a", "name": "Ann", "city": "Oslo"}, {"id": "b", "name": "Ann", "city": "Oslo"}],
        FEATURES,
    )
    assert repeated(batch, batch, np.array([[0, 1]])).tolist() == [True]
    assert batch.held(CONTENT_HASHES) is None  # a lookup's 20 pairs: no batch hashed


def test_values_compared_one_by_one_are_alike_where_their_hashes_are() -> None:
    nan = float("nan")
    odd = batch_of(
        name=["Ann", "Ann", "ann", None, None, nan, nan, "Ann", "", 1, 1.0, True],
        words=[("a", "b"), ("a", "b"), ("b", "a"), None, nan, None, nan, ("a", "b"), (),
               (1,), (1.0,), (nan,)],
        tags=[frozenset({"x", "y"}), frozenset({"y", "x"}), frozenset(), None, None, None,
              None, frozenset({"x", "y"}), None, frozenset({1}), frozenset({1.0}), None],
        count=[2, 2.0, 3, None, None, None, nan, 2, 0, 1, 1, 1],
    )  # fmt: skip
    hashed = batch_of(**{name: list(column) for name, column in odd.columns.items()})
    hashed.derived(CONTENT_HASHES, content_hashes)
    pairs = _every_pair(len(odd))
    by_value = repeated(odd, odd, pairs)
    assert odd.held(CONTENT_HASHES) is None
    assert by_value.tolist() == repeated(hashed, hashed, pairs).tolist()
    assert by_value.sum() > len(odd)  # some records other than themselves are alike


def test_many_pairs_are_compared_by_hash() -> None:
    batch = batch_of(name=["Ann", "Bo"] * 10)
    pairs = _every_pair(len(batch))  # 400 pairs
    assert repeated(batch, batch, pairs).sum() == 200
    assert batch.held(CONTENT_HASHES) is not None
