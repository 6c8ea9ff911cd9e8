"""Independent blocks of a batch: records split so that each part can be matched on its own
(by another process, on another machine) and give exactly the candidate pairs the whole batch
gives among its records.

Blocking keys are named by a stable 64-bit hash of ``rule:key`` (the same in every process,
unlike Python's ``hash``). A key held by at least two and at most ``max_block_size`` records
makes candidates; such a key's records are joined into one component, so a block made of whole
components holds every record of every key that pairs its records. A key held by more records
than that is *out*: no block may pair on it, although a block may hold fewer of its records
than the batch does, so the out keys travel with the blocks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

import numpy as np

from matching.blocking import (
    BlockingRule,
    Window,
    joined_pairs,
    key_codes,
    neighbours_of,
    pairs_within_blocks,
    rule_keys,
)
from matching.feature import Feature, Prepared, prepare_records
from matching.record import Record
from matching.settings import EntitySettings


def stable_hash(text: str) -> int:
    """A signed 64-bit hash of ``text``, the same in every process and on every machine."""
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True
    )


def blocking_features(features: Sequence[Feature], rules: Sequence[BlockingRule]) -> list[Feature]:
    """The features the rules read: all a batch needs to be given its keys."""
    wanted = {name for rule in rules for name in rule.features}
    return [feature for feature in features if feature.name in wanted]


def hashed_keys(
    prepared: Prepared, rules: Sequence[BlockingRule]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(record index, key hash, ``rule:key``) for every key the rules give the batch."""
    members: list[np.ndarray] = []
    named: list[str] = []
    for rule in rules:
        held, keys = rule_keys(rule, prepared)
        members.append(held)
        named.extend(f"{rule.name}:{key}" for key in keys.tolist())
    hashes = np.fromiter((stable_hash(key) for key in named), dtype=np.int64, count=len(named))
    index = np.concatenate(members) if members else np.empty(0, dtype=np.int64)
    return index.astype(np.int64), hashes, named


def key_sizes(members: np.ndarray, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct key hashes, how many distinct records hold each)."""
    if len(hashes) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    held = np.unique(np.stack([hashes, members], axis=1), axis=0)
    return np.unique(held[:, 0], return_counts=True)


def out_keys(members: np.ndarray, hashes: np.ndarray, max_block_size: int) -> np.ndarray:
    """The key hashes too common to pair on (held by more than ``max_block_size`` records)."""
    keys, sizes = key_sizes(members, hashes)
    return keys[sizes > max_block_size]


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """A component label per record (its smallest member) of the graph of edges left-right."""
    parent = np.arange(n, dtype=np.int64)
    while True:
        a, b = parent[left], parent[right]
        low, high = np.minimum(a, b), np.maximum(a, b)
        joined = low != high
        if not joined.any():
            return parent
        np.minimum.at(parent, high[joined], low[joined])
        while True:  # every record points straight at its root again
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def key_edges(
    members: np.ndarray, hashes: np.ndarray, max_block_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Edges chaining the records of every key that pairs (2..max_block_size records)."""
    if len(hashes) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    order = np.lexsort((members, hashes))
    hashes, members = hashes[order], members[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, len(hashes)])
    distinct = np.add.reduceat(
        np.r_[True, (hashes[1:] != hashes[:-1]) | (members[1:] != members[:-1])], starts
    )
    pairing = np.repeat(distinct <= max_block_size, sizes)
    same_key = np.r_[hashes[1:] == hashes[:-1], False]
    chain = np.flatnonzero(same_key & pairing)
    return members[chain], members[chain + 1]


def split(
    n: int,
    members: np.ndarray,
    hashes: np.ndarray,
    max_block_size: int,
    blocks: int,
) -> list[np.ndarray]:
    """Record indices in up to ``blocks`` parts made of whole components, balanced by size
    (largest component first, into the smallest part); records pairing with none are left
    out (they have no candidates)."""
    left, right = key_edges(members, hashes, max_block_size)
    labels = components(n, left, right)
    paired = np.zeros(n, dtype=bool)
    paired[left] = paired[right] = True
    found, sizes = np.unique(labels[paired], return_counts=True)
    loads = [0] * max(blocks, 1)
    part_of: dict[int, int] = {}
    for position in np.argsort(-sizes, kind="stable"):
        part = loads.index(min(loads))
        part_of[int(found[position])] = part
        loads[part] += int(sizes[position])
    assignment = np.full(n, -1, dtype=np.int64)
    where = np.flatnonzero(paired)
    assignment[where] = [part_of[int(label)] for label in labels[where]]
    return [np.flatnonzero(assignment == part) for part in range(len(loads)) if loads[part]]


def block_pairs(
    prepared: Prepared,
    rules: Sequence[BlockingRule],
    max_block_size: int,
    out: np.ndarray,
    *,
    link_only: bool = False,
    window: Window | None = None,
) -> np.ndarray:
    """Candidate pairs (i < j, distinct, sorted) of a block, as the whole batch pairs them:
    keys in ``out`` are left out whatever their size in the block. A window orders a key's
    records alike in the block and in the batch (they are all in the block)."""
    neighbours = neighbours_of(prepared, window)
    found = []
    for rule in rules:
        members, keys = rule_keys(rule, prepared)
        hashes = np.fromiter(
            (stable_hash(f"{rule.name}:{key}") for key in keys.tolist()),
            dtype=np.int64,
            count=len(keys),
        )
        kept = ~np.isin(hashes, out)
        found.append(
            pairs_within_blocks(hashes[kept], members[kept], max_block_size, neighbours=neighbours)
        )
    return joined_pairs(found, prepared, link_only=link_only)


# The same, for an entity's settings (what the hub calls through ``matching``).


def prepare_for_keys(settings: EntitySettings, records: Sequence[Record]) -> Prepared:
    """The records with only the features their keys are made of."""
    return prepare_records(records, blocking_features(settings.features, settings.blocking_rules))


def filed_hashes(
    settings: EntitySettings, prepared: Prepared
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(record index, key hash, ``rule:key``) of every key the batch is filed under."""
    return hashed_keys(prepared, settings.blocking_rules)


def split_into_blocks(
    settings: EntitySettings, n: int, index: np.ndarray, hashes: np.ndarray, blocks: int
) -> tuple[list[np.ndarray], np.ndarray]:
    """(record indices per block, the out keys) of a batch of ``n`` records filed so."""
    size = settings.max_block_size
    return split(n, index, hashes, size, blocks), out_keys(index, hashes, size)


def block_candidates(settings: EntitySettings, prepared: Prepared, out: np.ndarray) -> np.ndarray:
    """The candidate pairs of a block of whole components, as in the whole batch."""
    rules, size = settings.blocking_rules, settings.max_block_size
    return block_pairs(
        prepared, rules, size, out, link_only=settings.link_only, window=settings.window
    )


def each_filed_key(settings: EntitySettings, prepared: Prepared) -> Iterator[tuple[int, str]]:
    """(record index, ``rule:key``) of every key a record of the batch is filed under, each
    once, rule by rule: ``filed_keys`` without holding every key of a large batch at once."""
    for rule in settings.blocking_rules:
        members, keys = rule_keys(rule, prepared)
        if not len(keys):
            continue
        codes = key_codes(keys)
        order = np.lexsort((codes, members))
        fresh = np.ones(len(order), dtype=bool)
        fresh[1:] = (members[order][1:] != members[order][:-1]) | (
            codes[order][1:] != codes[order][:-1]
        )
        for at in order[fresh].tolist():
            yield int(members[at]), f"{rule.name}:{keys[at]}"
