"""Independent blocks of a batch: records split so that each part can be matched on its own
(by another process, on another machine), the parts together giving exactly the candidate
pairs the whole batch gives.

Blocking keys are named by a stable 64-bit hash of ``rule:key`` (the same in every process,
unlike Python's ``hash``). A key held by at least two and at most ``max_block_size`` records
(or a rule's own limit above it) makes candidates; a key held by more is too common to pair
on. Every key that pairs belongs to
one block, which holds all of its records and pairs on its keys only, so a key's pairs (a
sorted neighbourhood's too) are the ones the batch makes. The records are split, not the
components of records sharing keys: in a large batch keys chain most records into one
component, and blocks of whole components could not share the work. Records are ordered
breadth first over the keys' chains (records sharing a key come close in that order), cut into
ranges, and a key belongs to the range of its first record: a block holds its range's records
and the few records of its keys beyond it. A pair that keys of two blocks both make is found
by both (the same pair, scored alike); whoever joins the blocks keeps it once. A rule's own
lower limit (``BlockingRule.cap``) is applied where a block pairs: a block holds every record
of its keys, so it counts a key's records as the batch does. A pair only fuzzy rules give
stands where the records share a pairing key of another family (``matching.corroboration``):
a block is told every pairing key its records hold and how many records hold it in the
batch (``BlockKeys``), so it keeps the pairs the batch keeps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from matching.blocking import BlockingRule, Window
from matching.blocking_keys import rule_codes, rule_keys
from matching.blocking_pairs import joined_pairs, neighbours_of, pairs_within_blocks
from matching.corroboration import standing
from matching.feature import Feature, Prepared, prepare_records
from matching.record import Record
from matching.settings import EntitySettings
from matching.sorted_sets import distinct


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


def pairing_keys(
    members: np.ndarray, hashes: np.ndarray, max_block_size: int
) -> tuple[np.ndarray, np.ndarray]:
    """(record, key hash) of every key that pairs (2..``max_block_size`` records), each once,
    in order of hash then record."""
    if len(hashes) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    held = np.unique(np.stack([hashes, members], axis=1), axis=0)
    _, sizes = np.unique(held[:, 0], return_counts=True)
    pairing = np.repeat((sizes >= 2) & (sizes <= max_block_size), sizes)
    return held[pairing, 1], held[pairing, 0]


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


def visit_order(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The records ``0..n-1`` in breadth-first order over the edges left-right, component
    by component, each from its smallest record: records an edge joins come close."""
    labels = components(n, left, right)
    tail, head = np.concatenate([left, right]), np.concatenate([right, left])
    by_tail = np.argsort(tail, kind="stable")
    tail, head = tail[by_tail], head[by_tail]
    nodes = np.arange(n)
    first, last = np.searchsorted(tail, nodes), np.searchsorted(tail, nodes, side="right")
    depth = np.full(n, -1, dtype=np.int64)
    rank = np.zeros(n, dtype=np.int64)  # order within its depth
    frontier = np.flatnonzero(labels == nodes)
    depth[frontier], rank[frontier] = 0, np.arange(len(frontier))
    level = 0
    while len(frontier):
        counts = last[frontier] - first[frontier]
        starts = np.repeat(first[frontier] - (np.cumsum(counts) - counts), counts)
        reached = head[starts + np.arange(int(counts.sum()))]
        reached = reached[depth[reached] < 0]
        distinct, seen_at = np.unique(reached, return_index=True)
        frontier = distinct[np.argsort(seen_at, kind="stable")]  # in the order reached
        level += 1
        depth[frontier], rank[frontier] = level, np.arange(len(frontier))
    return np.lexsort((rank, depth, labels))


@dataclass(frozen=True)
class BlockKeys:
    """What a block pairs on: the hashes of the keys it ``owns`` (it holds every record of
    each and pairs on them), and of every key its records hold that pairs, each with the
    records holding it in the batch (``known``, ``sizes``, by hash): what corroborates a pair
    (``matching.corroboration``) though the block holds only some of the key's records. As
    one int64 array (``packed``) to be kept and handed out."""

    owns: np.ndarray
    known: np.ndarray
    sizes: np.ndarray

    def packed(self) -> np.ndarray:
        head = np.asarray([len(self.owns), len(self.known)], dtype=np.int64)
        return np.concatenate([head, self.owns, self.known, self.sizes]).astype(np.int64)

    @classmethod
    def unpacked(cls, packed: np.ndarray) -> BlockKeys:
        owns, known = int(packed[0]), int(packed[1])
        rest = packed[2:]
        return cls(rest[:owns], rest[owns : owns + known], rest[owns + known :])

    def held_within(self, hashes: np.ndarray, cap: int) -> np.ndarray:
        """Whether each of ``hashes`` names a key that pairs held by at most ``cap`` records."""
        if len(self.known) == 0:
            return np.zeros(len(hashes), dtype=bool)
        at = np.minimum(np.searchsorted(self.known, hashes), len(self.known) - 1)
        return (self.known[at] == hashes) & (self.sizes[at] <= cap)


