"""Blocking: rules that give each record keys; records sharing a key become candidate pairs.

Rules are OR-ed. A key held by more than ``max_block_size`` records is dropped: a value that
common is no evidence and would make a quadratic block. A rule may set a lower limit of its
own (a fuzzy key held by more records than one entity has is a coincidence of a common value:
dropped for that value, a finer rule standing in for it). A rule with a ``corroboration``
pairs only what another family of rules corroborates (``matching.corroboration``). Pair
generation is vectorised.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TypeVar

import numpy as np
import pandas as pd

from matching.feature import Prepared
from matching.sorted_sets import distinct

KeyFunction = Callable[[tuple[object, ...]], Iterable[str]]
Member = TypeVar("Member")  # how an index names a record (its id as text, or as a number)


@dataclass(frozen=True)
class BlockingRule:
    """Records whose ``features`` give a common key are candidates.

    Without ``keys`` the key is the features' values joined (all must be known); ``keys`` turns
    the feature values into any number of keys (e.g. one per name token). ``excludes`` names
    comparisons that judge what the rule blocks on although they read other features (a rule
    on name tokens and a comparison on the full name): training leaves them out of this rule's
    EM session. ``trains`` False keeps the rule out of training altogether: a rule on names
    gathers namesakes, whose agreement EM would mistake for matches. ``max_block_size``: a key
    of this rule held by more records does not pair (None: the entity's limit alone).
    ``corroboration``: None, the rule's pairs stand alone; else a pair only such rules give
    is a candidate where its records share keys of two families, each held by at most this
    many records, or a key of a rule standing alone (``matching.corroboration``): a fuzzy key
    shared by chance befalls ever more records as the data grows, and one held by more
    records than one entity has is a common value, no evidence. ``beyond_entity_limit``: the
    rule's own ``max_block_size`` holds even where it is above the entity's (a key only copies
    of one record share: however many copies there are, they are one value, not a common one).
    """

    name: str
    features: tuple[str, ...]
    keys: KeyFunction | None = None
    excludes: tuple[str, ...] = ()
    trains: bool = True
    max_block_size: int | None = None
    refines: Refinement | None = None
    corroboration: int | None = None
    beyond_entity_limit: bool = False

    def cap(self, max_block_size: int) -> int:
        """The most records a key of this rule may hold and pair: its own limit or the
        entity's ``max_block_size``, the lower (its own, when ``beyond_entity_limit``)."""
        own = self.max_block_size
        if own is None:
            return max_block_size
        return own if self.beyond_entity_limit else min(own, max_block_size)

    @property
    def alone(self) -> bool:
        """Whether the rule's pairs stand without another family's key."""
        return self.corroboration is None

    def evidence_cap(self, max_block_size: int) -> int:
        """The most records a key of this rule may hold and corroborate a pair."""
        cap = self.cap(max_block_size)
        return cap if self.corroboration is None else min(cap, self.corroboration)

    def keys_of(self, values: tuple[object, ...]) -> list[str]:
        if self.keys is not None:
            return [key for key in self.keys(values) if key]
        if any(value is None for value in values):
            return []
        return ["|".join(str(value) for value in values)]


@dataclass(frozen=True)
class Refinement:
    """What a split rule (``split_rule``) refines: its keys are ``coarse``'s keys with
    ``part`` of its last feature appended, so a batch makes them from the coarse keys it
    already holds instead of deriving them again record by record (the same keys)."""

    coarse: BlockingRule
    part: Callable[[object], str]


def split_rule(
    rule: BlockingRule, by: str, part: Callable[[object], str], full: int
) -> tuple[BlockingRule, BlockingRule]:
    """``rule`` split where its keys are common: the rule pairing only on keys held by at
    most ``full`` records, and a finer rule (``rule.name`` + ``/`` + ``by``, not trained on)
    whose keys are the rule's keys with ``part`` of the feature ``by`` appended. Records
    sharing a finer key share the coarse one, so where a key is held by ``full`` records or
    fewer the finer rule pairs nothing new; where it is held by more, the finer keys pair its
    records in smaller blocks instead (a finer key still common pairs as the entity's limit
    and window say). Which keys are common is read from the records being matched, in each
    run alike (bulk, blocks, index), as the entity's ``max_block_size`` is. The finer rule
    needs ``rule``'s ``corroboration`` (one family: ``matching.corroboration``)."""

    def finer(values: tuple[object, ...]) -> list[str]:
        extra = part(values[-1])
        return [f"{key}#{extra}" for key in rule.keys_of(values[:-1])]

    capped = replace(rule, max_block_size=full)
    split = BlockingRule(
        f"{rule.name}/{by}", (*rule.features, by), finer, rule.excludes, trains=False,
        refines=Refinement(capped, part), corroboration=rule.corroboration,
    )  # fmt: skip
    return capped, split


def rule_keys(rule: BlockingRule, prepared: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """(record index, key) for every key the rule gives in the batch (computed once a batch)."""
    members = prepared.derived(f"blocking:{rule.name}:members", lambda p: _compute_keys(rule, p)[0])
    return members, prepared.derived(
        f"blocking:{rule.name}:keys", lambda p: _compute_keys(rule, p)[1]
    )


def _compute_keys(rule: BlockingRule, prepared: Prepared) -> tuple[np.ndarray, np.ndarray]:
    cached = prepared.derived(f"blocking:{rule.name}:pairs", lambda p: _key_table(rule, p))
    return cached[0], cached[1]


def _key_table(rule: BlockingRule, prepared: Prepared) -> np.ndarray:
    members, keys = _raw_rule_keys(rule, prepared)
    table = np.empty(2, dtype=object)
    table[0], table[1] = members, keys
    return table


def _raw_rule_keys(rule: BlockingRule, prepared: Prepared) -> tuple[np.ndarray, np.ndarray]:
    if rule.refines is not None:
        return _refined_keys(rule.refines, rule.features[-1], prepared)
    columns = [prepared.column(feature) for feature in rule.features]
    members: list[int] = []
    keys: list[str] = []
    for index, values in enumerate(zip(*columns, strict=True)):
        for key in rule.keys_of(tuple(values)):
            members.append(index)
            keys.append(key)
    return np.asarray(members, dtype=np.int64), np.asarray(keys, dtype=object)


def _refined_keys(
    refines: Refinement, by: str, prepared: Prepared
) -> tuple[np.ndarray, np.ndarray]:
    """A split rule's (record index, key): each coarse key with ``#`` and the part of ``by``
    of its record appended, as ``split_rule``'s ``finer`` gives them."""
    members, keys = rule_keys(refines.coarse, prepared)
    holders = distinct(members)
    parts = np.empty(len(prepared), dtype=object)
    parts[holders] = [f"#{refines.part(value)}" for value in prepared.column(by)[holders].tolist()]
    return members, keys + parts[members]


def forget_key_texts(prepared: Prepared) -> None:
    """Let go of the batch's blocking keys as text, a string per record and key (the largest
    thing blocking keeps; the scale section's peak memory shows the whole), once they are
    filed; the pairs, key codes and members they gave stay (training reads the rules' pairs
    again)."""
    prepared.forget(lambda key: key.startswith("blocking:") and key.endswith((":keys", ":pairs")))


def rule_codes(rule: BlockingRule, prepared: Prepared) -> np.ndarray:
    """``key_codes`` of the rule's keys in the batch (``rule_keys``), computed once a batch:
    pairing and filing the keys both read them."""
    return prepared.derived(
        f"blocking:{rule.name}:codes", lambda p: key_codes(rule_keys(rule, p)[1])
    )


def key_codes(keys: np.ndarray) -> np.ndarray:
    """An integer code per key, equal keys equal codes, in the order each first comes
    (pandas' hashing: no sort of strings, nor a Python dict look-up per key)."""
    return pd.factorize(keys, sort=False)[0].astype(np.int64, copy=False)


@dataclass(frozen=True)
class Window:
    """How a common key pairs its records: a block of more than ``full`` records (and at most
    the maximum block size) pairs each record with its ``neighbours`` next records in the
    order of the feature ``order`` (a sorted neighbourhood inside the block), not with all of
    them. A key shared by many records then adds a bounded number of candidates per record,
    however many records share it, so candidates per record stay flat as the data grows."""

    full: int
    neighbours: int
    order: str


def order_rank(prepared: Prepared, feature: str) -> np.ndarray:
    """Each record's rank by ``feature``'s value as text (unknown first); equal values share a
    rank. Only the order matters: ranks of a part of a batch order its records alike."""

    def build(batch: Prepared) -> np.ndarray:
        # the distinct texts sorted by Python (code point order, as numpy sorts them), several
        # times faster than numpy's sort of a fixed-width unicode array of every record's text
        values = ["" if v is None else str(v) for v in batch.column(feature)]
        rank = {value: n for n, value in enumerate(sorted(set(values)))}
        return np.fromiter((rank[value] for value in values), np.int64, len(values))

    return prepared.derived(f"blocking:rank:{feature}", build)


def pairs_within_blocks(
    codes: np.ndarray,
    members: np.ndarray,
    max_block_size: int,
    *,
    neighbours: tuple[int, int, np.ndarray] | None = None,
) -> np.ndarray:
    """Pairs (i < j) of members sharing a code, for blocks of 2..max_block_size members: all
    of them, or with ``neighbours`` (full, count, rank per member) in a block of more than
    ``full`` members each member with the next ``count`` in rank order (ties by member)."""
    if len(codes) == 0:
        return np.empty((0, 2), dtype=np.int64)
    order = np.lexsort((members, codes))
    codes, members = codes[order], members[order]
    fresh = np.ones(len(codes), dtype=bool)
    fresh[1:] = (codes[1:] != codes[:-1]) | (members[1:] != members[:-1])
    codes, members = codes[fresh], members[fresh]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    sizes = np.diff(np.r_[starts, len(codes)])
    full = max_block_size if neighbours is None else min(neighbours[0], max_block_size)
    keep = (sizes >= 2) & (sizes <= full)
    pairs = _all_pairs(members, starts, sizes, keep)
    if neighbours is not None:
        big = np.repeat((sizes > full) & (sizes <= max_block_size), sizes)
        found = _neighbour_pairs(codes[big], members[big], neighbours[2], neighbours[1])
        pairs = np.concatenate([pairs, found])
    return np.sort(pairs, axis=1)


def _all_pairs(
    members: np.ndarray, starts: np.ndarray, sizes: np.ndarray, keep: np.ndarray
) -> np.ndarray:
    ends = np.repeat(starts + sizes, sizes)[np.repeat(keep, sizes)]
    positions = np.flatnonzero(np.repeat(keep, sizes))
    counts = ends - positions - 1
    total = int(counts.sum())
    left = np.repeat(positions, counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    right = left + 1 + offsets
    return np.stack([members[left], members[right]], axis=1)


def _neighbour_pairs(
    codes: np.ndarray, members: np.ndarray, rank: np.ndarray, count: int
) -> np.ndarray:
    """Each member with the next ``count`` members of its block, in rank order."""
    order = np.lexsort((members, rank[members], codes))
    codes, members = codes[order], members[order]
    found = [np.empty((0, 2), dtype=np.int64)]
    for step in range(1, min(count, len(codes) - 1) + 1):
        left = np.flatnonzero(codes[step:] == codes[:-step])
        found.append(np.stack([members[left], members[left + step]], axis=1))
    return np.concatenate(found)


def rule_pairs(
    rule: BlockingRule, prepared: Prepared, max_block_size: int, window: Window | None = None
) -> np.ndarray:
    """The pairs one rule gives (i < j, possibly repeated)."""
    return pairs_within_blocks(
        rule_codes(rule, prepared),
        rule_keys(rule, prepared)[0],
        rule.cap(max_block_size),
        neighbours=neighbours_of(prepared, window),
    )


def neighbours_of(prepared: Prepared, window: Window | None) -> tuple[int, int, np.ndarray] | None:
    """What ``pairs_within_blocks`` needs of a window, for this batch."""
    if window is None:
        return None
    return window.full, window.neighbours, order_rank(prepared, window.order)


def _cached_rule_pairs(
    rule: BlockingRule, max_block_size: int, window: Window | None, prepared: Prepared
) -> np.ndarray:
    return rule_pairs(rule, prepared, max_block_size, window)


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Distinct pairs (i < j), sorted by (i, j)."""
    if len(pairs) == 0:
        return np.empty((0, 2), dtype=np.int64)
    codes = distinct(pairs[:, 0].astype(np.int64) * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def block(
    prepared: Prepared,
    rules: Sequence[BlockingRule],
    max_block_size: int,
    *,
    link_only: bool = False,
    window: Window | None = None,
) -> np.ndarray:
    """Candidate pairs (k, 2) of record indices, i < j, distinct, from all rules OR-ed."""
    found = [
        prepared.derived(
            f"pairs:{rule.name}:{hash(rule)}:{max_block_size}:{window}",
            partial(_cached_rule_pairs, rule, max_block_size, window),
        )
        for rule in rules
    ]
    return joined_pairs(found, prepared, link_only=link_only)


def joined_pairs(
    found: Sequence[np.ndarray], prepared: Prepared, *, link_only: bool = False
) -> np.ndarray:
    """The rules' pairs OR-ed: each pair once, i < j; across sources only when ``link_only``."""
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = unique_pairs(np.concatenate(found), len(prepared))
    if link_only:
        sources = prepared.sources
        pairs = pairs[sources[pairs[:, 0]] != sources[pairs[:, 1]]]
    return pairs


def filed_keys(prepared: Prepared, rules: Sequence[BlockingRule]) -> list[tuple[int, str]]:
    """(record index, key) for every key the rules give in the batch, the rule's name before
    the key (``surname:smith``), each once: how an index of the records files them. By
    record, in the order of the rules."""
    if len(prepared) == 1:  # a lookup's probe, an incremental run of one record
        return [(0, key) for key in _filed_keys_of_one(prepared, rules)]
    found: dict[tuple[int, str], None] = {}
    for rule in rules:
        members, keys = rule_keys(rule, prepared)
        found.update(
            dict.fromkeys(
                (member, f"{rule.name}:{key}")
                for member, key in zip(members.tolist(), keys.tolist(), strict=True)
            )
        )
    return sorted(found, key=lambda filed: filed[0])


def _filed_keys_of_one(prepared: Prepared, rules: Sequence[BlockingRule]) -> list[str]:
    """``filed_keys`` of a batch of one record, its keys made one by one as ``rule_keys``
    makes them (a split rule's from its coarse rule's keys), without the batch's per-rule
    arrays and caches: for one record those cost several times the keys themselves."""
    made: dict[str, list[str]] = {}
    found: dict[str, None] = {}
    for rule in rules:
        found.update(
            dict.fromkeys(f"{rule.name}:{key}" for key in _keys_of_one(rule, prepared, made))
        )
    return list(found)


def _keys_of_one(rule: BlockingRule, prepared: Prepared, made: dict[str, list[str]]) -> list[str]:
    """The keys ``rule`` gives the batch's one record (``made``: those given so far, by rule)."""
    if rule.name in made:
        return made[rule.name]
    refines = rule.refines
    if refines is None:
        keys = rule.keys_of(tuple(prepared.column(feature)[0] for feature in rule.features))
    else:
        coarse = _keys_of_one(refines.coarse, prepared, made)
        extra = f"#{refines.part(prepared.column(rule.features[-1])[0])}" if coarse else ""
        keys = [key + extra for key in coarse]
    made[rule.name] = keys
    return keys


def within_caps(
    blocks: Mapping[str, Iterable[Member]], rules: Sequence[BlockingRule], max_block_size: int
) -> dict[str, list[Member]]:
    """The blocks (``rule:key`` -> record ids) that pair: those held by no more records than
    their rule's ``cap``, as bulk blocking pairs them."""
    caps = {rule.name: rule.cap(max_block_size) for rule in rules}
    found = ((key, list(members)) for key, members in blocks.items())
    return {
        key: members
        for key, members in found
        if len(members) <= caps.get(key.partition(":")[0], max_block_size)
    }


def pairs_through_index(
    prepared: Prepared,
    filed: Iterable[tuple[int, str]],
    blocks: Mapping[str, Iterable[str]],
    *,
    link_only: bool = False,
    keeps: Callable[[int, int, set[tuple[str, int]]], bool] | None = None,
) -> np.ndarray:
    """Candidate pairs (k, 2), i < j, distinct, sorted, of the records of ``filed`` (index,
    key) with the records ``blocks`` files under the same keys (key -> record ids). Ids not in
    ``prepared`` (records that could not be read) drop out; with ``link_only`` so do pairs
    from one source; with ``keeps``, pairs it refuses given their records and the keys that
    found them, as (rule name, records holding the key) (``matching.corroboration``)."""
    position = {str(record_id): n for n, record_id in enumerate(prepared.ids)}
    found: dict[tuple[int, int], set[tuple[str, int]]] = {}
    for index, key in filed:
        members = list(blocks.get(key, ()))
        found_by = (key.partition(":")[0], len(members))
        for other in members:
            at = position.get(other)
            if at is not None and at != index:
                found.setdefault((min(index, at), max(index, at)), set()).add(found_by)
    kept = sorted(pair for pair, keys in found.items() if keeps is None or keeps(*pair, keys))
    pairs = np.asarray(kept, dtype=np.int64).reshape(-1, 2)
    if link_only and len(pairs):
        pairs = pairs[prepared.sources[pairs[:, 0]] != prepared.sources[pairs[:, 1]]]
    return pairs
