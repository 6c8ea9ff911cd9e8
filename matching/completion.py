"""Completion: the pairs a cluster-to-be holds that blocking never paired, scored before the
clustering weighs its coverage.

Clustering joins two clusters only when their links cover at least half of their member
pairs (``matching.clustering``). Blocking pairs a record with only some records of a common
key (a window pairs it with its nearest names, ``matching.index_window``), so a record linked
surely to two of the five members of an entity, all five surely linked to each other, covered
2 of 5 pairs and stayed alone: what the coverage read was the window's accident, not evidence.
A *component* is a group of records joined, directly or through others, by links at or above
the auto-link threshold: the most any clustering can make of them. Each pair of one component
that is neither a link nor a pair held apart (no score of it reached clustering) is scored on
its own records, and clustered as any other pair: a link when it scores above the lower
threshold (evidence for, or, weighed in the mean, against), held apart when it says the
records differ (``Matcher.apart_pairs``), nothing when it scores below both (as a pair
blocking had paired and scored that low).

Only a component of at most ``COMPLETED_UP_TO`` records is completed: its missing pairs are
at most that many times as many as its records (half of ``COMPLETED_UP_TO`` less one, per
record), so completion costs no more than a few pairs per record whatever the links, and a
large component (records chained through common names) is left as blocking paired it.

A completed pair is scored as a lookup scores one (its own probability, without weighing who
else competes for its records, ``matching.competition``): who competes is read among a batch's
candidate pairs, which differ between a bulk run, its blocks and an incremental one; a pair's
own score does not. The pairs to complete are read from the links and the pairs held apart
that clustering reads, so every run that clusters the same links completes the same pairs.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import TYPE_CHECKING

import numpy as np

from matching.blocks import components
from matching.id_order import id_key

if TYPE_CHECKING:
    from matching.engine import Matcher
    from matching.feature import Prepared
    from matching.scoring import ScoredPairs

COMPLETED_UP_TO = 16
"""The most records a component may hold and be completed: at most 120 pairs scored for it."""


def completion_pairs(
    links: Iterable[tuple[str, str, float]],
    apart: Iterable[tuple[str, str, float]],
    threshold: float,
    *,
    touching: Container[str] | None = None,
    up_to: int = COMPLETED_UP_TO,
) -> list[tuple[str, str]]:
    """(left, right), in id order, of the pairs of each component (records joined by
    ``links`` (left, right, p) at or above ``threshold``) of at most ``up_to`` records that
    are neither one of ``links`` nor of ``apart`` (left, right, p). ``touching``: only the
    components holding one of these records (an incremental run's pending records)."""
    links = list(links)
    component = _components(links, threshold)
    groups: dict[str, list[str]] = {}
    for record, root in component.items():
        groups.setdefault(root, []).append(record)
    small = {
        root: sorted(members, key=id_key)
        for root, members in groups.items()
        if len(members) <= up_to
        and (touching is None or any(member in touching for member in members))
    }
    if not small:
        return []
    known: set[tuple[str, str]] = set()
    for left, right, _ in (*links, *apart):
        mine = component.get(left)
        if mine is not None and mine in small and component.get(right) == mine:
            known.add((left, right))
            known.add((right, left))
    missing = (
        (left, right)
        for members in small.values()
        for n, left in enumerate(members)
        for right in members[n + 1 :]
        if (left, right) not in known
    )
    return sorted(missing, key=lambda pair: (id_key(pair[0]), id_key(pair[1])))


def completed(
    matcher: Matcher,
    prepared: Prepared,
    links: Iterable[tuple[str, str, float]],
    apart: Iterable[tuple[str, str, float]],
    *,
    touching: Container[str] | None = None,
) -> ScoredPairs:
    """The ``completion_pairs`` of ``links`` and ``apart`` (at the matcher's auto-link
    threshold) scored on their records in ``prepared``, each on its own (a pair one of whose
    records ``prepared`` does not hold is left out)."""
    wanted = completion_pairs(links, apart, matcher.thresholds.upper, touching=touching)
    return scored_alone(matcher, prepared, wanted)


def scored_alone(
    matcher: Matcher, prepared: Prepared, pairs: Iterable[tuple[str, str]]
) -> ScoredPairs:
    """``pairs`` (left id, right id) of records of ``prepared`` each scored on its own
    (``Matcher.score_alone``); a pair one of whose records ``prepared`` does not hold is left
    out."""
    row = {str(record): n for n, record in enumerate(prepared.ids.tolist())}
    found = [(row[a], row[b]) for a, b in pairs if a in row and b in row]
    return matcher.score_alone(prepared, np.asarray(found, dtype=np.int64).reshape(-1, 2))


def _components(links: list[tuple[str, str, float]], threshold: float) -> dict[str, str]:
    """Each record of a link at or above ``threshold``: its component's first record in id
    order (``matching.blocks.components`` over the records' places in that order)."""
    sure = [(left, right) for left, right, p in links if p >= threshold and left != right]
    records = sorted({record for pair in sure for record in pair}, key=id_key)
    place = {record: n for n, record in enumerate(records)}
    left = np.array([place[a] for a, _ in sure], dtype=np.int64)
    right = np.array([place[b] for _, b in sure], dtype=np.int64)
    labels = components(len(records), left, right)
    return {record: records[label] for record, label in zip(records, labels.tolist(), strict=True)}
