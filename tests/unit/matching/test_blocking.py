from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.blocking import BlockingRule, split_rule
from matching.blocking_keys import forget_key_texts, key_codes, rule_keys
from matching.blocking_pairs import Neighbours, block, order_rank, pairs_within_blocks
from matching.engine import Matcher
from matching.feature import object_array
from matching.presets.febrl import febrl_settings
from tests.unit.matching.helpers import prepared


def _brute_force(codes: list[int], limit: int) -> set[tuple[int, int]]:
    groups: dict[int, set[int]] = {}
    for member, code in enumerate(codes):
        groups.setdefault(code, set()).add(member)
    found = set()
    for members in groups.values():
        if 2 <= len(members) <= limit:
            found.update(itertools.combinations(sorted(members), 2))
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=40), st.integers(2, 8))
def test_pairs_within_blocks_matches_brute_force(codes: list[int], limit: int) -> None:
    pairs = pairs_within_blocks(np.array(codes, dtype=np.int64), np.arange(len(codes)), limit)
    assert {tuple(pair) for pair in pairs.tolist()} == _brute_force(codes, limit)


def test_keys_held_by_too_many_records_are_ignored() -> None:
    rows = [{"city": "london", "name": f"n{i}"} for i in range(10)] + [
        {"city": "york", "name": "a"},
        {"city": "york", "name": "b"},
    ]
    batch = prepared(rows, ["city", "name"])
    pairs = block(batch, [BlockingRule("city", ("city",))], max_block_size=5)
    assert pairs.tolist() == [[10, 11]]


def test_a_rule_beyond_the_entity_limit_keeps_its_own_limit() -> None:
    rows = [{"city": "london"} for _ in range(8)] + [{"city": "york"} for _ in range(30)]
    batch = prepared(rows, ["city"])
    capped = BlockingRule("city", ("city",), max_block_size=10)
    beyond = BlockingRule("city", ("city",), max_block_size=10, beyond_entity_limit=True)
    assert (capped.cap(5), beyond.cap(5), beyond.cap(200)) == (5, 10, 10)
    assert block(batch, [capped], max_block_size=5).tolist() == []
    # london's 8 records pair though the entity allows 5; york's 30 are above the rule's 10
    found = block(batch, [beyond], max_block_size=5).tolist()
    assert found == [list(pair) for pair in itertools.combinations(range(8), 2)]


def test_a_split_rule_pairs_the_records_of_a_common_key_on_its_finer_keys() -> None:
    rows = [{"city": "london", "street": street} for street in "aabbcc"] + [
        {"city": "york", "street": "x"},
        {"city": "york", "street": "y"},
    ]
    batch = prepared(rows, ["city", "street"])
    rules = split_rule(BlockingRule("city", ("city",)), "street", str, full=5)
    assert [(rule.name, rule.max_block_size) for rule in rules] == [
        ("city", 5),
        ("city/street", None),
    ]
    # london (6 records) is too common: its records pair by street; york pairs as it is
    assert block(batch, rules, max_block_size=200).tolist() == [[0, 1], [2, 3], [4, 5], [6, 7]]


def test_rules_are_ored_and_pairs_distinct() -> None:
    rows = [{"a": "1", "b": "x"}, {"a": "1", "b": "x"}, {"a": "2", "b": "x"}]
    batch = prepared(rows, ["a", "b"])
    pairs = block(batch, [BlockingRule("a", ("a",)), BlockingRule("b", ("b",))], max_block_size=10)
    assert pairs.tolist() == [[0, 1], [0, 2], [1, 2]]


def test_link_only_keeps_pairs_across_sources() -> None:
    records = [
        {"id": "1", "source": "s", "given_name": "ann"},
        {"id": "2", "source": "s", "given_name": "ann"},
        {"id": "3", "source": "t", "given_name": "ann"},
    ]
    matcher = Matcher(febrl_settings())
    pairs = matcher.candidate_pairs(matcher.prepare(records), link_only=True)
    assert pairs.tolist() == [[0, 2], [1, 2]]


def test_blocking_keys_are_prefixed_by_rule() -> None:
    matcher = Matcher(febrl_settings())
    keys = matcher.blocking_keys(
        {"id": "1", "surname": "Smith", "soc_sec_id": "123", "date_of_birth": "19800102"}
    )
    assert keys == ["ssn:123", "dob:1980-01-02", "surname:smith"]


