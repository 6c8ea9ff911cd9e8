"""A test read where the two records also share a value: one name within the other at one
street address or one phone number."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matching.comparison import Comparison
from matching.feature import field_feature, prepare_records
from matching.levels import Else, Exact, Level, Null
from matching.levels_joint import ExactWhereKnown, KnownApart, WhereEqual
from matching.levels_words import WordsAlikeWithin
from matching.pair_view import PairView

WITHIN_AT_OFFICE = Comparison(
    "name",
    "name",
    (
        Null(),
        WhereEqual("within_at_office", test=WordsAlikeWithin(), equal=("street", "phone")),
        Else(),
    ),
)
FEATURES = [field_feature(name) for name in ("name", "street", "phone")]


def _levels(pairs: list[tuple[dict[str, object], dict[str, object]]]) -> list[str]:
    rows = [row for pair in pairs for row in pair]
    batch = prepare_records([{"id": str(n), **row} for n, row in enumerate(rows)], FEATURES)
    left = np.arange(0, len(rows), 2)
    view = PairView(batch, batch, left, left + 1)
    return [WITHIN_AT_OFFICE.labels[index] for index in WITHIN_AT_OFFICE.evaluate(view)]


def test_one_name_within_the_other_where_a_street_or_a_phone_is_shared() -> None:
    bones, restaurant = {"name": "bones"}, {"name": "bones restaurant"}
    street, phone = {"street": "1 main street"}, {"phone": "+14045551234"}
    assert _levels(
        [
            (bones | street, restaurant | street),
            (bones | phone, restaurant | phone | {"street": "9 elm road"}),
            (bones | street, restaurant | {"street": "9 elm road"}),  # a subsidiary's office
            (bones, restaurant),  # nothing shared to read the names by
            ({"name": "cafe roma"} | street, {"name": "palace court"} | street),
        ]
    ) == ["within_at_office", "within_at_office", "else", "else", "else"]


@dataclass(frozen=True)
class _Counting(Level):
    """Holds for every pair; notes how many pairs it was asked about."""

    asked: list[int] = field(default_factory=list)

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        self.asked.append(len(view))
        return np.ones(len(view), dtype=bool)


def test_the_test_reads_only_the_pairs_sharing_a_value() -> None:
    """A million random pairs seldom share a street: the test is asked of those alone."""
    counting = _Counting("any")
    level = WhereEqual("at_office", test=counting, equal=("street", "phone"))
    rows = [{"name": f"acme {n}", "street": f"{n} main street"} for n in range(600)]
    rows += [{"name": "acme", "street": "7 main street"}]
    batch = prepare_records([{"id": str(n), **row} for n, row in enumerate(rows)], FEATURES)
    # neighbours 0-1, 1-2, ... 598-599, then 7 and the record at 7's street
    view = PairView(batch, batch, np.r_[np.arange(599), 7], np.r_[np.arange(1, 600), 600])
    hits = level.mask(view, "name")
    assert counting.asked == [1]
    assert np.flatnonzero(hits).tolist() == [599]


def test_a_word_naming_another_company_of_a_group_keeps_a_name_from_being_within() -> None:
    """At one address, "Acme" / "Acme Holdings" are a company and its holding company: a word
    of ``apart_words`` held by one name only keeps it from being within the other."""
    level = WordsAlikeWithin(apart_words=frozenset({"holdings", "group"}))
    rows = [
        {"name": "acme"}, {"name": "acme holdings"},
        {"name": "acme group"}, {"name": "acme group restaurant"},
        {"name": "acme"}, {"name": "acme restaurant"},
    ]  # fmt: skip
    batch = prepare_records([{"id": str(n), **row} for n, row in enumerate(rows)], FEATURES)
    left = np.arange(0, len(rows), 2)
    view = PairView(batch, batch, left, left + 1)
    assert level.mask(view, "name").tolist() == [False, True, True]
    assert WordsAlikeWithin().mask(view, "name").tolist() == [True, True, True]


def test_equal_values_where_another_feature_is_held_by_both_records() -> None:
    """The same country where both records name a city; not where either leaves it out."""
    moved = Comparison(
        "place",
        "country",
        (Null(), ExactWhereKnown("moved", feature="country", known=("city",)), Else()),
    )
    rows = [
        ({"country": "US", "city": "chester"}, {"country": "US", "city": "bedminster"}),
        ({"country": "US", "city": "chester"}, {"country": "US"}),
        ({"country": "US", "city": "chester"}, {"country": "JP", "city": "atsugi"}),
    ]
    flat = [row for pair in rows for row in pair]
    features = [field_feature(name) for name in ("country", "city")]
    batch = prepare_records([{"id": str(n), **row} for n, row in enumerate(flat)], features)
    left = np.arange(0, len(flat), 2)
    view = PairView(batch, batch, left, left + 1)
    assert [moved.labels[i] for i in moved.evaluate(view)] == ["moved", "else", "else"]


def test_equal_amounts_in_two_currencies_are_known_apart() -> None:
    rate = Comparison(
        "rate",
        "rate",
        (Null(), KnownApart("other_currency", feature="currency", test=Exact()), Exact(), Else()),
    )
    rows = [
        ({"rate": "85", "currency": "GBP"}, {"rate": "85", "currency": "EUR"}),
        ({"rate": "85", "currency": "GBP"}, {"rate": "85", "currency": "GBP"}),
        ({"rate": "85", "currency": "GBP"}, {"rate": "85"}),  # one currency unknown
        ({"rate": "85", "currency": "GBP"}, {"rate": "90", "currency": "EUR"}),
    ]
    records = [{"id": str(n), **row} for n, row in enumerate(r for pair in rows for r in pair)]
    batch = prepare_records(records, [field_feature("rate"), field_feature("currency")])
    left = np.arange(0, len(records), 2)
    levels = rate.evaluate(PairView(batch, batch, left, left + 1))
    assert [rate.labels[level] for level in levels] == ["other_currency", "exact", "exact", "else"]
