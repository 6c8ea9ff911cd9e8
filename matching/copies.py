"""Copies: records equal in their source and every feature, resolved as one unit.

An inventor named on hundreds of patents, a contractor on each engagement, a customer loaded
twice: the batch holds the same record many times. Copies score alike against every other
record, so scoring each of them again adds no evidence, only pairs; and a group of copies
counted record by record outweighs the evidence between two groups (clustering asks links to
cover half the pairs of two clusters' members, and one link between two groups of a hundred
copies covers one pair in ten thousand). A batch is therefore resolved over one record of
each group of copies (its representative, the first in record order), which blocking counts
once, and every copy joins its representative's cluster where the pair of two copies links
(a record holding only a common name does not link to its own copy, and stays a record of
its own, paired as any other).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from matching.feature import Prepared, record_codes
from matching.scoring import ScoredPairs


def originals(prepared: Prepared) -> np.ndarray:
    """For each record, the index of the first record equal to it in its source and every
    feature (its own index when it is the first)."""
    if len(prepared) < 2:
        return np.arange(len(prepared))
    codes = record_codes(prepared)
    group = codes.groupby(list(codes.columns), sort=False, dropna=False).ngroup().to_numpy()
    first = np.full(int(group.max()) + 1, len(prepared), dtype=np.int64)
    np.minimum.at(first, group, np.arange(len(prepared)))
    return first[group]


@dataclass(frozen=True)
class Units:
    """For each record of a batch, the index of the record it is resolved as (``unit``):
    itself, or the representative of the copies it joins."""

    unit: np.ndarray

    @property
    def representatives(self) -> np.ndarray:
        return np.flatnonzero(self.unit == np.arange(len(self.unit)))

    def between(self, scored: ScoredPairs) -> ScoredPairs:
        """The scored pairs of two representatives (what clustering weighs): a copy's pair
        with the representative it joined is not one."""
        right = scored.pairs[:, 1]
        return scored.rows(np.flatnonzero(self.unit[right] == right))

    def expanded(self, ids: np.ndarray, clusters: Sequence[Sequence[str]]) -> list[list[str]]:
        """Clusters of representatives' ids with every record of their units, sorted."""
        members: dict[int, list[str]] = {}
        for index, head in enumerate(self.unit.tolist()):
            members.setdefault(head, []).append(str(ids[index]))
        position = {str(ids[index]): index for index in self.representatives.tolist()}
        return sorted(
            sorted(record for head in cluster for record in members[position[head]])
            for cluster in clusters
        )


K = TypeVar("K", bound=Hashable)


def with_copies(clusters: Iterable[Iterable[K]], copy_of: Mapping[K, K]) -> list[list[K]]:
    """Clusters of representatives, each member followed by the copies that joined it
    (``copy_of``: copy -> its representative), in the order given."""
    copies: dict[K, list[K]] = {}
    for copy, head in copy_of.items():
        copies.setdefault(head, []).append(copy)
    return [[r for head in cluster for r in (head, *copies.get(head, ()))] for cluster in clusters]


def named_by(*constraints: Iterable[tuple[str, str]]) -> set[str]:
    """The records stewards' decisions (must-link, cannot-link pairs) name: ``keep_apart``."""
    return {record for pairs in constraints for pair in pairs for record in pair}


def copy_pairs(prepared: Prepared, keep_apart: set[str]) -> np.ndarray:
    """(representative, copy) for every record equal to an earlier one, but for records in
    ``keep_apart`` (a steward's decision names them: they are resolved as themselves)."""
    first = originals(prepared)
    copies = np.flatnonzero(first != np.arange(len(prepared)))
    if keep_apart:
        named = np.fromiter((str(i) in keep_apart for i in prepared.ids[copies]), bool)
        copies = copies[~named]
    return np.stack([first[copies], copies], axis=1).astype(np.int64)


def units_of(n: int, joined: np.ndarray) -> Units:
    """The units of a batch of ``n`` records where the (representative, copy) pairs
    ``joined`` link."""
    unit = np.arange(n, dtype=np.int64)
    unit[joined[:, 1]] = joined[:, 0]
    return Units(unit)


class OriginalsLevels:
    """The comparison levels of a batch's pairs, each computed once per pair of the records
    they are copies of (``first``: for each record, the record it is a copy of, or itself): a
    copy compares with any record as its original does, so the pairs training reads over
    every record (copies among them) and the units' pairs scored after it share their levels
    (``compute``: the levels of pairs of the batch)."""

    def __init__(self, first: np.ndarray, compute: Callable[[np.ndarray], np.ndarray]) -> None:
        self._first = first
        self._compute = compute
        self._keys = np.empty(0, dtype=np.int64)
        self._levels: np.ndarray | None = None

    def of(self, pairs: np.ndarray) -> np.ndarray:
        """The levels of ``pairs`` (rows: pairs, columns: comparisons)."""
        n = len(self._first)
        keys = self._first[pairs[:, 0]] * n + self._first[pairs[:, 1]]
        wanted, inverse = np.unique(keys, return_inverse=True)
        missing = wanted[~np.isin(wanted, self._keys, assume_unique=True)]
        if len(missing) or self._levels is None:
            found = self._compute(np.stack([missing // n, missing % n], axis=1))
            known = found if self._levels is None else np.concatenate([self._levels, found])
            keys_known = np.concatenate([self._keys, missing])
            order = np.argsort(keys_known, kind="stable")
            self._keys, self._levels = keys_known[order], known[order]
        return self._levels[np.searchsorted(self._keys, wanted)][inverse.ravel()]
