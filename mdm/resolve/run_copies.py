"""Copies in a bulk run split into blocks (``mdm.resolve.distributed``), resolved as units as
one process resolves them (``matching.copies``): each keys block hashes its records' source and
features (``content_hashes``) beside their blocking keys; the run reads the records whose hash
another record holds, finds the copies among them and scores each copy's pair with its
representative (a copy joins it where the pair links unattended); the score blocks are then
made of the units' representatives alone, and each copy joins its representative's cluster."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching import Apart, Link, Matcher, copy_pairs, copy_units, with_copies

IdPair = tuple[str, str]


@dataclass(frozen=True)
class Filed:
    """What the keys blocks found: (record, key hash) of every key a record is filed under
    (``held``, ``hashes``), and each record's content hash (``records``, ``contents``)."""

    held: np.ndarray
    hashes: np.ndarray
    records: np.ndarray
    contents: np.ndarray

    def as_result(self) -> bytes:
        """One keys block's result, as ``read_filed`` reads it back."""
        header = np.asarray([len(self.held)], dtype=np.int64)
        parts = (header, self.held, self.hashes, self.records, self.contents)
        return np.concatenate([np.asarray(part, dtype=np.int64) for part in parts]).tobytes()


def read_filed(results: Sequence[bytes]) -> Filed:
    """The keys blocks' results (``Filed.as_result``) as one ``Filed``."""
    parts = []
    for result in results:
        held = np.frombuffer(result, dtype=np.int64)
        keys = int(held[0])
        filed, records = held[1 : 1 + 2 * keys], held[1 + 2 * keys :]
        parts.append(Filed(*np.split(filed, 2), *np.split(records, 2)))
    if not parts:
        empty = np.empty(0, dtype=np.int64)
        return Filed(empty, empty, empty, empty)
    return Filed(*(np.concatenate([getattr(p, name) for p in parts]) for name in _COLUMNS))


_COLUMNS = ("held", "hashes", "records", "contents")


@dataclass(frozen=True)
class RunUnits:
    """The run's units: ``copy_of`` (copy -> the representative it joined), the copy pairs'
    links (``links``, stored as the score blocks' are), those of them between two units that
    clustering weighs (``between``, ``quiet``), the copy pairs held apart (``apart``, stored
    and weighed as the score blocks' are) and how many copy pairs were scored."""

    copy_of: dict[int, int]
    links: list[Link]
    between: list[tuple[str, str, float]]
    quiet: list[IdPair]
    apart: list[Apart]
    pairs: int

    def representatives(self, ids: np.ndarray) -> np.ndarray:
        """Of the records ``ids``, those resolved as themselves."""
        joined = np.fromiter(self.copy_of, dtype=np.int64, count=len(self.copy_of))
        return ids[~np.isin(ids, joined)]

    def expanded(self, clusters: Sequence[Sequence[str]]) -> list[list[int]]:
        """Clusters of representatives with every copy that joined one of them."""
        return with_copies(([int(head) for head in cluster] for cluster in clusters), self.copy_of)


def run_units(
    matcher: Matcher, read: Sequence[dict[str, object]], keep_apart: set[str]
) -> RunUnits:
    """The units of the records ``read`` (in id order: every record of a run whose content
    hash another record holds), copies a steward's decision names (``keep_apart``) resolved
    as themselves."""
    prepared = matcher.prepare(read)
    copies = copy_pairs(prepared, keep_apart)
    if not len(copies):
        return RunUnits({}, [], [], [], [], 0)
    units, copied = copy_units(matcher, prepared, copies)
    ids = [int(str(record_id)) for record_id in prepared.ids]
    joined = np.flatnonzero(units.unit != np.arange(len(ids))).tolist()
    among = units.between(copied)
    return RunUnits(
        {ids[copy]: ids[int(units.unit[copy])] for copy in joined},
        matcher.links(copied),
        matcher.scored_links(among),
        matcher.quiet_pairs(among),
        matcher.apart_pairs(copied),
        len(copies),
    )


def sharing(filed: Filed) -> list[int]:
    """The records whose content hash another record holds (the copies and their originals,
    and any record whose hash collides with another's), in id order."""
    _, inverse, counts = np.unique(filed.contents, return_inverse=True, return_counts=True)
    return sorted(filed.records[counts[inverse.ravel()] > 1].tolist())
