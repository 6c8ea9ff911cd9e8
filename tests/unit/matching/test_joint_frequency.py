"""A first and a last name weighed together (``matching.joint_frequency``): a full name other
people hold too weighs as often as they hold it, not as its two names' frequencies multiplied."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from matching.comparison import Comparison
from matching.engine import Matcher
from matching.feature import distinct_records, prepare_records
from matching.joint_frequency import count_joint, other_share
from matching.levels import Else, Exact, Null
from matching.presets.resource import resource_settings
from matching.settings import EntitySettings
from matching.term_frequency import TermFrequencies
from matching.training import term_frequency_tables
from tests.unit.matching.test_m_constraints import _batch

FEATURES = resource_settings().features


def _prepared(rows: list[tuple[str, str, str]]) -> object:
    records = [
        {"id": f"{source}:{n}", "source": source, "first_name": first, "last_name": last}
        for n, (source, first, last) in enumerate(rows)
    ]
    return prepare_records(records, FEATURES)


def test_several_sources_count_a_full_name_by_the_most_records_of_one_source() -> None:
    prepared = _prepared(
        [("hr", "Jan", "Bakker"), ("hr", "Jan", "Bakker"), ("psa", "Jan", "Bakker"),
         ("hr", "Ana", "Silva"), ("psa", "Ana", "Silva"), ("crm", "Ana", "Silva")]
    )  # fmt: skip
    table = count_joint("t", prepared, ("first_raw", "last"))  # type: ignore[arg-type]
    assert table.per_source and table.total == 6
    # two people called Jan Bakker in one system; Ana Silva once in each: no one else's
    assert table.counts == {"jan\x1fbakker": 2}


def test_one_source_counts_its_records() -> None:
    prepared = _prepared([("rl", "Jan", "Bakker"), ("rl", "Jan", "Bakker"), ("rl", "Ana", "Silva")])
    table = count_joint("t", prepared, ("first_raw", "last"))  # type: ignore[arg-type]
    assert not table.per_source and table.counts == {"jan\x1fbakker": 2}


def test_other_entities_share_leaves_out_the_record_and_its_copies() -> None:
    several = TermFrequencies("t", 100, {"a": 3}, per_source=True)
    # three people, each with one record and one copy elsewhere: the two others' records
    assert other_share(several, ["a", "b", None], copies=1.0).tolist() == [0.04, 0.0, 0.0]
    one = TermFrequencies("t", 100, {"a": 3})
    assert other_share(one, ["a"], copies=0.5).tolist() == [0.015]
    assert other_share(one, ["a"], copies=1.5).tolist() == [0.0]  # no one else shown


def _placed(rows: list[tuple[str, str, str, int]]) -> tuple[object, object]:
    """A batch of one source with copies (``rows``: first, last, city, how many records),
    and its distinct records."""
    records = [
        {"id": f"{n}.{k}", "source": "pv", "first_name": first, "last_name": last,
         "location_city": city}
        for n, (first, last, city, times) in enumerate(rows)
        for k in range(times)
    ]  # fmt: skip
    every = prepare_records(records, FEATURES)
    return every, distinct_records(every)


def test_a_full_name_whose_records_repeat_more_than_the_batchs_keeps_how_much_more() -> None:
    every, distinct = _placed(
        [("Jan", "Bakker", "Delft", 10), ("Jan", "Bakker", "Leiden", 10),
         ("Jan", "Bakker", "Gouda", 1), ("Ana", "Silva", "Porto", 1),
         ("Ana", "Silva", "Braga", 1), ("Piet", "Jansen", "Ede", 1)]
    )  # fmt: skip
    features = ("first_raw", "last")
    table = count_joint("t", distinct, features, every)  # type: ignore[arg-type]
    assert table.counts == {"jan\x1fbakker": 3, "ana\x1fsilva": 2}
    # 21 records of 3 distinct ones, where the batch holds 24 records of 6: 7 against 4;
    # Ana Silva's 2 records are each held once: 1 against 4
    assert table.repeats == {"jan\x1fbakker": pytest.approx(1.75), "ana\x1fsilva": 0.25}
    assert count_joint("t", distinct, features).repeats == {}  # type: ignore[arg-type]


def test_the_joint_table_training_counts_reads_the_copies() -> None:
    every, _ = _placed([("Jan", "Bakker", "Delft", 5), ("Jan", "Bakker", "Leiden", 5),
                        ("Ana", "Silva", "Porto", 1), ("Ana", "Silva", "Braga", 1)])  # fmt: skip
    tables = term_frequency_tables(resource_settings(), every)  # type: ignore[arg-type]
    joint = tables["last_name.jointly.first_name"]
    assert joint.counts == {"jan\x1fbakker": 2, "ana\x1fsilva": 2}
    assert joint.repeats == {"jan\x1fbakker": pytest.approx(5 / 3), "ana\x1fsilva": 1 / 3}


def test_an_entity_whose_records_repeat_more_holds_more_of_its_name() -> None:
    """An inventor on hundreds of patents holds more distinct records than the average
    entity (other cities, other spellings): they are not other people of the name. Records
    each held once are namesakes more often than one entity's copies."""
    plain = TermFrequencies("t", 100, {"a": 5})
    repeated = replace(plain, repeats={"a": 3.0})
    assert other_share(plain, ["a"], copies=1.0).tolist() == [0.03]
    assert other_share(repeated, ["a"], copies=1.0).tolist() == [0.01]
    assert other_share(replace(plain, repeats={"a": 4.0}), ["a"], copies=1.0).tolist() == [0.0]
    assert other_share(replace(plain, repeats={"a": 0.5}), ["a"], copies=2.0).tolist() == [0.03]
    # several sources count each entity once per source already
    several = replace(plain, per_source=True, repeats={"a": 3.0})
    assert other_share(several, ["a"], copies=1.0).tolist() == [0.08]


