"""Copies of one record resolved as one unit (``matching.copies``)."""

from __future__ import annotations

from functools import partial

import numpy as np

from matching.contents import content_hashes
from matching.copies import OriginalsLevels, copy_pairs, originals, units_of
from matching.engine import Matcher
from matching.feature import prepare_records
from matching.presets.resource import resource_settings
from tests.unit.matching.helpers import feature, names_and_dates


def _batch(rows: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    records = [{"id": str(n), "source": "hr", **row} for n, row in enumerate(rows)]
    return prepare_records(records, [feature("name"), feature("city")])


def test_a_copy_points_at_the_first_record_equal_to_it_in_source_and_features() -> None:
    batch = prepare_records(
        [
            {"id": "a", "source": "hr", "name": "Ann", "city": None},
            {"id": "b", "source": "hr", "name": "Bo", "city": "Oslo"},
            {"id": "c", "source": "hr", "name": "Ann", "city": None},
            {"id": "d", "source": "crm", "name": "Ann", "city": None},  # another source
            {"id": "e", "source": "hr", "name": "Bo", "city": "Oslo"},
        ],
        [feature("name"), feature("city")],
    )
    assert originals(batch).tolist() == [0, 1, 0, 3, 1]
    assert copy_pairs(batch, set()).tolist() == [[0, 2], [1, 4]]
    assert copy_pairs(batch, {"e"}).tolist() == [[0, 2]]  # a decision names it


def test_units_expand_representatives_clusters_to_their_copies() -> None:
    units = units_of(5, np.asarray([[0, 2], [1, 4]]))
    assert units.representatives.tolist() == [0, 1, 3]
    ids = np.asarray(["a", "b", "c", "d", "e"], dtype=object)
    assert units.expanded(ids, [["a", "d"], ["b"]]) == [["a", "c", "d"], ["b", "e"]]
    alone = units_of(3, np.empty((0, 2), dtype=np.int64))
    assert alone.representatives.tolist() == [0, 1, 2]


def _person(record: str, first: str) -> dict[str, object]:
    return {"id": record, "source": "hr", "first_name": first, "last_name": "Gurney",
            "email": "austin.gurney@firm.example", "hire_date": "2001-04-17"}  # fmt: skip


def _trained(max_block_size: int) -> Matcher:
    matcher = Matcher(resource_settings(max_block_size=max_block_size))
    matcher.train(matcher.prepare(names_and_dates()))
    return matcher


def test_groups_of_copies_beyond_the_block_limit_pair_and_cluster_as_one_record_each() -> None:
    """Twelve copies of a person's record with a middle initial and twelve without: 24
    records hold the name key, more than the limit of 10, so it paired none of them (only
    copies, among themselves: two clusters); one link between the two groups covered one
    pair of their 144. Resolved as two records, they are one person."""
    rows = [_person(f"a{n}", "Austin L.") for n in range(12)]
    rows += [_person(f"b{n}", "Austin") for n in range(12)]
    resolution = _trained(10).resolve(rows)
    assert resolution.clusters == [sorted(str(row["id"]) for row in rows)]


def test_a_decision_on_a_copy_keeps_it_a_record_of_its_own() -> None:
    rows = [_person(f"a{n}", "Austin") for n in range(3)]
    resolution = _trained(200).resolve(rows, cannot_link=[("a0", "a2")])
    cluster_of = {r: n for n, members in enumerate(resolution.clusters) for r in members}
    assert cluster_of["a0"] != cluster_of["a2"]
    assert cluster_of["a0"] == cluster_of["a1"]


def test_pairs_of_copies_take_the_levels_their_originals_compare_at() -> None:
    """Levels computed once per pair of originals (training's pairs over every record, then
    the units' pairs) are those of each pair computed on its own."""
    rows = [_person(f"a{n}", "Austin L.") for n in range(3)] + [_person("b", "Austin")]
    rows += [{**_person("c", "Bea"), "hire_date": "1999-01-02"}, _person("d", "Austin")]
    matcher = _trained(200)
    batch = matcher.prepare(rows)
    shared = OriginalsLevels(units_of(len(batch), copy_pairs(batch, set())).unit,
                             partial(matcher.levels, batch))  # fmt: skip
    every = np.asarray([(a, b) for a in range(6) for b in range(6) if a != b], dtype=np.int64)
    for pairs in (every[:12], every, every[::-1]):
        assert (shared.of(pairs) == matcher.levels(batch, pairs)).all()


def test_a_batch_of_copies_resolved_without_a_model_trains_the_model_every_record_gives() -> None:
    rows = names_and_dates() + [_person(f"a{n}", "Austin") for n in range(5)]
    untrained = Matcher(resource_settings())
    untrained.resolve(rows)
    trained = Matcher(resource_settings())
    trained.train(trained.prepare(rows))
    assert untrained.model == trained.model


def test_content_hashes_are_alike_for_copies_read_in_other_batches() -> None:
    """A batch split across processes finds its copies by their hashes (``originals`` works
    within one batch)."""
    one = _batch([{"name": "Ann", "city": None}, {"name": "Bo", "city": "Oslo"}])
    other = _batch([{"name": "Bo", "city": "Oslo"}, {"name": "Ann", "city": "Oslo"}])
    first, second = content_hashes(one).tolist(), content_hashes(other).tolist()
    assert first[1] == second[0]
    assert len({*first, *second}) == 3
    crm = prepare_records([{"id": "x", "source": "crm", "name": "Bo", "city": "Oslo"}],
                          [feature("name"), feature("city")])  # fmt: skip
    assert content_hashes(crm)[0] != first[1]  # another source