def test_a_window_pairs_each_record_of_a_big_block_with_its_next_neighbours_only() -> None:
    codes = np.array([7] * 6 + [9] * 2)
    members = np.array([5, 3, 1, 0, 4, 2, 6, 7])
    rank = np.array([50, 10, 40, 20, 30, 60, 0, 0])  # block 7 in rank order: 1 3 4 2 0 5
    by_id = np.arange(8)
    pairs = pairs_within_blocks(codes, members, 200, neighbours=Neighbours(4, 2, rank, by_id))
    found = {tuple(p) for p in pairs.tolist()}
    assert found == {(1, 3), (1, 4), (3, 4), (2, 3), (2, 4), (0, 2), (0, 4), (0, 5), (2, 5), (6, 7)}
    assert len(pairs) == len(found)
    everything = pairs_within_blocks(codes, members, 200, neighbours=Neighbours(6, 2, rank, by_id))
    assert len(everything) == 15 + 1  # a block no bigger than full: every pair
    common = pairs_within_blocks(codes, members, 5, neighbours=Neighbours(4, 2, rank, by_id))
    assert len(common) == 1  # too common


def test_a_window_pairs_every_record_written_alike_however_many() -> None:
    """Seven records of one name in a big block pair with each other, not only with their next
    two; records of no known value (rank 0) pair with their neighbours only."""
    codes = np.array([7] * 11)
    members = np.arange(11)
    rank = np.array([3] * 7 + [5, 0, 0, 0])  # in rank order: 8 9 10, 0 ... 6, 7
    window = Neighbours(5, 2, rank, np.arange(11))
    pairs = pairs_within_blocks(codes, members, 200, neighbours=window)
    found = {tuple(p) for p in pairs.tolist()}
    alike = {(a, b) for a in range(7) for b in range(a + 1, 7)}
    assert alike <= found  # the newest of them, 6, with every earlier one
    near = {(8, 9), (8, 10), (9, 10), (0, 9), (0, 10), (1, 10), (5, 7), (6, 7)}
    assert found == alike | near


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(["ab", "cd", "", "e f"]), max_size=3),
                  st.sampled_from([None, "x", "y z"])),
        max_size=12,
    )
)  # fmt: skip
def test_a_split_rule_files_a_batch_under_the_keys_it_gives_each_record(
    rows: list[tuple[list[str], str | None]],
) -> None:
    """A batch makes a split rule's keys from its coarse rule's: the same keys, in the same
    order, as the rule gives record by record (the path of a single record, an index)."""
    batch = prepared([{"words": tuple(w), "city": c} for w, c in rows], ["words", "city"])
    batch.columns["words"] = object_array([tuple(w) or None for w, _ in rows])
    coarse = BlockingRule("words", ("words",), lambda values: list(values[0] or ()))
    _, split = split_rule(coarse, "city", lambda city: str(city or ""), full=2)
    one_by_one = [
        (index, key)
        for index, values in enumerate(
            zip(batch.column("words"), batch.column("city"), strict=True)
        )
        for key in split.keys_of(values)
    ]
    members, keys = rule_keys(split, batch)
    assert list(zip(members.tolist(), keys.tolist(), strict=True)) == one_by_one


def test_a_window_orders_a_block_by_the_text_of_its_feature_unknown_first() -> None:
    batch = prepared([{"name": n} for n in ["b", "a", "B", "a", "", "é", "ab"]], ["name"])
    rank = order_rank(batch, "name").tolist()
    texts = ["" if v is None else str(v) for v in batch.column("name")]
    assert rank == [sorted(set(texts)).index(text) for text in texts]
    assert rank[4] == 0 and rank[1] == rank[3]


def test_a_batch_lets_go_of_its_keys_as_text_and_still_pairs_as_before() -> None:
    rows = [{"city": city, "name": name} for city, name in zip("aabbc", "vwxyy", strict=True)]
    batch = prepared(rows, ["city", "name"])
    rules = [BlockingRule("city", ("city",)), BlockingRule("name", ("name",))]
    before = block(batch, rules, max_block_size=10)
    forget_key_texts(batch)
    assert not [key for key in batch._derived if key.endswith((":keys", ":pairs"))]
    assert (
        block(batch, rules, max_block_size=10).tolist()
        == before.tolist()
        == [[0, 1], [2, 3], [3, 4]]
    )
    assert rule_keys(rules[0], batch)[1].tolist() == list("aabbc")  # made again when asked


def test_key_codes_number_keys_in_the_order_each_first_comes() -> None:
    keys = object_array(["b|x", "a|y", "b|x", "c", "a|y"])
    codes = key_codes(keys)
    assert codes.dtype == np.int64
    assert codes.tolist() == [0, 1, 0, 2, 1]
    assert key_codes(object_array([])).tolist() == []
