"""Constrained clustering of scored links into entities.

Must-links are always honoured, cannot-links never violated (not even transitively), and there
is no chaining: links are taken in descending probability (ties by ids, in id order,
``matching.id_order``: ids of digits by their numbers, which a rolled-back transaction moving
the sequence on leaves in their order) and two clusters merge only when the links between
them, as a whole, are strong enough: their mean log-odds reach those of ``threshold`` and
they cover at least ``min_coverage`` of the member pairs (a run completes the pairs blocking
never paired among records surely linked before it clusters, ``matching.completion``, so
that coverage reads their scores, not which pairs blocking made). Log-odds,
not probabilities, are averaged, so one certain link and one merely likely one (a record that
lacks the phone another member holds) count as strong evidence, as they are. A link below the
threshold that holds no evidence against (``quiet``: every comparison agrees or says nothing,
or weighs against only at a level that leaves it quiet, a difference one entity's records hold
as a matter of course, ``Comparison.quiet_levels``; it is weak only for what its records lack,
as a record holding a name and one field is) is left out of that mean, though it counts towards
the coverage: the absence of evidence does not veto a strong link. A link whose date, place or
contact detail differs in part (a date one slip off, ``Comparison.differing_mask``) is weak for
what its records hold, and is weighed: a record one slip off one record of a pair whose two
dates agree is the pair's namesake as often as not (RLdata10000 with a third of first names cut
to an initial: C. Mueller 1939-04-03 joined Claudia Mueller and C. Mueoler, both 1959-04-03).

Where each source holds an entity once (``sources``), it does between two records of one
source: two of its records sharing no more than a name are namesakes more often than not.
Their link is weighed in the mean, quiet or not, and without a link of their own (scored
below the review band) they stay apart whatever joins each to a third record: a person in an
HR system and a namesake in the same system, each linked to one PSA record, are two people,
and the PSA record goes with one of them. A link the matcher decides distinct (``distinct``:
it holds nothing a steward could link on, names and values of two schemes only,
``matching.thresholds``) is no link of their own either: it is that shared name and no more.

A pair scored as surely a non-match as an auto-link is a match whose records differ on
three values or more (``apart``, the engine's ``apart_pairs``: a second site or a move, on
phone and address, and a name mistyped, are what one entity's records hold as a matter of
course) is weighed in the mean too, though it is no link and does not count towards the
coverage: two records the matcher holds apart are not joined by a third that holds too
little to tell them apart. A record holding a name and a website only links to two sister
companies of one group sharing the website, or a record holding a name only to two
namesakes, and would join them whose own pair says they differ (legal form, country, tax id;
birth date, address). Left out, their pair was no evidence at all, and the bridge's two
links covered half the pairs of the two clusters. The bridge goes with the record it links
more strongly (links are taken most probable first), and its other link stays what it was
decided: a review-band link between two clusters is for review. Only the pairs both of
whose records have a link at or above the threshold are weighed (no other pair's clusters
can be joined through a third record): read here, from the links clustered, so that every
run (one process, workers, an incremental one around pending records) weighs the same pairs
of those its scoring step held apart.
The result does not depend on the order of the input.
"""

from __future__ import annotations

import math
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from matching.id_order import in_id_order
from matching.resolution import Apart


class ConstraintConflict(ValueError):
    """Must-links join two records that a cannot-link keeps apart."""


