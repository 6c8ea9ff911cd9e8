"""Incremental resolution: pending records scored against the records filed under their keys,
not against everything, and their neighbourhood clustered (``resolve_around``)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from matching.blocking_index import filed_keys, pairs_through_index
from matching.clustering import cluster
from matching.completion import completed
from matching.copies import copy_pairs, named_by, with_copies
from matching.corroboration import alone_held, found_by
from matching.feature import Prepared, concatenate, rows_of
from matching.index_window import window_partners
from matching.record import record_id
from matching.resolution import Apart, Resolution, distinct_links, quiet_links, resolution_of
from matching.unit_scoring import copy_units

if TYPE_CHECKING:
    from matching.engine import Matcher

IdPair = tuple[str, str]
Pair = TypeVar("Pair", bound=tuple[Any, ...])  # (left id, right id, ...)


def resolve_around(
    matcher: Matcher,
    pending: Prepared,
    candidates: Sequence[Mapping[str, object]] | Prepared,
    blocks: Mapping[str, Iterable[str]],
    *,
    stored_links: Iterable[tuple[str, str, float]] = (),
    stored_quiet: Iterable[IdPair] = (),
    stored_distinct: Iterable[IdPair] = (),
    stored_apart: Iterable[Apart] = (),
    must_link: Iterable[IdPair] = (),
    cannot_link: Iterable[IdPair] = (),
    around: Iterable[str] = (),
) -> Resolution:
    """Incremental: score the pending records against the records filed under their keys,
    not against everything, and cluster their neighbourhood; needs a model.

    ``blocks``: key -> ids of the records an index files under it, for the keys
    ``indexed_keys`` gives the pending records (keys too common to be evidence left out,
    as bulk blocking leaves them out). ``candidates``: those records, as far as they could
    be read, or those records prepared (none of them pending). Only pairs touching a
    pending record are scored: ``stored_links`` (left, right, probability) stand for the
    pairs scored before between the other records; ``stored_quiet``: those of them
    holding no evidence against, ``stored_distinct``: those decided distinct;
    ``stored_apart``: the pairs scored before between them held apart (``apart_pairs``,
    ``matching.clustering``). ``around``: more record ids the clustering decides about (the other members of the clusters the neighbourhood touches). Constraints outside the neighbourhood are left
    out. Copies among the records read (``matching.copies``: ``candidates`` may hold records
    no key finds, read for that, which are not paired) are clustered as their units, as
    a bulk run clusters them; a common key pairs a pending record with its nearest units
    by the entity's window, as bulk blocking pairs them (``matching.index_window``). The
    pairs of each group of records surely linked that holds a pending record and that no
    score reached (``matching.completion``) are scored too, on the records ``candidates``
    holds (a golden record's other members: pass them). ``links`` are the new links, those
    of completed pairs among them; ``clusters`` cover the whole neighbourhood."""
    started = time.perf_counter()
    prepared = _with_candidates(matcher, pending, candidates)
    settings = matcher.settings
    rules, size = settings.blocking_rules, settings.max_block_size
    must_link, cannot_link = list(must_link), list(cannot_link)
    joined = _joined_around(matcher, prepared, len(pending), named_by(must_link, cannot_link))
    copies = [n for n, record in enumerate(prepared.ids.tolist()) if str(record) in joined]
    pairs = pairs_through_index(
        prepared,
        filed_keys(pending, rules),
        matcher.pairing_blocks(blocks),
        link_only=settings.link_only,
        keeps=found_by(rules, size, alone_held(prepared, rules)),
        partners=window_partners(prepared, rules, size, settings.window, copies),
    )
    links, apart = [], []
    if len(pairs):
        scored_pairs = matcher.score(prepared, pairs)
        links, apart = matcher.links(scored_pairs), matcher.apart_pairs(scored_pairs)
    members = {*(str(item) for item in prepared.ids), *around} - joined.keys()
    scored = ((link.left_id, link.right_id, link.probability) for link in links)
    found, held = _apart_from(joined, [*scored, *stored_links]), _apart_from(joined, apart)
    held += _apart_from(joined, stored_apart)
    touching = {joined.get(str(item), str(item)) for item in pending.ids}
    extra = completed(matcher, prepared, found, held, touching=touching)
    more = matcher.links(extra)
    links, apart = [*links, *more], [*apart, *matcher.apart_pairs(extra)]
    found += ((link.left_id, link.right_id, link.probability) for link in more)
    clusters = cluster(
        sorted(members),
        found,
        threshold=matcher.thresholds.upper,
        quiet=_apart_from(joined, [*quiet_links(links), *stored_quiet]),
        must_link=_within(must_link, members),
        cannot_link=_within(cannot_link, members),
        sources=matcher.sources_held_once(prepared),
        distinct=_apart_from(joined, [*distinct_links(links), *stored_distinct]),
        apart=_apart_from(joined, [*apart, *stored_apart]),
    )
    if joined:
        clusters = sorted(sorted(members) for members in with_copies(clusters, joined))
    return resolution_of(len(pending), len(pairs), links, clusters, started, apart)


def _with_candidates(
    matcher: Matcher, pending: Prepared, candidates: Sequence[Mapping[str, object]] | Prepared
) -> Prepared:
    """The pending records, then the candidates (prepared, the pending ones left out)."""
    if not isinstance(candidates, Prepared):
        mine = {str(record_id) for record_id in pending.ids}
        others = [record for record in candidates if record_id(record) not in mine]
        candidates = matcher.prepare(others) if others else rows_of(pending, np.arange(0))
    return concatenate([pending, candidates]) if len(candidates) else pending


def _joined_around(
    matcher: Matcher, prepared: Prepared, pending: int, keep_apart: set[str]
) -> dict[str, str]:
    """Of a neighbourhood (``pending`` records, then the records found around them), each
    copy that joins its representative (``matching.copies``), with it: clustered as the
    bulk run clustered them, a stored record the representative of pending copies."""
    order = np.r_[np.arange(pending, len(prepared)), np.arange(pending)]
    stored_first = rows_of(prepared, order)
    copies = copy_pairs(stored_first, keep_apart)
    if not len(copies):
        return {}
    unit = copy_units(matcher, stored_first, copies)[0].unit
    ids = stored_first.ids
    return {
        str(ids[copy]): str(ids[unit[copy]])
        for copy in np.flatnonzero(unit != np.arange(len(unit)))
    }


def _apart_from(joined: Mapping[str, str], pairs: Iterable[Pair]) -> list[Pair]:
    """The pairs of records no copy in ``joined`` is one of: a unit is clustered as its
    representative."""
    return [pair for pair in pairs if pair[0] not in joined and pair[1] not in joined]


def _within(pairs: Iterable[IdPair], members: set[str]) -> list[IdPair]:
    return [(a, b) for a, b in pairs if a in members and b in members]
