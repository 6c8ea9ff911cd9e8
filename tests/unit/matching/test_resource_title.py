"""A job title is picked from a list each firm keeps. Two titles of one list (one system's, or
an HR system's and the staffing system's fed from it) are two grades: evidence against, as
much as training shows. Two titles of two firms' lists (one's ``Senior Consultant``, the
other's ``Senior Associate``) say nothing about whether the records are one person."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matching import Matcher
from tests.unit.matching.helpers import FIRST, LAST, trained_resources

ACME = ("Analyst", "Consultant", "Senior Consultant", "Manager", "Principal")
BETA = ("Associate", "Senior Associate", "Engagement Manager", "Director")

Pair = tuple[dict[str, object], dict[str, object]]


def _people() -> list[dict[str, object]]:
    """300 people in one firm's HR system, half again in its staffing system (the same title)
    and a third in an acquired firm's HR system (a title of its own list)."""
    rng = random.Random(11)
    records: list[dict[str, object]] = []
    for n in range(300):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        person = {
            "first_name": first,
            "last_name": last,
            "location_city": rng.choice(("London", "Leeds", "York")),
            "country": "GB",
            "title": rng.choice(ACME),
        }
        email = f"{first.lower()}.{last.lower()}{n}@acme.com"
        records.append({"id": f"hr:{n}", "source": "hr", **person, "email": email})
        if n % 2 == 0:
            records.append({"id": f"psa:{n}", "source": "psa", **person, "email": email})
        if n % 3 == 0:
            moved = {**person, "title": rng.choice(BETA)}
            records.append({"id": f"beta:{n}", "source": "beta", **moved})
    return records


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return trained_resources(_people())


def _bulk_weights(matcher: Matcher, pairs: list[Pair]) -> list[float]:
    """The title weight of each pair scored in one batch with the training records (the
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
    column = [c.name for c in matcher.settings.comparisons].index("title")
    return scored.weights[:, column].tolist()


def test_titles_of_two_firms_lists_weigh_nothing(matcher: Matcher) -> None:
    one_system: Pair = (
        {"source": "hr", "title": "Consultant"},
        {"source": "hr", "title": "Principal"},
    )
    one_list: Pair = (
        {"source": "hr", "title": "Consultant"},
        {"source": "psa", "title": "Principal"},
    )
    two_lists: Pair = (
        {"source": "hr", "title": "Senior Consultant"},
        {"source": "beta", "title": "Senior Associate"},
    )
    same: Pair = ({"source": "hr", "title": "Manager"}, {"source": "psa", "title": "Manager"})
    missing: Pair = ({"source": "hr", "title": "Manager"}, {"source": "beta"})
    within, across, apart, agree, unknown = _bulk_weights(
        matcher, [one_system, one_list, two_lists, same, missing]
    )
    assert within < -1.0
    assert across < -1.0
    assert apart == 0.0
    assert agree > 0.0
    assert unknown == 0.0
