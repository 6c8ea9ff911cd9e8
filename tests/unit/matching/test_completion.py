"""Completion (``matching.completion``): the pairs of a component of sure links that blocking
never paired are scored before clustering weighs coverage, alike in a bulk run and an
incremental one. An incremental run pairs, scores, holds apart and clusters as a bulk run of
the same records, with sparse keys and with a narrow window alike."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Matcher, Resolution, completion_pairs, resolve_around
from matching.blocking import BlockingRule, Window
from matching.completion import COMPLETED_UP_TO
from matching.id_order import id_key
from matching.presets.febrl import febrl_settings
from matching.resolution import Apart, distinct_links, quiet_links
from matching.settings import EntitySettings
from tests.unit.matching.febrl_runs import febrl_records, trained
from tests.unit.matching.test_incremental import _as_triples, _index

Record = dict[str, object]


def test_the_pairs_a_component_misses_are_completed_and_no_others() -> None:
    links = [("a", "b", 0.999), ("b", "c", 0.999), ("c", "d", 0.6), ("x", "y", 0.999)]
    assert completion_pairs(links, [], 0.99) == [("a", "c")]
    assert completion_pairs([*links, ("a", "c", 0.3)], [], 0.99) == []  # scored: a link
    assert completion_pairs(links, [("c", "a", 0.001)], 0.99) == []  # scored: held apart
    assert completion_pairs(links, [], 0.99, touching={"x"}) == []
    assert completion_pairs(links, [], 0.99, touching={"c"}) == [("a", "c")]


def test_a_component_of_more_records_than_the_cap_is_left_as_blocking_paired_it() -> None:
    chain = [(str(n), str(n + 1), 1.0) for n in range(COMPLETED_UP_TO)]  # one record too many
    assert completion_pairs(chain, [], 0.99) == []
    within = completion_pairs(chain[:-1], [], 0.99)
    assert len(within) == COMPLETED_UP_TO * (COMPLETED_UP_TO - 1) // 2 - (COMPLETED_UP_TO - 1)
    assert completion_pairs(chain, [], 0.99, up_to=3) == []


def _sparse() -> EntitySettings:
    """FEBRL's settings blocking on two keys only: a record mistyped in both is never paired
    with some records of its entity that other records of it are paired with."""
    rules = (BlockingRule("postcode", ("postcode",)), BlockingRule("surname", ("surname",)))
    return replace(febrl_settings(), blocking_rules=rules)


def _narrow() -> EntitySettings:
    """FEBRL's settings with a narrow window: a key held by more than two records pairs each
    with its nearest by social security number (and every record holding the same one), so
    that which record stands next to another decides pairs in many blocks."""
    return replace(febrl_settings(), window=Window(full=2, neighbours=1, order="soc_sec_id"))


def _matcher(narrow: bool = False) -> Matcher:
    chosen = _narrow() if narrow else _sparse()
    return trained(f"febrl3, narrow {narrow}", chosen, febrl_records("febrl3"))


def _entity(number: int) -> list[Record]:
    """The six records of FEBRL3's entity ``number``, every pair of which links surely."""
    return [r for r in febrl_records("febrl3") if str(r["id"]).split("-")[1] == str(number)]


def _stored(matcher: Matcher, records: Sequence[Record]) -> list[tuple[str, str, float]]:
    """Every pair of ``records`` scored, as a run that paired them all would have stored."""
    pairs = np.array(list(itertools.combinations(range(len(records)), 2)))
    scored = matcher.score_alone(matcher.prepare(records), pairs)
    return matcher.scored_links(scored)


def _around_two(
    pending: Record, members: list[Record], stored: list[tuple[str, str, float]]
) -> Resolution:
    """``pending`` resolved around ``members`` (one golden record, ``stored`` its links, each
    holding nothing against), its keys finding two of them only (as a window pairs a record
    with its nearest names)."""
    matcher = _matcher()
    mine = matcher.prepare([pending])
    key = matcher.indexed_keys(mine)[0][1]
    ids = [str(r["id"]) for r in members]
    return resolve_around(
        matcher, mine, members, {key: [str(pending["id"]), *ids[:2]]},
        stored_links=stored, stored_quiet=[(a, b) for a, b, _ in stored], around=ids,
    )  # fmt: skip


