"""Independent blocks: a batch split into blocks, each pairing on its own keys, gives block by
block exactly the candidate pairs the whole batch gives, over-common keys included, and a
group of records chained by keys is shared between the blocks, not held by one."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from matching import Matcher, settings_for
from matching.blocking import Window
from matching.blocking_index import filed_keys, pairs_through_index, within_caps
from matching.blocking_keys import rule_keys
from matching.blocks import (
    BlockKeys,
    block_candidates,
    components,
    filed_hashes,
    filed_key_columns,
    prepare_for_keys,
    split,
    split_into_blocks,
    stable_hash,
    visit_order,
)
from matching.corroboration import alone_held, found_by
from mdm.domain.canonical import canonicalise
from mdm.synthetic import GeneratorConfig, generate


def customers(count: int) -> list[dict[str, object]]:
    dataset = generate(GeneratorConfig(seed=5, customers=count, resources=1, rate_lines=1))
    records: list[dict[str, object]] = []
    for extract in dataset.extracts:
        if extract.entity != "customer":
            continue
        for row in extract.rows:
            canon = canonicalise("customer", row)
            if canon.accepted:
                record_id = f"{len(records)}"
                records.append({**canon.values, "id": record_id, "source": extract.system})
    return records


def as_ids(pairs: np.ndarray, ids: np.ndarray) -> set[tuple[str, str]]:
    return {(str(ids[a]), str(ids[b])) for a, b in pairs.tolist()}


WINDOW = Window(full=3, neighbours=1, order="name_full")


@pytest.mark.parametrize("max_block_size", [200, 4])  # 4: many keys are too common to pair
@pytest.mark.parametrize("blocks", [1, 3])
@pytest.mark.parametrize("window", [None, WINDOW])
def test_blocks_give_the_batch_candidate_pairs(
    max_block_size: int, blocks: int, window: Window | None
) -> None:
    settings = replace(settings_for("customer"), max_block_size=max_block_size, window=window)
    records = customers(600)
    whole = Matcher(settings).prepare(records)
    expected = as_ids(Matcher(settings).candidate_pairs(whole), whole.ids)
    index, hashes, _ = filed_hashes(settings, prepare_for_keys(settings, records))
    parts = split_into_blocks(settings, len(records), index, hashes, blocks)
    assert len(parts) == blocks
    found: set[tuple[str, str]] = set()
    for records_of, keys in parts:
        block = Matcher(settings).prepare([records[i] for i in records_of])
        found |= as_ids(block_candidates(settings, block, keys), block.ids)
    assert found == expected
    owned = np.concatenate([BlockKeys.unpacked(keys).owns for _, keys in parts])
    assert len(owned) == len(set(owned.tolist()))  # every key pairs in one block only
    if max_block_size == 4:  # keys held by more records pair nowhere
        assert not set(hashes.tolist()) <= set(owned.tolist())


def test_an_index_finds_the_pairs_bulk_blocking_finds_each_rule_within_its_limit() -> None:
    """What an incremental run finds through the index (every record pending) is what bulk
    blocking pairs (every pair of a block: no window), keys too common for their rule out."""
    settings = replace(settings_for("customer"), window=None)
    matcher = Matcher(settings)
    whole = matcher.prepare(customers(600))
    index: dict[str, list[str]] = {}
    for record_id, key in matcher.indexed_keys(whole):
        index.setdefault(key, []).append(record_id)
    paired = within_caps(index, settings.blocking_rules, settings.max_block_size)
    assert any(len(members) > 5 for members in index.values())
    capped = {rule.name for rule in settings.blocking_rules if rule.max_block_size == 5}
    assert {"phonetic_city", "name"} <= capped
    assert all(len(v) <= 5 for k, v in paired.items() if k.partition(":")[0] in capped)
    rules = settings.blocking_rules
    keeps = found_by(rules, settings.max_block_size, alone_held(whole, rules))
    found = pairs_through_index(whole, filed_keys(whole, rules), paired, keeps=keeps)
    assert as_ids(found, whole.ids) == as_ids(matcher.candidate_pairs(whole), whole.ids)


def prolific_person() -> list[dict[str, object]]:
    """One person on more records than a name key may hold (copies: an inventor on each
    patent), namesakes of his elsewhere, and a few others."""
    copy = {"first_name": "Austin L.", "last_name": "Gurney", "location_city": "Belmont"}
    rows = [{**copy, "country": "US"} for _ in range(7)]
    rows += [{**copy, "location_city": city, "country": "US"} for city in ("Boston", "Reno")]
    rows += [
        {"first_name": first, "last_name": "Doe", "location_city": "Paris", "country": "FR"}
        for first in ("Jane", "Jane", "John")
    ]
    return [{**row, "id": str(n), "source": "hr"} for n, row in enumerate(rows)]


@pytest.mark.parametrize("blocks", [1, 3])
def test_copies_of_a_record_pair_beyond_the_limit_alike_in_every_run(blocks: int) -> None:
    """The resource preset pairs copies of one record however many hold its name: in the
    batch, block by block and through an index alike; the namesakes, on a key held by too
    many records, pair with none of them."""
    settings = replace(settings_for("resource"), max_block_size=4)
    records = prolific_person()
    matcher = Matcher(settings)
    whole = matcher.prepare(records)
    expected = as_ids(matcher.candidate_pairs(whole), whole.ids)
    copies = {(str(a), str(b)) for a, b in itertools.combinations(range(7), 2)}
    assert copies <= expected
    assert not {pair for pair in expected if {"7", "8"} & set(pair)}
    index, hashes, _ = filed_hashes(settings, prepare_for_keys(settings, records))
    found: set[tuple[str, str]] = set()
    for records_of, keys in split_into_blocks(settings, len(records), index, hashes, blocks):
        block = Matcher(settings).prepare([records[i] for i in records_of])
        found |= as_ids(block_candidates(settings, block, keys), block.ids)
    assert found == expected
    filed: dict[str, list[str]] = {}
    for record_id, key in matcher.indexed_keys(whole):
        filed.setdefault(key, []).append(record_id)
    rules = settings.blocking_rules
    paired = within_caps(filed, rules, settings.max_block_size)
    keeps = found_by(rules, settings.max_block_size, alone_held(whole, rules))
    through = pairs_through_index(whole, filed_keys(whole, rules), paired, keeps=keeps)
    assert as_ids(through, whole.ids) == expected


def test_a_chain_of_records_is_shared_between_blocks() -> None:
    """Records 0..99 chained by keys (i and i+1 share key i) make one component; two blocks
    share it, each holding about half, and each key's two records are in its block."""
    members = np.repeat(np.arange(99), 2) + np.tile([0, 1], 99)
    hashes = np.repeat(np.arange(99) * 7919, 2)
    parts = split(100, members, hashes, max_block_size=10, blocks=2)
    assert [len(records) for records, _ in parts] == [51, 50]
    for records, keys in parts:
        for key in BlockKeys.unpacked(keys).owns.tolist():
            assert set(members[hashes == key].tolist()) <= set(records.tolist())
    owned = [BlockKeys.unpacked(k).owns for _, k in parts]
    assert sorted(np.concatenate(owned).tolist()) == sorted(set(hashes.tolist()))


