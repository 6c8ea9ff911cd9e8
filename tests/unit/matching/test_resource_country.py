"""A shared country is no evidence that two records are one person: names are national, so two
people of one name share a country far more often than two random records do, and a country
weighed by random pairs' agreement made namesakes look like one person."""

from __future__ import annotations

import random

import pytest

from matching import Matcher
from tests.unit.matching.helpers import FIRST, LAST, scored, trained_resources

COUNTRIES = ("DE", "GB", "FR", "NL", "PL", "SE", "ES", "IT")


def _people() -> list[dict[str, object]]:
    """400 people in eight countries, each country with its own few names (namesakes in one
    country are common), half of them again in a second system with the same country."""
    rng = random.Random(7)
    records: list[dict[str, object]] = []
    for n in range(400):
        land = rng.randrange(len(COUNTRIES))
        person = {
            "first_name": rng.choice(FIRST[land * 3 : land * 3 + 3]),
            "last_name": rng.choice(LAST[land * 3 : land * 3 + 4]),
            "country": COUNTRIES[land],
            "email": f"p{n}@firm{land}.com",
        }
        records.append({"id": f"hr:{n}", "source": "hr", **person})
        if n % 2 == 0:
            records.append({"id": f"psa:{n}", "source": "psa", **person})
    return records


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return trained_resources(_people())


def _score(matcher: Matcher, left: str | None, right: str | None) -> tuple[float, float]:
    """(probability, location weight) of two records of one name, by their countries."""
    person = {"first_name": FIRST[0], "last_name": LAST[0]}
    one = {"id": "hr:new", "source": "hr", **person, "country": left}
    other = {"id": "psa:new", "source": "psa", **person, "country": right}
    return scored(matcher, one, other, "location")


def test_the_same_country_beside_a_name_weighs_as_much_as_none(matcher: Matcher) -> None:
    same, weight = _score(matcher, "DE", "DE")
    missing, _ = _score(matcher, "DE", None)
    assert weight == 0.0
    assert same == pytest.approx(missing)


def test_two_countries_still_weigh_against(matcher: Matcher) -> None:
    same, _ = _score(matcher, "DE", "DE")
    different, weight = _score(matcher, "DE", "FR")
    assert weight < 0.0
    assert different < same
