"""A person's skills as two systems list them: one lists what the person is staffed on, the
other everything, so the share of the shorter list found in the longer one is the evidence."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matching import Matcher
from matching.presets.resource import resource_settings
from tests.unit.matching.helpers import FIRST, LAST
from tests.unit.matching.preset_levels import preset_level

SETTINGS = resource_settings()
SKILLS = ("Python", "SQL", "SAP", "Kubernetes", "Excel", "Tableau", "Java", "Scrum", "AWS", "dbt")


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("Python;SQL;SAP", "sap; sql ;python", "same_skills"),
        (["Python", "SQL"], "python;SQL", "same_skills"),
        ("Python;SQL", "Python;SQL;SAP;Java", "most_of_the_shorter"),
        ("Python;SQL;SAP;Java", "Python;Excel;Scrum", "a_skill_in_common"),
        ("Python;SQL", "Excel;Scrum", "none_in_common"),
        ("Python;SQL", None, "null"),
        (";", "Python", "null"),
    ],
)
def test_skills_levels(left: object, right: object, level: str) -> None:
    assert preset_level(SETTINGS, "skills", {"skills": left}, {"skills": right}) == level


def _people() -> list[dict[str, object]]:
    """200 people in an HR system listing all their skills and a staffing system listing two
    of them (as often none)."""
    rng = random.Random(11)
    records: list[dict[str, object]] = []
    for n in range(200):
        skills = rng.sample(SKILLS, 4)
        person = {"first_name": rng.choice(FIRST), "last_name": rng.choice(LAST)}
        email = f"p{n}@acme.com"
        records.append(
            {"id": f"hr:{n}", "source": "hr", **person, "email": email, "skills": ";".join(skills)}
        )
        staffed = ";".join(skills[:2]) if n % 2 else None
        records.append(
            {"id": f"psa:{n}", "source": "psa", **person, "email": email, "skills": staffed}
        )
    return records


@pytest.fixture(scope="module")
def weights() -> dict[str, float]:
    matcher = Matcher(resource_settings())
    model = matcher.train(matcher.prepare(_people()))
    column = [c.name for c in SETTINGS.comparisons].index("skills")
    labels = SETTINGS.comparisons[column].labels
    return dict(zip(labels, model.comparisons[column].weights().tolist(), strict=True))


def test_more_skills_in_common_weigh_more(weights: dict[str, float]) -> None:
    assert weights["same_skills"] >= weights["most_of_the_shorter"] > 0.0
    assert weights["most_of_the_shorter"] >= weights["a_skill_in_common"] >= 0.0


def test_nothing_in_common_weighs_against_and_missing_nothing(weights: dict[str, float]) -> None:
    assert weights["none_in_common"] < 0.0
    assert weights["null"] == 0.0


def test_sets_of_many_distinct_values_are_compared_whole() -> None:
    """More distinct skills in the batch than one 64-bit word holds, and two batches (one
    record scored against candidates) read with one numbering."""
    from matching.feature import Feature, prepare_records
    from matching.levels_sets import SharedAtLeast
    from matching.pair_view import PairView

    features = [Feature("skills", lambda record: tuple(record["skills"]) or None)]  # type: ignore[arg-type]
    many = [{"id": f"s{n}", "skills": [f"skill {n}", f"skill {n + 1}"]} for n in range(100)]
    stored = prepare_records(many, features)
    probe = prepare_records(
        [{"id": "p", "skills": ["skill 98", "skill 99", "skill 500"]}], features
    )
    view = PairView(probe, stored, np.zeros(4, dtype=np.int64), np.array([0, 97, 98, 99]))
    most = SharedAtLeast("most", share=0.5).mask(view, "skills").tolist()
    some = SharedAtLeast("some").mask(view, "skills").tolist()
    # stored s97 holds skill 98 (one of its two), s98 holds 98 and 99, s99 holds 99
    assert some == [False, True, True, True]
    assert most == [False, True, True, True]
    inside = PairView(stored, stored, np.array([0, 10]), np.array([1, 12]))
    assert SharedAtLeast("some").mask(inside, "skills").tolist() == [True, False]
