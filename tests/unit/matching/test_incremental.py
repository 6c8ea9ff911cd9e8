"""The library's incremental call against its bulk one: records filed under ``indexed_keys``
find, through the index, exactly the pairs bulk blocking gives, and ``resolve_around`` with the
links kept for the other records gives the links and clusters a bulk run gives."""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Link, Matcher, Resolution, resolve_around
from matching.presets.febrl import febrl_settings
from tests.unit.matching.febrl_runs import febrl_records, trained

Record = dict[str, object]


def _matcher() -> Matcher:
    return trained("febrl1", febrl_settings(), febrl_records("febrl1"))


def _index(matcher: Matcher, records: Sequence[Record]) -> dict[str, list[str]]:
    """An in-memory index of ``records`` under their keys, keys too common left out (as the
    hub's key lookup leaves them out)."""
    index: dict[str, list[str]] = {}
    for record_id, key in matcher.indexed_keys(matcher.prepare(records)):
        index.setdefault(key, []).append(record_id)
    cap = matcher.settings.max_block_size
    return {key: members for key, members in index.items() if len(members) <= cap}


def _as_triples(links: Sequence[Link]) -> dict[frozenset[str], float]:
    return {frozenset((link.left_id, link.right_id)): link.probability for link in links}


def test_indexed_keys_find_the_pairs_bulk_blocking_finds() -> None:
    matcher = _matcher()
    records = febrl_records("febrl1")
    prepared = matcher.prepare(records)
    index = _index(matcher, records)
    through_index = {
        frozenset((a, b)) for members in index.values() for a in members for b in members if a != b
    }
    bulk = {
        frozenset((str(prepared.ids[i]), str(prepared.ids[j])))
        for i, j in matcher.candidate_pairs(prepared)
    }
    assert len(bulk) > 1000
    assert through_index == bulk


def test_a_record_is_filed_under_each_key_once_in_the_order_of_the_rules() -> None:
    matcher = _matcher()
    record = {"id": "1", "surname": "Smith", "soc_sec_id": "123", "date_of_birth": "19800102"}
    twice = matcher.indexed_keys(matcher.prepare([record, {**record, "id": "2"}]))
    assert twice == [
        ("1", "ssn:123"), ("1", "dob:1980-01-02"), ("1", "surname:smith"),
        ("2", "ssn:123"), ("2", "dob:1980-01-02"), ("2", "surname:smith"),
    ]  # fmt: skip
    assert matcher.blocking_keys(record) == [key for _, key in twice[:3]]


def _bulk(records: Sequence[Record]) -> Resolution:
    return _matcher().resolve(records)


def _around(records: Sequence[Record], pending: int, bulk: Resolution) -> Resolution:
    """The first ``pending`` records resolved incrementally: candidates read from the index,
    the links bulk kept between the others standing for their stored links."""
    matcher = _matcher()
    mine = matcher.prepare(records[:pending])
    index = _index(matcher, records)
    keys = {key for _, key in matcher.indexed_keys(mine)}
    found = {record_id for key in keys for record_id in index.get(key, ())}
    settled = {str(record["id"]) for record in records[:pending]}
    stored = [
        (link.left_id, link.right_id, link.probability)
        for link in bulk.links
        if link.left_id not in settled and link.right_id not in settled
    ]
    return resolve_around(
        matcher,
        mine,
        [record for record in records[pending:] if str(record["id"]) in found],
        index,
        stored_links=stored,
        around=[str(record["id"]) for record in records[pending:]],
    )


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 1000))
def test_resolving_around_pending_records_gives_what_a_bulk_run_gives(
    seed: int, pending: int
) -> None:
    records = list(febrl_records("febrl1"))
    random.Random(seed).shuffle(records)
    bulk = _bulk(records)
    around = _around(records, pending, bulk)
    settled = {str(record["id"]) for record in records[:pending]}
    touching = {pair: p for pair, p in _as_triples(bulk.links).items() if pair & settled}
    assert _as_triples(around.links) == touching
    assert around.clusters == bulk.clusters
    assert around.stats.records == pending
    assert around.stats.auto_links == sum(link.decision == "auto" for link in around.links)


def test_constraints_hold_and_only_those_inside_the_neighbourhood_count() -> None:
    records = list(febrl_records("febrl1"))
    bulk = _bulk(records)
    pair = next(link for link in bulk.links if link.decision == "auto")
    lone = next(m[0] for m in bulk.clusters if pair.left_id not in m and pair.right_id not in m)
    matcher = _matcher()
    pending = [r for r in records if str(r["id"]) == pair.left_id]
    candidates = [r for r in records if str(r["id"]) == pair.right_id]
    index = _index(matcher, [*pending, *candidates])
    apart = resolve_around(
        matcher,
        matcher.prepare(pending), candidates, index,
        cannot_link=[(pair.left_id, pair.right_id), (lone, "not-around")],
    )  # fmt: skip
    assert apart.clusters == sorted([[pair.left_id], [pair.right_id]])
    joined = resolve_around(
        matcher, matcher.prepare(pending), [], {}, must_link=[(pair.left_id, lone)], around=[lone]
    )
    assert joined.clusters == [sorted([pair.left_id, lone])]
    assert joined.links == [] and joined.stats.candidate_pairs == 0


def test_candidates_given_prepared_resolve_as_the_records_they_were_prepared_from() -> None:
    records = list(febrl_records("febrl1"))
    matcher = _matcher()
    bulk = _bulk(records)
    read = _around(records, 50, bulk)
    mine, others = records[:50], records[50:]
    prepared = resolve_around(
        matcher,
        matcher.prepare(mine), matcher.prepare(others), _index(matcher, records),
        stored_links=[(link.left_id, link.right_id, link.probability) for link in bulk.links
                      if {link.left_id, link.right_id}.isdisjoint(str(r["id"]) for r in mine)],
    )  # fmt: skip
    assert read.stats.candidate_pairs > 0
    assert _as_triples(prepared.links) == _as_triples(read.links)
    assert prepared.clusters == read.clusters == bulk.clusters