def test_records_come_breadth_first_from_each_component() -> None:
    left, right = np.array([4, 0, 0, 1, 5]), np.array([2, 1, 4, 3, 6])
    assert visit_order(8, left, right).tolist() == [0, 1, 4, 3, 2, 5, 6, 7]


def test_components_join_what_edges_join_and_nothing_else() -> None:
    left, right = np.array([0, 2, 5, 3]), np.array([1, 3, 6, 4])
    labels = components(8, left, right)
    assert labels.tolist() == [0, 0, 2, 2, 2, 5, 5, 7]


def test_a_key_hashes_alike_in_every_process() -> None:
    assert stable_hash("name:acme corp") == 6044951067990422725  # not Python's salted hash()
    assert stable_hash("name:acme corp") != stable_hash("phone:acme corp")


def test_filed_key_columns_give_each_record_and_key_once() -> None:
    settings = settings_for("customer")
    records = customers(200)
    prepared = Matcher(settings).prepare(records)
    filed = [
        (int(member), columns.keys[code])
        for columns in filed_key_columns(settings, prepared)
        for member, code in zip(columns.members.tolist(), columns.codes.tolist(), strict=True)
    ]
    assert len(filed) == len(set(filed))
    expected = {
        (int(member), f"{rule.name}:{key}")
        for rule in settings.blocking_rules
        for member, key in zip(*rule_keys(rule, prepared), strict=True)
    }
    assert set(filed) == expected
    assert any(
        len(columns.keys) < len(columns.members)
        for columns in filed_key_columns(settings, prepared)
    )  # a key held by more than one record is named once
