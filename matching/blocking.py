"""Blocking: rules that give each record keys; records sharing a key become candidate pairs.

Rules are OR-ed. A key held by more than ``max_block_size`` records is dropped: a value that
common is no evidence and would make a quadratic block. A rule may set a lower limit of its
own (a fuzzy key held by more records than one entity has is a coincidence of a common value:
dropped for that value, a finer rule standing in for it). A rule with a ``corroboration``
pairs only what another family of rules corroborates (``matching.corroboration``).

This module holds what an entity's settings say of blocking: its rules and its window. The
keys a batch's records are given are made in ``matching.blocking_keys``, the pairs they give
(vectorised) in ``matching.blocking_pairs``, and an index of records files them and finds
their pairs through ``matching.blocking_index``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

KeyFunction = Callable[[tuple[object, ...]], Iterable[str]]


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
    ``scores_only``: the rule's pairs are scored but never trained on: the model is fitted on
    the pairs the other rules propose, as if this rule were not there (a coarse key pairs
    namesakes the prior's and the sources' fits would read as the batch's make-up).
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
    scores_only: bool = False

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


@dataclass(frozen=True)
class Window:
    """How a common key pairs its records: a block of more than ``full`` records (and at most
    the maximum block size) pairs each record with its ``neighbours`` next records in the
    order of the feature ``order`` (a sorted neighbourhood inside the block; records of one
    value in the order of their ids, ``matching.id_order``), not with all of them. A key
    shared by many records then adds a bounded number of candidates per record, however many
    records share it, so candidates per record stay flat as the data grows."""

    full: int
    neighbours: int
    order: str
