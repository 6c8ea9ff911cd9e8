"""Candidate pairs from blocking keys: the records sharing a key paired (all of them, or in a
common key's block each with its next neighbours, ``Window``), the rules' pairs OR-ed. Pair
generation is vectorised.

A window's order breaks its ties by id (``matching.id_order``), not by the place a record has
in its batch: a batch pairs the same records alike in whatever order it holds them, and an
index (``matching.index_window``), which holds a block's records in no batch's order, pairs
them as a batch does."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

import numpy as np

from matching.blocking import BlockingRule, Window
from matching.blocking_keys import rule_codes, rule_keys
from matching.feature import Prepared
from matching.id_order import id_places
from matching.sorted_sets import distinct


class Neighbours(NamedTuple):
    """What ``pairs_within_blocks`` needs of a window (``Window``): ``full`` and ``nearest``
    (its ``neighbours``), and per record of the batch its ``rank`` by the window's feature
    (``order_rank``) and its place in id order (``id_rank``), which breaks ties of rank."""

    full: int
    nearest: int
    rank: np.ndarray
    tie: np.ndarray


def order_rank(prepared: Prepared, feature: str) -> np.ndarray:
    """Each record's rank by ``feature``'s value as text: unknown 0, first; equal values share a
    rank. Only the order matters: ranks of a part of a batch order its records alike."""

    def build(batch: Prepared) -> np.ndarray:
        # the distinct texts sorted by Python (code point order, as numpy sorts them), several
        # times faster than numpy's sort of a fixed-width unicode array of every record's text
        values = ["" if v is None else str(v) for v in batch.column(feature)]
        rank = {value: n for n, value in enumerate(sorted({"", *values}))}
        return np.fromiter((rank[value] for value in values), np.int64, len(values))

    return prepared.derived(f"blocking:rank:{feature}", build)


def id_rank(prepared: Prepared) -> np.ndarray:
    """Each record's place in id order (``matching.id_order``): what breaks ties of a window's
    order, in a batch and in an index alike. Ranks of a part of a batch order its records
    alike."""
    return prepared.derived("blocking:id_order", lambda batch: id_places(batch.ids.tolist()))


def pairs_within_blocks(
    codes: np.ndarray,
    members: np.ndarray,
    max_block_size: int,
    *,
    neighbours: Neighbours | None = None,
) -> np.ndarray:
    """Pairs (i < j) of members sharing a code, for blocks of 2..max_block_size members: all
    of them, or with ``neighbours`` in a block of more than ``full`` members each member with
    the next ``nearest`` in rank order (ties by id: ``Neighbours.tie``) and with every member of
    its rank (``_tied_pairs``)."""
    if len(codes) == 0:
        return np.empty((0, 2), dtype=np.int64)
    order = np.lexsort((members, codes))
    codes, members = codes[order], members[order]
    fresh = np.ones(len(codes), dtype=bool)
    fresh[1:] = (codes[1:] != codes[:-1]) | (members[1:] != members[:-1])
    codes, members = codes[fresh], members[fresh]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    sizes = np.diff(np.r_[starts, len(codes)])
    full = max_block_size if neighbours is None else min(neighbours.full, max_block_size)
    keep = (sizes >= 2) & (sizes <= full)
    pairs = _all_pairs(members, starts, sizes, keep)
    if neighbours is not None:
        big = np.repeat((sizes > full) & (sizes <= max_block_size), sizes)
        found = _neighbour_pairs(codes[big], members[big], neighbours)
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


def _neighbour_pairs(codes: np.ndarray, members: np.ndarray, window: Neighbours) -> np.ndarray:
    """Each member with the next ``nearest`` members of its block, in rank order (ties by id),
    and with every member of its block of the same known rank (``_tied_pairs``)."""
    rank = window.rank
    order = np.lexsort((window.tie[members], rank[members], codes))
    codes, members = codes[order], members[order]
    found = [_tied_pairs(codes, members, rank[members])]
    for step in range(1, min(window.nearest, len(codes) - 1) + 1):
        left = np.flatnonzero(codes[step:] == codes[:-step])
        found.append(np.stack([members[left], members[left + step]], axis=1))
    return np.concatenate(found)


def _tied_pairs(codes: np.ndarray, members: np.ndarray, ranks: np.ndarray) -> np.ndarray:
    """Every pair of members (sorted by block, then rank) of one block holding the same known
    value of the window's feature (rank above 0). Records written alike are each other's
    nearest, however many hold the name: with only the next few in member order, the newest
    of seven records of one customer pairs with two of the six an earlier run made one
    golden record, too few of its members to join it (``matching.clustering``)."""
    if len(codes) == 0:
        return np.empty((0, 2), dtype=np.int64)
    same = np.r_[True, (codes[1:] != codes[:-1]) | (ranks[1:] != ranks[:-1])]
    starts = np.flatnonzero(same)
    sizes = np.diff(np.r_[starts, len(codes)])
    return _all_pairs(members, starts, sizes, (sizes >= 2) & (ranks[starts] > 0))


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


def neighbours_of(prepared: Prepared, window: Window | None) -> Neighbours | None:
    """What ``pairs_within_blocks`` needs of a window, for this batch."""
    if window is None:
        return None
    rank = order_rank(prepared, window.order)
    return Neighbours(window.full, window.neighbours, rank, id_rank(prepared))


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
