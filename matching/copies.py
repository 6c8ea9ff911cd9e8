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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.feature import Prepared, record_codes


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
