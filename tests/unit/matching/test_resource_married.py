"""A person whose last name changed (a marriage) between two systems: the different last name
weighs what training finds it to (about the share of renamed people among the matches), so
an identifier, a phone, a mailbox or a date with a city carries the pair; a first name and a
city do not, as namesakes share them. (A first name and a birth date are data-dependent:
24 of 42 such pairs in RLdata10000 with one person in ten renamed are one person, and the
model scores them 0.60 on average.)"""

from __future__ import annotations

import math
import random

import pytest

from matching import Matcher
from tests.unit.matching.helpers import FIRST, LAST, scored, trained_resources

PEOPLE = 600
RENAMED = 0.1


def _people(renamed: float) -> list[dict[str, object]]:
    """``PEOPLE`` people in an HR system, two in three again in a PSA system fed from it (the
    same employee number), ``renamed`` of those under another last name there."""
    rng = random.Random(11)
    records: list[dict[str, object]] = []
    for n in range(PEOPLE):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        person = {
            "first_name": first,
            "last_name": last,
            "email": f"{first}.{last}{n}@acme.com".lower(),
            "phone": f"+4930{n:07d}",
            "hire_date": f"{rng.randrange(1990, 2024)}-{rng.randrange(1, 13):02d}-"
            f"{rng.randrange(1, 29):02d}",
            "location_city": rng.choice(("Berlin", "Hamburg", "Munich", "Cologne")),
            "employee_number": f"E{n:05d}",
        }
        records.append({"id": f"hr:{n}", "source": "hr", **person})
        if n % 3:
            other = rng.choice(LAST) if rng.random() < renamed else last
            records.append({"id": f"psa:{n}", "source": "psa", **person, "last_name": other})
    return records


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return trained_resources(_people(RENAMED))


@pytest.fixture(scope="module")
def unrenamed() -> Matcher:
    return trained_resources(_people(0.0))


def _else_weight(matcher: Matcher) -> float:
    assert matcher.model is not None
    last = next(c for c in matcher.model.comparisons if c.name == "last_name")
    return last.levels[-1].weight


def test_a_different_last_name_weighs_about_the_share_renamed(
    matcher: Matcher, unrenamed: Matcher
) -> None:
    assert abs(_else_weight(matcher) - math.log2(RENAMED)) < 1.5
    # where no one was renamed, as much as any field's disagreement may (m_constraints)
    assert -7.0 < _else_weight(unrenamed) < _else_weight(matcher)


HR = {"id": "hr:new", "source": "hr", "first_name": "Frimund", "last_name": "Bauer"}
PSA = {"id": "psa:new", "source": "psa", "first_name": "Frimund", "last_name": "Wolfhold"}


@pytest.mark.parametrize(
    "shared",
    [
        {"employee_number": "E99999"},
        {"phone": "+49304711230"},
        {"email": "frimund.bauer@acme.com"},
        {"hire_date": "2001-02-03", "location_city": "Hamburg"},
    ],
)
def test_a_renamed_person_links_on_what_tells_one_person(
    matcher: Matcher, shared: dict[str, str]
) -> None:
    probability, weight = scored(matcher, {**HR, **shared}, {**PSA, **shared}, "last_name")
    assert weight < 0.0
    assert probability >= matcher.thresholds.upper


@pytest.mark.parametrize(
    "shared",
    [{"employee_number": "E99999"}, {"phone": "+49304711230"}, {"email": "frimund.bauer@acme.com"}],
)
def test_an_identifier_carries_a_renamed_person_though_training_saw_no_one_renamed(
    unrenamed: Matcher, shared: dict[str, str]
) -> None:
    probability, _ = scored(unrenamed, {**HR, **shared}, {**PSA, **shared}, "last_name")
    assert probability >= unrenamed.thresholds.upper


def test_a_first_name_and_a_city_beside_another_last_name_are_namesakes(matcher: Matcher) -> None:
    place = {"location_city": "Hamburg"}
    probability, _ = scored(matcher, {**HR, **place}, {**PSA, **place}, "last_name")
    assert probability < matcher.thresholds.lower