@dataclass
class _Clusters:
    members: dict[int, list[int]]
    # between two clusters: [sum of the log-odds counted, links counted, links]
    evidence: dict[int, dict[int, list[float]]] = field(default_factory=dict)
    apart: dict[int, set[int]] = field(default_factory=dict)
    root_of: list[int] = field(default_factory=list)
    # each record's source where each source holds an entity once (None: of no such source);
    # empty where no source does
    source_of: list[str | None] = field(default_factory=list)

    def find(self, item: int) -> int:
        root = item
        while self.root_of[root] != root:
            root = self.root_of[root]
        while self.root_of[item] != root:
            self.root_of[item], item = root, self.root_of[item]
        return root

    def union(self, a: int, b: int) -> int:
        keep, gone = (a, b) if (len(self.members[a]), -a) >= (len(self.members[b]), -b) else (b, a)
        self.root_of[gone] = keep
        self.members[keep].extend(self.members.pop(gone))
        for other, theirs in self.evidence.pop(gone, {}).items():
            self.evidence[other].pop(gone, None)
            if other == keep:
                continue
            mine = self.evidence.setdefault(keep, {}).setdefault(other, [0.0, 0.0, 0.0])
            for slot, value in enumerate(theirs):
                mine[slot] += value
            self.evidence[other][keep] = mine
        for other in self.apart.pop(gone, set()):
            self.apart[other].discard(gone)
            self.apart[other].add(keep)
            self.apart.setdefault(keep, set()).add(other)
        return keep


def _canonical_links(
    links: Iterable[tuple[str, str, float]], index: dict[str, int]
) -> dict[tuple[int, int], float]:
    best: dict[tuple[int, int], float] = {}
    for left, right, probability in links:
        x, y = index[left], index[right]
        a, b = (x, y) if x < y else (y, x)
        if a != b:
            best[(a, b)] = max(float(probability), best.get((a, b), float("-inf")))
    return best


def _apply_must_links(
    state: _Clusters, must_link: Iterable[tuple[str, str]], index: dict[str, int]
) -> None:
    for x, y in sorted(tuple(sorted((index[left], index[right]))) for left, right in must_link):
        a, b = state.find(x), state.find(y)
        if a != b:
            state.union(a, b)


def _apply_cannot_links(
    state: _Clusters, cannot_link: Iterable[tuple[str, str]], index: dict[str, int]
) -> None:
    for left, right in cannot_link:
        a, b = state.find(index[left]), state.find(index[right])
        if a == b:
            raise ConstraintConflict(f"must-links join {left!r} and {right!r}, which cannot link")
        state.apart.setdefault(a, set()).add(b)
        state.apart.setdefault(b, set()).add(a)


def _add_evidence(
    state: _Clusters,
    links: dict[tuple[int, int], float],
    quiet: set[tuple[int, int]],
    threshold: float,
) -> None:
    for (a, b), probability in sorted(links.items()):
        ra, rb = state.find(a), state.find(b)
        if ra == rb:
            continue
        slot = state.evidence.setdefault(ra, {}).setdefault(rb, [0.0, 0.0, 0.0])
        if probability >= threshold or (a, b) not in quiet:
            slot[0] += _log_odds(probability)
            slot[1] += 1.0
        slot[2] += 1.0
        state.evidence.setdefault(rb, {})[ra] = slot


def _add_apart(
    state: _Clusters, apart: dict[tuple[int, int], float], links: Container[tuple[int, int]]
) -> None:
    """Each pair held apart (not a link) weighed between its records' clusters, without
    counting towards their coverage."""
    for (a, b), probability in sorted(apart.items()):
        if (a, b) in links:
            continue
        ra, rb = state.find(a), state.find(b)
        if ra == rb:
            continue
        slot = state.evidence.setdefault(ra, {}).setdefault(rb, [0.0, 0.0, 0.0])
        slot[0] += _log_odds(probability)
        slot[1] += 1.0
        state.evidence.setdefault(rb, {})[ra] = slot


def _one_source_apart(state: _Clusters, a: int, b: int, own: Container[tuple[int, int]]) -> bool:
    """Whether clusters ``a`` and ``b`` hold two records of one source without a link of
    their own (``own``: the pairs holding one; see the module's docstring). The members are
    grouped by source as asked: a cluster kept by source would cost a dict and a list per
    record, most of them never asked."""
    source_of = state.source_of
    if not source_of:
        return False
    theirs: dict[str, list[int]] = {}
    for y in state.members[b]:
        if (source := source_of[y]) is not None:
            theirs.setdefault(source, []).append(y)
    for x in state.members[a]:
        if (source := source_of[x]) is None:
            continue
        for y in theirs.get(source, ()):
            if (min(x, y), max(x, y)) not in own:
                return True
    return False


