"""A pair only fuzzy rules give stands where keys of two families agree, each held by no more
records than the rule's corroboration, where a rule standing alone pairs it, or where its
records hold no key of one same rule standing alone; bulk blocking and an index keep the same
pairs."""

from __future__ import annotations

from matching.blocking import BlockingRule, split_rule
from matching.blocking_index import filed_keys, pairs_through_index
from matching.blocking_pairs import block
from matching.corroboration import alone_held, corroborated_pairs, family, found_by
from matching.feature import Feature, Prepared, prepare_records

FEATURES = tuple(Feature(name, lambda r, name=name: r.get(name)) for name in "pabc")
RULES = (
    BlockingRule("phone", ("p",)),
    BlockingRule("a", ("a",), corroboration=2),
    *split_rule(BlockingRule("b", ("b",), corroboration=2), "c", str, 2),
)
RECORDS = [
    {"id": "0", "a": "x", "b": "y", "p": "10"},  # 0-1: two families agree
    {"id": "1", "a": "x", "b": "y", "p": "11"},
    {"id": "2", "a": "z", "p": "12"},  # 2-3: one family alone, phones that differ
    {"id": "3", "a": "z", "p": "13"},
    {"id": "4", "p": "1"},  # 4-5: a phone
    {"id": "5", "p": "1"},
    {"id": "6", "a": "w", "b": "v", "c": "k", "p": "16"},  # 6-7: b's split key, a's held by 3
    {"id": "7", "a": "w", "b": "v", "c": "k", "p": "17"},
    {"id": "8", "a": "w", "b": "v", "c": "m", "p": "18"},
    {"id": "9", "a": "u"},  # 9-10: one family, and no phone on 9 that could have agreed
    {"id": "10", "a": "u", "p": "20"},
]


def _bulk(prepared: Prepared) -> list[list[int]]:
    pairs = block(prepared, RULES, max_block_size=200)
    return corroborated_pairs(prepared, pairs, RULES, 200).tolist()


def test_a_fuzzy_pair_stands_where_two_families_agree_within_their_corroboration() -> None:
    prepared = prepare_records(RECORDS, FEATURES)
    assert block(prepared, RULES, max_block_size=200).tolist() == [
        [0, 1], [2, 3], [4, 5], [6, 7], [6, 8], [7, 8], [9, 10],
    ]  # fmt: skip
    assert _bulk(prepared) == [[0, 1], [4, 5], [9, 10]]
    assert family(RULES[-1]) == "b"  # a split key repeats its coarse key, it does not second it


def test_an_index_keeps_the_pairs_bulk_blocking_keeps() -> None:
    prepared = prepare_records(RECORDS, FEATURES)
    index: dict[str, list[str]] = {}
    filed = filed_keys(prepared, RULES)
    for record, key in filed:
        index.setdefault(key, []).append(str(prepared.ids[record]))
    found = pairs_through_index(
        prepared, filed, index, keeps=found_by(RULES, 200, alone_held(prepared, RULES))
    )
    assert found.tolist() == _bulk(prepared)
