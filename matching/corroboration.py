"""Corroboration: a pair that only rules with a ``corroboration`` give (a name's sound in a
city, a street and an initial) is a candidate only where its two records also share keys of
two families of rules, each held by no more records than its rule's ``evidence_cap`` (for
such a rule its ``corroboration``: a fuzzy key held by more records than one entity has is a
common value), or a key that pairs of a rule standing alone (an identifier, a domain, a
phone). Where the two records hold no key of one same rule standing alone (a record thinned to
a name and a town, or one with a phone and the other with a domain), nothing could have
corroborated the pair: it stands.

A fuzzy key shared by chance pairs a record with more records the more records there are (at
a fixed size limit, ever more keys reach two to five holders); two such chances seldom meet,
while the records of one customer share many keys. So the candidates per record stay nearly
flat as the data grows. A family is a rule with the rule splitting it (``split_rule``): a
finer key repeats its coarse key, it does not corroborate it.

Every way of pairing asks the same question: a bulk batch of its keys' holders, a block of
the keys the split found pairing (``matching.blocks``), an index of its blocks
(``pairs_through_index``), a lookup in SQL (``mdm.repositories.candidates``). A window
(``Window``) thins a common key's pairs in a batch and in an index (``matching.index_window``)
but not what corroborates them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from matching.blocking import BlockingRule
from matching.blocking_keys import rule_codes, rule_keys
from matching.feature import Prepared
from matching.sorted_sets import distinct


def family(rule: BlockingRule) -> str:
    """The rule's family: the rule it splits (``BlockingRule.refines``), else itself."""
    return rule.refines.coarse.name if rule.refines is not None else rule.name


def corroborated_families(rules: Sequence[BlockingRule]) -> list[str]:
    """The families whose pairs need corroborating (none: every pair stands)."""
    return list(dict.fromkeys(family(rule) for rule in rules if not rule.alone))


def found_by(
    rules: Sequence[BlockingRule], max_block_size: int, held: np.ndarray
) -> Callable[[int, int, set[tuple[str, int]]], bool]:
    """Whether a pair of records stands, given the keys (rule name, records holding it) that
    pair them in an index (``pairs_through_index``'s ``keeps``) and what each record holds
    of the rules standing alone (``alone_held``)."""
    named = {rule.name: rule for rule in rules}
    needing = set(corroborated_families(rules))

    def keeps(left: int, right: int, keys: set[tuple[str, int]]) -> bool:
        if not held[left] & held[right]:
            return True
        families = {
            family(named[name])
            for name, size in keys
            if size <= named[name].evidence_cap(max_block_size)
        }
        return len(families) >= 2 or bool(families - needing)

    return keeps


def standing(
    prepared: Prepared,
    pairs: np.ndarray,
    rules: Sequence[BlockingRule],
    evidence: Mapping[str, np.ndarray],
) -> np.ndarray:
    """Which of ``pairs`` (record indices of ``prepared``) stand, ``evidence`` giving for
    each rule (by name) whether each of its keys in the batch (``rule_keys``) is held by no
    more records than the rule's ``evidence_cap``."""
    needing = corroborated_families(rules)
    if not needing or len(pairs) == 0:
        return np.ones(len(pairs), dtype=bool)
    held = alone_held(prepared, rules)
    stands = (held[pairs[:, 0]] & held[pairs[:, 1]]) == 0  # nothing could corroborate them
    once = np.zeros(len(pairs), dtype=bool)  # sharing one family's evidence so far
    open_ = np.flatnonzero(~stands)  # the pairs not known to stand yet
    families = dict.fromkeys(family(rule) for rule in rules)
    for name in sorted(families, key=lambda name: name in needing):  # those standing alone first
        held = _family_keys(prepared, [rule for rule in rules if family(rule) == name], evidence)
        shared = open_[_sharing(held, pairs[open_, 0], pairs[open_, 1], len(prepared))]
        stands[shared[once[shared]] if name in needing else shared] = True
        once[shared] = True
        open_ = open_[~stands[open_]]
    return stands


def alone_held(prepared: Prepared, rules: Sequence[BlockingRule]) -> np.ndarray:
    """For each record, the rules standing alone it holds a key of (any), as bits."""
    held = np.zeros(len(prepared), dtype=np.int64)
    for bit, rule in enumerate(rule for rule in rules if rule.alone):
        held[rule_keys(rule, prepared)[0]] |= 1 << bit
    return held


def evidence_in_batch(
    prepared: Prepared, rules: Sequence[BlockingRule], max_block_size: int
) -> dict[str, np.ndarray]:
    """For each rule, whether each of its keys in the batch is held by no more records of
    the batch than the rule's ``evidence_cap`` (the whole batch: a bulk run)."""
    found = {}
    for rule in rules:
        codes, members = rule_codes(rule, prepared), rule_keys(rule, prepared)[0]
        sizes = np.bincount(distinct(codes * len(prepared) + members) // len(prepared))
        found[rule.name] = sizes[codes] <= rule.evidence_cap(max_block_size)
    return found


def corroborated_pairs(
    prepared: Prepared, pairs: np.ndarray, rules: Sequence[BlockingRule], max_block_size: int
) -> np.ndarray:
    """The batch's candidate ``pairs`` that stand (the batch all of the records: bulk)."""
    if not corroborated_families(rules):
        return pairs
    evidence = evidence_in_batch(prepared, rules, max_block_size)
    return pairs[standing(prepared, pairs, rules, evidence)]


def _family_keys(
    prepared: Prepared, rules: Sequence[BlockingRule], evidence: Mapping[str, np.ndarray]
) -> np.ndarray:
    """Each (key, record) of the rules that is evidence once, as ``key code * records +
    record``, sorted (codes told apart between rules)."""
    n, offset = len(prepared), 0
    held = [np.empty(0, dtype=np.int64)]
    for rule in rules:
        codes = rule_codes(rule, prepared)
        kept = evidence[rule.name]
        held.append((codes[kept] + offset) * n + rule_keys(rule, prepared)[0][kept])
        offset += int(codes.max()) + 1 if len(codes) else 0
    return distinct(np.concatenate(held))


def _sharing(held: np.ndarray, left: np.ndarray, right: np.ndarray, n: int) -> np.ndarray:
    """Whether ``left[i]`` and ``right[i]`` hold a key in common (``held`` as
    ``_family_keys`` gives it): each of left's keys looked up with right."""
    found = np.zeros(len(left), dtype=bool)
    if len(held) == 0:
        return found
    records, codes = held % n, held // n
    by_record = np.argsort(records, kind="stable")
    counts = np.bincount(records, minlength=n)
    starts = np.cumsum(counts) - counts
    each = counts[left]
    pair = np.repeat(np.arange(len(left)), each)
    step = np.arange(int(each.sum())) - np.repeat(np.cumsum(each) - each, each)
    wanted = codes[by_record[starts[left][pair] + step]] * n + right[pair]
    at = np.minimum(np.searchsorted(held, wanted), len(held) - 1)
    found[pair[held[at] == wanted]] = True
    return found