def test_a_record_linked_surely_to_part_of_a_golden_record_joins_once_the_rest_is_scored() -> None:
    matcher = _matcher()
    pending, *members = _entity(459)
    stored = _stored(matcher, members)
    assert len(stored) == 10 and min(p for *_, p in stored) >= matcher.thresholds.upper
    around = _around_two(pending, members, stored)
    assert around.stats.candidate_pairs == 2  # 2 of 5 pairs: too few without completion
    assert around.clusters == [sorted(str(r["id"]) for r in [pending, *members])]
    paired = {record for link in around.links for record in (link.left_id, link.right_id)}
    assert paired >= {str(r["id"]) for r in members}  # its pairs with all five


def test_a_record_the_completed_pairs_say_differs_from_the_rest_does_not_join_them() -> None:
    pending, *mine = _entity(459)
    others = _entity(1561)[:3]
    members = [*mine[:2], *others]
    ids = [str(r["id"]) for r in members]  # one golden record, as a steward might have made
    stored = [(a, b, 0.999) for a, b in itertools.combinations(ids, 2)]
    around = _around_two(pending, members, stored)
    # without completion, its two sure links and the golden record's own joined all six
    assert sorted(str(r["id"]) for r in others) in around.clusters
    held = {frozenset(pair[:2]) for pair in around.apart}
    assert all(frozenset((str(pending["id"]), str(r["id"]))) in held for r in others)


def _bulk(records: Sequence[Record], narrow: bool = False) -> Resolution:
    return _matcher(narrow).resolve(records)


def _around(
    records: Sequence[Record], pending: int, bulk: Resolution, narrow: bool = False
) -> Resolution:
    """The first ``pending`` records resolved incrementally, the other records read (a golden
    record's members are, ``mdm.resolve.incremental``) and what bulk kept between them
    standing for what was stored."""
    matcher = _matcher(narrow)
    settled = {str(record["id"]) for record in records[:pending]}
    kept = [link for link in bulk.links if {link.left_id, link.right_id}.isdisjoint(settled)]
    return resolve_around(
        matcher, matcher.prepare(records[:pending]), records[pending:], _index(matcher, records),
        stored_links=[(link.left_id, link.right_id, link.probability) for link in kept],
        stored_quiet=quiet_links(kept), stored_distinct=distinct_links(kept),
        stored_apart=[a for a in bulk.apart if {a[0], a[1]}.isdisjoint(settled)],
        around=[str(record["id"]) for record in records[pending:]],
    )  # fmt: skip


def test_completion_joins_what_blocking_left_in_pieces() -> None:
    bulk = _bulk(febrl_records("febrl3"))
    assert bulk.stats.clusters < 2150  # 2161 without completion; 2000 entities


def _held(apart: Sequence[Apart]) -> set[frozenset[str]]:
    return {frozenset(pair[:2]) for pair in apart}


def _shuffled(seed: int) -> list[Record]:
    records = list(febrl_records("febrl3"))
    random.Random(seed).shuffle(records)
    return records[:1500]


@pytest.mark.parametrize("narrow", [False, True], ids=["sparse", "narrow window"])
@settings(max_examples=8, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 400))
def test_an_incremental_run_completes_and_clusters_as_a_bulk_run(
    narrow: bool, seed: int, pending: int
) -> None:
    """Records read in no order of their ids: a window breaks ties of its order by id in a
    bulk run as in an index (``matching.blocking_pairs``), not by the record read first."""
    records = _shuffled(seed)
    bulk = _bulk(records, narrow)
    around = _around(records, pending, bulk, narrow)
    settled = {str(record["id"]) for record in records[:pending]}
    touching = {pair: p for pair, p in _as_triples(bulk.links).items() if pair & settled}
    assert _as_triples(around.links) == touching
    assert _held(around.apart) == {pair for pair in _held(bulk.apart) if pair & settled}
    assert around.clusters == bulk.clusters


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_a_bulk_run_with_a_window_resolves_alike_whatever_order_it_reads_records_in(
    seed: int,
) -> None:
    records = _shuffled(seed)
    shuffled = _bulk(records, narrow=True)
    in_id_order = _bulk(sorted(records, key=lambda record: id_key(str(record["id"]))), True)
    assert _as_triples(shuffled.links) == _as_triples(in_id_order.links)
    assert _held(shuffled.apart) == _held(in_id_order.apart)
    assert shuffled.clusters == in_id_order.clusters
