"""Independent blocks: a batch split into blocks of whole components gives, block by block,
exactly the candidate pairs the whole batch gives, over-common keys included."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from matching import Matcher, settings_for
from matching.blocking import Window
from matching.blocks import (
    block_candidates,
    components,
    filed_hashes,
    prepare_for_keys,
    split_into_blocks,
    stable_hash,
)
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
def test_blocks_give_the_batch_candidate_pairs_once_each(
    max_block_size: int, blocks: int, window: Window | None
) -> None:
    settings = replace(settings_for("customer"), max_block_size=max_block_size, window=window)
    records = customers(600)
    whole = Matcher(settings).prepare(records)
    expected = as_ids(Matcher(settings).candidate_pairs(whole), whole.ids)
    index, hashes, _ = filed_hashes(settings, prepare_for_keys(settings, records))
    parts, out = split_into_blocks(settings, len(records), index, hashes, blocks)
    assert len(parts) == blocks
    if max_block_size == 4:
        assert len(out) > 0  # the case the out keys are for
    found: list[tuple[str, str]] = []
    for part in parts:
        block = Matcher(settings).prepare([records[i] for i in part])
        found.extend(as_ids(block_candidates(settings, block, out), block.ids))
    assert len(found) == len(set(found))  # no pair in two blocks
    assert set(found) == expected
    held = np.concatenate(parts)
    assert len(held) == len(set(held.tolist()))  # no record in two blocks


def test_components_join_what_edges_join_and_nothing_else() -> None:
    left, right = np.array([0, 2, 5, 3]), np.array([1, 3, 6, 4])
    labels = components(8, left, right)
    assert labels.tolist() == [0, 0, 2, 2, 2, 5, 5, 7]


def test_a_key_hashes_alike_in_every_process() -> None:
    assert stable_hash("name:acme corp") == 6044951067990422725  # not Python's salted hash()
    assert stable_hash("name:acme corp") != stable_hash("phone:acme corp")