def test_a_joint_table_round_trips_through_json() -> None:
    table = TermFrequencies("t", 10, {"a": 2}, per_source=True)
    assert TermFrequencies.from_dict(table.to_dict()) == table
    plain = TermFrequencies("t", 10, {"a": 2})
    assert "per_source" not in plain.to_dict() and "repeats" not in plain.to_dict()
    repeated = replace(plain, repeats={"a": 2.5})
    assert TermFrequencies.from_dict(repeated.to_dict()) == repeated


def test_both_comparisons_need_a_term_frequency_level() -> None:
    settings = resource_settings()
    plain = Comparison("plain", "last", (Null(), Exact(), Else()), tf_jointly_with="first_name")
    with pytest.raises(ValueError, match="term-frequency level"):
        replace(settings, comparisons=(*settings.comparisons, plain))


def _without_joint(settings: EntitySettings) -> EntitySettings:
    comparisons = tuple(replace(c, tf_jointly_with="") for c in settings.comparisons)
    return replace(settings, comparisons=comparisons)


@pytest.fixture(scope="module")
def trained() -> tuple[Matcher, Matcher, list[dict[str, object]]]:
    rows = _batch("resource")
    joint = Matcher(resource_settings())
    joint.train(joint.prepare(rows))
    assert joint.model is not None
    alone = Matcher(_without_joint(joint.settings), joint.model)
    return joint, alone, rows


def _last_name(matcher: Matcher, left: dict[str, object], right: dict[str, object]) -> float:
    prepared = matcher.prepare([left, right])
    why = matcher.score(prepared, np.array([[0, 1]])).explain(0)
    return next(part.weight for part in why.comparisons if part.comparison == "last_name")


def test_a_full_name_other_people_hold_weighs_less_than_its_names_multiplied(
    trained: tuple[Matcher, Matcher, list[dict[str, object]]],
) -> None:
    joint, alone, _ = trained
    assert joint.model is not None
    table = joint.model.term_frequencies["last_name.jointly.first_name"]
    last_name = next(c for c in joint.settings.comparisons if c.name == "last_name")
    labels = [level.label for level in last_name.levels]
    weaker = joint.model.comparison("last_name").weights()[labels.index("one_edit")]
    lower = 0
    for value in sorted(table.counts):
        first, last = value.split("\x1f")
        left = {"id": "l", "source": "hr", "first_name": first, "last_name": last}
        right = {**left, "id": "r", "source": "psa"}
        weighed, multiplied = _last_name(joint, left, right), _last_name(alone, left, right)
        assert weighed <= multiplied + 1e-9
        # no less than a weaker agreement of the last name, as any common name; never < 0
        assert weighed >= min(multiplied, weaker) - 1e-9 and weighed >= 0.0
        lower += weighed < multiplied - 0.5
    assert lower > 0


def test_a_full_name_no_one_else_holds_weighs_as_its_names(
    trained: tuple[Matcher, Matcher, list[dict[str, object]]],
) -> None:
    joint, alone, _ = trained
    left = {"id": "l", "source": "hr", "first_name": "Zbigniew", "last_name": "Quillfeather"}
    right = {**left, "id": "r", "source": "psa"}
    assert _last_name(joint, left, right) == _last_name(alone, left, right)
