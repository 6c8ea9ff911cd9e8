"""A department is weak evidence about a person: the same department (or one system's coarse
name within another's finer one) says a little. Two different departments of one list (one
system's, or two systems keeping the same list) are two departments: evidence against, as
much as training shows. Two of two lists (each firm's systems name departments in their own
words) say nothing."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matching import Matcher
from tests.unit.matching.helpers import FIRST, LAST, scored, trained_resources

ACME = ("Risk & Compliance", "Data & Analytics", "Strategy", "Cyber Security", "Operations")
BETA = ("Risk", "Data Science", "Advisory", "Digital")


def _people() -> list[dict[str, object]]:
    """300 people in one firm's HR system, half again in its staffing system (the same
    departments) and a third in an acquired firm's HR system (its own departments)."""
    rng = random.Random(5)
    records: list[dict[str, object]] = []
    for n in range(300):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        person = {
            "first_name": first,
            "last_name": last,
            "location_city": rng.choice(("London", "Leeds", "York")),
            "country": "GB",
            "department": rng.choice(ACME),
        }
        email = f"{first.lower()}.{last.lower()}{n}@acme.com"
        records.append({"id": f"hr:{n}", "source": "hr", **person, "email": email})
        if n % 2 == 0:
            records.append({"id": f"psa:{n}", "source": "psa", **person, "email": email})
        if n % 3 == 0:
            moved = {**person, "department": rng.choice(BETA)}
            records.append({"id": f"beta:{n}", "source": "beta", **moved})
    return records


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return trained_resources(_people())


def _score(matcher: Matcher, left: str | None, right: str | None) -> tuple[float, float]:
    """(probability, department weight) of two records of one name and city."""
    person = {"first_name": "Gunmund", "last_name": "Wolfig", "location_city": "Leeds"}
    one = {"id": "hr:new", "source": "hr", **person, "department": left}
    other = {"id": "beta:new", "source": "beta", **person, "department": right}
    return scored(matcher, one, other, "department")


def test_the_same_department_is_some_evidence(matcher: Matcher) -> None:
    same, weight = _score(matcher, "Risk & Compliance", "risk and compliance")
    missing, _ = _score(matcher, "Risk & Compliance", None)
    assert weight > 0.0
    assert same > missing


def test_two_departments_weigh_as_much_as_one_missing(matcher: Matcher) -> None:
    different, weight = _score(matcher, "Cyber Security", "Advisory")
    missing, _ = _score(matcher, None, "Advisory")
    assert weight == 0.0
    assert different == pytest.approx(missing)


def test_a_coarse_department_within_a_finer_one_is_no_evidence_against(
    matcher: Matcher,
) -> None:
    _, weight = _score(matcher, "Risk & Compliance", "Risk")
    assert weight >= 0.0


def _bulk_weights(
    matcher: Matcher, pairs: list[tuple[dict[str, object], dict[str, object]]]
) -> list[float]:
    """The department weight of each pair scored in one batch with the training records (the
    systems' lists are read from them), two records of one name and city."""
    person = {"first_name": "Gunmund", "last_name": "Wolfig", "location_city": "Leeds"}
    extra = [
        {**person, **record, "id": f"{record['source']}:new{n}"}
        for n, record in enumerate(record for pair in pairs for record in pair)
    ]
    batch = matcher.prepare([*_people(), *extra])
    first = len(batch) - len(extra)
    rows = np.arange(first, len(batch), 2)
    scored = matcher.score(batch, np.stack([rows, rows + 1], axis=1))
    column = [c.name for c in matcher.settings.comparisons].index("department")
    return scored.weights[:, column].tolist()


def test_two_departments_of_one_list_weigh_against(matcher: Matcher) -> None:
    one_system = (
        {"source": "hr", "department": "Strategy"},
        {"source": "hr", "department": "Operations"},
    )
    one_list = (
        {"source": "hr", "department": "Strategy"},
        {"source": "psa", "department": "Operations"},
    )
    two_lists = (
        {"source": "hr", "department": "Strategy"},
        {"source": "beta", "department": "Digital"},
    )
    missing = ({"source": "hr", "department": "Strategy"}, {"source": "psa"})
    within, across, apart, unknown = _bulk_weights(
        matcher, [one_system, one_list, two_lists, missing]
    )
    assert within < -1.0
    assert across < -1.0
    assert apart == 0.0
    assert unknown == 0.0
