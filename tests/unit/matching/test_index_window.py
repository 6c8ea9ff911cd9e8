"""An index pairs a record of a common block with its nearest records by the window, as bulk
blocking pairs it (``matching.index_window``), ties of the order going to the smaller id in
both, whatever order a batch holds its records in; copies that joined their representative
neither count nor stand between."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.blocking import BlockingRule, Window
from matching.blocking_index import filed_keys, pairs_through_index
from matching.blocking_pairs import block
from matching.feature import Prepared, field_feature, prepare_records
from matching.id_order import id_key
from matching.index_window import window_partners
from tests.unit.matching.helpers import prepared

RULE = BlockingRule("city", ("city",))
WINDOW = Window(full=3, neighbours=1, order="name")


def _index_pairs(rows: list[dict[str, object]], copies: Sequence[int] = ()) -> set[tuple[int, int]]:
    """The pairs an index of every record gives each record filed under its keys."""
    found = _through_index(prepared(rows, ["city", "name"]), copies)
    return {(int(a), int(b)) for a, b in found.tolist()}


def _through_index(batch: Prepared, copies: Sequence[int] = ()) -> np.ndarray:
    filed = filed_keys(batch, [RULE])
    blocks: dict[str, list[str]] = {}
    for index, key in filed:
        blocks.setdefault(key, []).append(str(batch.ids[index]))
    partners = window_partners(batch, [RULE], 200, WINDOW, copies)
    return pairs_through_index(batch, filed, blocks, partners=partners)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("xy"), st.sampled_from("abcde")), max_size=12))
def test_an_index_pairs_as_bulk_blocking_with_a_window(rows: list[tuple[str, str]]) -> None:
    records: list[dict[str, object]] = [{"city": c, "name": n} for c, n in rows]
    batch = prepared(records, ["city", "name"])
    bulk = block(batch, [RULE], 200, window=WINDOW)
    assert _index_pairs(records) == {(int(a), int(b)) for a, b in bulk.tolist()}


def _by_id(batch: Prepared, pairs: Iterable[Sequence[int]]) -> set[tuple[str, ...]]:
    return {tuple(sorted((str(batch.ids[i]) for i in pair), key=id_key)) for pair in pairs}


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("xy"), st.sampled_from("abc")), max_size=12),
    st.randoms(use_true_random=False),
)
def test_a_batch_pairs_alike_whatever_order_it_holds_its_records_in(
    rows: list[tuple[str, str]], shuffle: random.Random
) -> None:
    """Ties of the window's order go to the smaller id (9 before 10), not to the record the
    batch holds first: a batch pairs the same records alike in any order, and as an index,
    which holds a block's records in no batch's order, pairs them."""
    records = [{"id": str(9 + n), "city": c, "name": name} for n, (c, name) in enumerate(rows)]
    features = [field_feature(name, transform=str) for name in ("city", "name")]
    in_id_order = prepare_records(records, features)
    expected = _by_id(in_id_order, block(in_id_order, [RULE], 200, window=WINDOW).tolist())
    batch = prepare_records(shuffle.sample(records, len(records)), features)
    assert _by_id(batch, block(batch, [RULE], 200, window=WINDOW).tolist()) == expected
    assert _by_id(batch, _through_index(batch).tolist()) == expected


def test_a_record_pairs_with_every_record_of_its_block_written_alike() -> None:
    """The newest of seven records of one name (an earlier run made the six one golden record)
    pairs with all six, not with the one before it in id order: one of six is too few of a
    golden record's members to join it."""
    rows: list[dict[str, object]] = [{"city": "x", "name": "acme"} for _ in range(7)]
    rows += [{"city": "x", "name": "zeta"}]
    found = _index_pairs(rows)
    assert {(a, 6) for a in range(6)} <= found
    assert {pair for pair in found if 7 in pair} == {(6, 7)}  # its one nearest (WINDOW)


def test_a_copy_that_joined_neither_counts_nor_stands_between() -> None:
    names = ["a", "b", "b", "c"]  # 2 copies 1 (joined): three units, no more than full
    rows: list[dict[str, object]] = [{"city": "x", "name": n} for n in names]
    assert _index_pairs(rows, copies=[2]) == {(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)}
    rows.append({"city": "x", "name": "d"})  # four units: each with its nearest
    assert _index_pairs(rows, copies=[2]) == {(0, 1), (1, 3), (3, 4)}
