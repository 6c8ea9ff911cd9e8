"""Blocking through an index of the records: the keys a batch is filed under, the blocks of
the index that pair (as bulk blocking pairs them), and the candidate pairs a batch's records
make with the records filed under their keys (a lookup, an incremental run)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

import numpy as np

from matching.blocking import BlockingRule
from matching.blocking_keys import rule_keys
from matching.feature import Prepared
from matching.index_window import Partners

Member = TypeVar("Member")  # how an index names a record (its id as text, or as a number)


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
    partners: Partners | None = None,
) -> np.ndarray:
    """Candidate pairs (k, 2), i < j, distinct, sorted, of the records of ``filed`` (index,
    key) with the records ``blocks`` files under the same keys (key -> record ids). Ids not in
    ``prepared`` (records that could not be read) drop out; with ``link_only`` so do pairs
    from one source; with ``keeps``, pairs it refuses given their records and the keys that
    found them, as (rule name, records holding the key) (``matching.corroboration``); with
    ``partners``, a filed record pairs only with those of its key's records it names (a
    window: ``matching.index_window``)."""
    position = {str(record_id): n for n, record_id in enumerate(prepared.ids)}
    found: dict[tuple[int, int], set[tuple[str, int]]] = {}  # a window's too: they corroborate
    paired: set[tuple[int, int]] = set()
    for index, key in filed:
        members = list(blocks.get(key, ()))
        found_by = (key.partition(":")[0], len(members))
        read = [at for at in (position.get(other) for other in members) if at is not None]
        for at in read:
            if at != index:
                found.setdefault((min(index, at), max(index, at)), set()).add(found_by)
        for at in read if partners is None else partners(index, key, read):
            paired.add((min(index, at), max(index, at)))
    kept = sorted(
        pair for pair in paired & found.keys() if keeps is None or keeps(*pair, found[pair])
    )
    pairs = np.asarray(kept, dtype=np.int64).reshape(-1, 2)
    if link_only and len(pairs):
        pairs = pairs[prepared.sources[pairs[:, 0]] != prepared.sources[pairs[:, 1]]]
    return pairs
