"""A first and a last name exchanged (``matching.swap_frequency``): weighed by how often both
orders are held. ``Hans Mueller`` against ``Mueller Hans`` is an exchange; ``Peter Frank``
against ``Frank Peter`` may be two people, each named as he is (RLdata10000 holds such a pair,
with one birth date)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matching.engine import Matcher
from matching.presets.resource import resource_settings
from matching.swap_frequency import exchange_u, name_share
from matching.term_frequency import TermFrequencies

BOTH_WAYS = ["frank", "peter", "thomas", "werner"]
"""Common names, held as given names and as family names."""
SYLLABLES = ["ka", "lo", "mi", "ru", "se", "ta", "vo", "ni"]
FIRST_ONLY = ["hans", "anna"] + [f"{a}{b}na" for a in SYLLABLES for b in SYLLABLES[:6]]
LAST_ONLY = ["mueller", "weber"] + [f"{a}{b}berg" for a in SYLLABLES for b in SYLLABLES[:6]]


def test_an_exchange_is_as_common_as_about_its_rarer_order() -> None:
    u = exchange_u(np.array([1e-4, 1e-4, 1e-8]), np.array([1e-4, 1e-2, 1e-4]))
    assert u[0] == pytest.approx(5e-5)  # both orders equally common: half of either
    assert 0.5e-4 < u[1] < 1e-4 and u[2] < 1e-8  # about the rarer order's share


def test_the_typical_share_counts_each_value_as_often_as_records_hold_it() -> None:
    # 10 records: "a" on 4, "b" on 2, four values once
    table = TermFrequencies("first", 10, {"a": 4, "b": 2})
    assert table.typical_share == pytest.approx((16 + 4 + 4) / 100)


def test_a_name_held_nowhere_else_counts_as_typical_and_one_of_the_other_field_as_rare() -> None:
    firsts = TermFrequencies("first", 100, {"hans": 10, "frank": 5})
    lasts = TermFrequencies("last", 100, {"mueller": 20, "frank": 5})
    values = np.array(["hans", "mueller", "pepter", None], dtype=object)
    # each record and its expected copies (0.2 records) taken out of the counts
    shares = name_share((firsts, lasts), 0, values, copies=0.2)
    assert shares[0] == pytest.approx(0.088)
    assert shares[1] == pytest.approx(0.005)  # a family name, held by no other given name
    assert shares[2] == pytest.approx(firsts.typical_share)  # a slip of some given name
    assert np.isnan(shares[3])


def _records() -> list[dict[str, object]]:
    """One source of people whose given names are partly family names too, some recorded
    twice (a slip in the date, or first and last name exchanged)."""
    rng = random.Random(5)
    rows: list[dict[str, object]] = []
    for n in range(600):
        first = rng.choice(BOTH_WAYS * 4 + FIRST_ONLY)
        last = rng.choice(BOTH_WAYS * 4 + LAST_ONLY)
        date = f"19{rng.randint(30, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append({"id": f"r{n}", "source": "rl", "first_name": first, "last_name": last,
                     "hire_date": date})  # fmt: skip
        if n % 5 == 0:
            copy = {**rows[-1], "id": f"c{n}", "hire_date": date[:-1] + str(rng.randint(0, 9))}
            if n % 15 == 0:
                copy.update(first_name=last, last_name=first, hire_date=date)
            rows.append(copy)
    return rows


@pytest.fixture(scope="module")
def trained() -> Matcher:
    matcher = Matcher(resource_settings())
    matcher.train(matcher.prepare(_records()))
    return matcher


def _names(matcher: Matcher, left: tuple[str, str], right: tuple[str, str]) -> dict[str, float]:
    rows = [
        {
            "id": side,
            "source": "rl",
            "first_name": first,
            "last_name": last,
            "hire_date": "1960-01-01",
        }
        for side, (first, last) in (("l", left), ("r", right))
    ]
    why = (
        Matcher(matcher.settings, matcher.model)
        .score(matcher.prepare(rows), np.array([[0, 1]]))
        .explain(0)
    )
    return {part.comparison: part.weight for part in why.comparisons if "swapped" in part.level}


def _level_weights(matcher: Matcher, label: str) -> float:
    assert matcher.model is not None
    total = 0.0
    for name in ("first_name", "last_name"):
        params = matcher.model.comparison(name)
        total += next(level.weight for level in params.levels if level.label == label)
    return total


def test_an_exchange_of_names_held_both_ways_weighs_less_than_a_plain_exchange(
    trained: Matcher,
) -> None:
    plain = _names(trained, ("hans", "mueller"), ("mueller", "hans"))
    both_ways = _names(trained, ("peter", "frank"), ("frank", "peter"))
    assert set(plain) == set(both_ways) == {"first_name", "last_name"}
    # nobody else is called Mueller as a given name: the level's weight, no more
    assert sum(plain.values()) == pytest.approx(_level_weights(trained, "swapped"))
    assert sum(both_ways.values()) < sum(plain.values()) - 2.0
    # an exchange never counts against a match
    assert min(both_ways.values()) >= 0.0


def test_an_exchange_with_a_slip_reads_the_slip_as_a_common_name(trained: Matcher) -> None:
    # "pepter" is held by no one: a slip of some given name, as common as a typical one
    slip = _names(trained, ("pepter", "frank"), ("frank", "peter"))
    plain = _names(trained, ("hans", "mueller"), ("mueler", "hans"))
    assert sum(plain.values()) == pytest.approx(_level_weights(trained, "swapped_alike"))
    assert sum(slip.values()) < sum(plain.values()) - 2.0