def split(
    n: int,
    members: np.ndarray,
    hashes: np.ndarray,
    max_block_size: int,
    blocks: int,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Up to ``blocks`` parts, each (record indices, ``BlockKeys.packed``): every key that
    pairs owned by exactly one part, with all its records; records pairing with none are
    left out (they have no candidates)."""
    held, keyed = pairing_keys(members, hashes, max_block_size)
    if len(keyed) == 0:
        return []
    starts = np.flatnonzero(np.r_[True, keyed[1:] != keyed[:-1]])
    chained = np.r_[keyed[1:] == keyed[:-1], False]  # each record to the next of its key
    order = visit_order(n, held[chained], held[np.flatnonzero(chained) + 1])
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    paired = distinct(held)
    ranked = paired[np.argsort(position[paired], kind="stable")]
    parts = max(1, min(blocks, len(ranked)))
    range_of = np.empty(n, dtype=np.int64)
    range_of[ranked] = np.arange(len(ranked)) * parts // len(ranked)
    first_of_key = order[np.minimum.reduceat(position[held], starts)]
    owner = range_of[first_of_key]
    holder = np.repeat(owner, np.diff(np.r_[starts, len(keyed)]))
    sizes = np.diff(np.r_[starts, len(keyed)])
    found = []
    for part in range(parts):
        records = distinct(held[holder == part])
        if len(records):
            known = distinct(keyed[np.isin(held, records)])  # sorted, as ``keyed`` is
            sized = sizes[np.searchsorted(keyed[starts], known)]
            found.append((records, BlockKeys(keyed[starts[owner == part]], known, sized).packed()))
    return found


def block_pairs(
    prepared: Prepared,
    rules: Sequence[BlockingRule],
    max_block_size: int,
    pairing: np.ndarray,
    *,
    link_only: bool = False,
    window: Window | None = None,
) -> np.ndarray:
    """Candidate pairs (i < j, distinct, sorted) of a block, as the whole batch pairs them on
    the keys the block owns (``pairing``: ``BlockKeys.packed``), which it holds every record
    of; its records' other keys only corroborate (``matching.corroboration``). A window
    orders a key's records alike in the block and in the batch."""
    neighbours = neighbours_of(prepared, window)
    keys_of = BlockKeys.unpacked(pairing)
    found, known = [], {}
    for rule in rules:
        members, keys = rule_keys(rule, prepared)
        hashes = np.fromiter(
            (stable_hash(f"{rule.name}:{key}") for key in keys.tolist()),
            dtype=np.int64,
            count=len(keys),
        )
        kept = np.isin(hashes, keys_of.owns)
        cap = rule.cap(max_block_size)
        found.append(pairs_within_blocks(hashes[kept], members[kept], cap, neighbours=neighbours))
        known[rule.name] = keys_of.held_within(hashes, rule.evidence_cap(max_block_size))
    pairs = joined_pairs(found, prepared, link_only=link_only)
    return pairs[standing(prepared, pairs, rules, known)]


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
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(record indices, key hashes to pair on) per block of a batch of ``n`` records filed so."""
    return split(n, index, hashes, settings.pairing_limit, blocks)


def block_candidates(settings: EntitySettings, prepared: Prepared, keys: np.ndarray) -> np.ndarray:
    """The candidate pairs a block makes on its ``keys``, as the whole batch makes them."""
    rules, size = settings.blocking_rules, settings.max_block_size
    return block_pairs(
        prepared, rules, size, keys, link_only=settings.link_only, window=settings.window
    )


@dataclass(frozen=True)
class FiledKeys:
    """One rule's keys of a batch as columns: ``keys`` (``rule:key``, each once) and, for each
    (record, key) the record is filed under, once, the record's index and the key's place in
    ``keys``."""

    keys: list[str]
    members: np.ndarray
    codes: np.ndarray


def filed_key_columns(settings: EntitySettings, prepared: Prepared) -> Iterator[FiledKeys]:
    """Rule by rule, every key a record of the batch is filed under (``filed_keys`` as
    columns: a large batch's keys without a Python tuple and string per record and key)."""
    for rule in settings.blocking_rules:
        members, keys = rule_keys(rule, prepared)
        if not len(keys):
            continue
        codes = rule_codes(rule, prepared)
        count = int(codes.max()) + 1
        held = distinct(members * count + codes)  # each (record, key) once
        texts = np.empty(count, dtype=object)
        texts[codes] = keys
        named = [f"{rule.name}:{key}" for key in texts.tolist()]
        yield FiledKeys(named, held // count, held % count)