def _one_source(pairs: set[tuple[int, int]], source_of: list[str | None]) -> set[tuple[int, int]]:
    """Of ``pairs``, those of two records of one source held once."""
    if not source_of:
        return set()
    return {(a, b) for a, b in pairs if source_of[a] is not None and source_of[a] == source_of[b]}


def _sources_of(sources: Mapping[str, str] | None, index: dict[str, int]) -> list[str | None]:
    """Each record's source (by its position in ``index``), where ``sources`` gives one."""
    if not sources:
        return []
    source_of: list[str | None] = [None] * len(index)
    for item, source in sources.items():
        if item in index:
            source_of[index[item]] = str(source)
    return source_of


def _pairs_of(pairs: Iterable[tuple[str, str]], index: dict[str, int]) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for left, right in pairs:
        if left in index and right in index:
            x, y = index[left], index[right]
            found.add((x, y) if x < y else (y, x))
    return found


def _within(
    pairs: Iterable[tuple[str, str, float]], ids: Container[str]
) -> Iterator[tuple[str, str, float]]:
    """The pairs both of whose records are of ``ids``."""
    return (pair for pair in pairs if pair[0] in ids and pair[1] in ids)


def joinable(links: Iterable[tuple[str, str, float]], threshold: float) -> set[str]:
    """The records of the links (left, right, p) at or above ``threshold``: of the pairs held
    apart, clustering weighs only those of two of them (no other pair's clusters can be
    joined through a third record), so a run may read no others."""
    return {
        record
        for left, right, probability in links
        if probability >= threshold and left != right
        for record in (left, right)
    }


def _log_odds(probability: float) -> float:
    p = min(max(probability, 1e-12), 1.0 - 1e-12)
    return math.log(p / (1.0 - p))


def cluster(
    ids: Sequence[str],
    links: Iterable[tuple[str, str, float]],
    *,
    threshold: float,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    min_coverage: float = 0.5,
    quiet: Iterable[tuple[str, str]] = (),
    sources: Mapping[str, str] | None = None,
    distinct: Iterable[tuple[str, str]] = (),
    apart: Iterable[Apart] = (),
) -> list[list[str]]:
    """Clusters of ``ids`` (each id in exactly one), sorted, from links (left, right, p).
    ``quiet``: pairs whose link holds no evidence against; ``sources``: the source of each
    record, where each source holds an entity once; ``distinct``: pairs whose link the matcher
    decides distinct, for want of evidence a steward could link on; ``apart``: pairs (left,
    right, p) scored below the links that hold evidence against (see the module's docstring;
    records not in ``sources`` are of no such source, pairs of ids not in ``ids`` are left
    out)."""
    ordered = in_id_order(ids)
    index = {item: position for position, item in enumerate(ordered)}
    state = _Clusters({position: [position] for position in range(len(ordered))})
    state.root_of = list(range(len(ordered)))
    state.source_of = _sources_of(sources, index)
    _apply_must_links(state, must_link, index)
    _apply_cannot_links(state, cannot_link, index)
    best = _canonical_links(links, index)
    quiet_pairs = _pairs_of(quiet, index)
    quiet_pairs -= _one_source(quiet_pairs, state.source_of)
    _add_evidence(state, best, quiet_pairs, threshold)
    linked = joinable(((ordered[a], ordered[b], p) for (a, b), p in best.items()), threshold)
    _add_apart(state, _canonical_links(_within(apart, linked), index), best)
    own = set(best) - _pairs_of(distinct, index)
    candidates = sorted((-p, a, b) for (a, b), p in best.items() if p >= threshold)
    for _, a, b in candidates:
        ra, rb = state.find(a), state.find(b)
        if ra == rb or rb in state.apart.get(ra, ()):
            continue
        total, counted, count = state.evidence[ra][rb]
        pairs = len(state.members[ra]) * len(state.members[rb])
        if total / counted < _log_odds(threshold) or count / pairs < min_coverage:
            continue
        if not _one_source_apart(state, ra, rb, own):
            state.union(ra, rb)
    clusters = [sorted(ordered[m] for m in members) for members in state.members.values()]
    return sorted(clusters)
