"""The blocking keys of a batch: (record index, key) for every key a rule gives its records,
and an integer code per key, each computed once a batch and kept with it (``Prepared.derived``)
until ``forget_key_texts`` lets go of the texts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from matching.blocking import BlockingRule, Refinement
from matching.feature import Prepared, rows_of
from matching.sorted_sets import distinct


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
    return _table(*_raw_rule_keys(rule, prepared))


def _table(members: np.ndarray, keys: np.ndarray) -> np.ndarray:
    table = np.empty(2, dtype=object)
    table[0], table[1] = members, keys
    return table


def rows_keeping_keys(
    prepared: Prepared, rows: np.ndarray, rules: Sequence[BlockingRule]
) -> Prepared:
    """``rows_of`` the batch (``rows``: distinct), holding the keys of ``rules`` the batch
    made for those records, as the rows would make them again (in record order, each
    record's keys in its order): a record's keys are made of its own values alone."""
    part = rows_of(prepared, rows)
    position = np.full(len(prepared), -1, dtype=np.int64)
    position[rows] = np.arange(len(rows), dtype=np.int64)
    for rule in rules:
        key = f"blocking:{rule.name}:pairs"
        table = prepared.held(key)
        if table is None:
            continue
        members, keys = table
        kept = np.flatnonzero(position[members] >= 0)
        kept = kept[np.argsort(position[members[kept]], kind="stable")]
        part.hold(key, _table(position[members[kept]], keys[kept]))
    return part


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
