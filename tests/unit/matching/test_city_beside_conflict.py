"""A shared city is something a steward links on only where nothing conflicts: a pair of one
name whose only agreement beside it is the city, with another number or mailbox of one firm's
scheme, is left apart in the review band, though the model weighs the city and links the pair
above the upper threshold."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pytest

from matching.comparison import Comparison, level_matrix
from matching.feature import field_feature, prepare_records
from matching.levels import Else, Exact, Null
from matching.model import ModelParameters, comparison_parameters
from matching.pair_view import PairView
from matching.presets.resource import resource_settings
from matching.scoring import beside_conflict, holds_evidence, score_pairs
from matching.thresholds import Thresholds

SETTINGS = resource_settings()
NAMES = {"first_name": "Youssef", "last_name": "Haddad"}
CITY = {"location_city": "Amsterdam"}


def _levels(left: Mapping[str, object], right: Mapping[str, object]) -> np.ndarray:
    batch = prepare_records(
        [{"id": "a", **NAMES, **left}, {"id": "b", **NAMES, **right}], SETTINGS.features
    )
    view = PairView(batch, batch, np.array([0]), np.array([1]))
    return level_matrix(SETTINGS.comparisons, view)


@pytest.mark.parametrize(
    ("left", "right", "beside"),
    [
        # the city and another number, or another mailbox, of one firm's scheme
        ({**CITY, "employee_number": "E12345"}, {**CITY, "employee_number": "E54321"}, True),
        ({**CITY, "email": "y.haddad@acme.com"}, {**CITY, "email": "y.haddad2@acme.com"}, True),
        # the city alone, or beside another job title (no scheme's value): evidence
        (CITY, CITY, False),
        ({**CITY, "title": "Principal"}, {**CITY, "title": "Senior Associate"}, False),
        # numbers of two schemes say nothing
        ({**CITY, "employee_number": "E12345"}, {**CITY, "employee_number": "851890"}, False),
        # a phone both hold is evidence of its own, whatever conflicts
        (
            {**CITY, "employee_number": "E12345", "phone": "+31 20 541 5131"},
            {**CITY, "employee_number": "E54321", "phone": "+31 20 541 5131"},
            False,
        ),
        # no shared city: nothing of the kind
        (
            {"location_city": "Rotterdam", "employee_number": "E12345"},
            {**CITY, "employee_number": "E54321"},
            False,
        ),
    ],
)
def test_a_city_beside_a_conflict_is_all_a_pair_holds(
    left: dict[str, object], right: dict[str, object], beside: bool
) -> None:
    levels = _levels(left, right)
    assert bool(beside_conflict(SETTINGS.comparisons, levels)[0]) is beside
    if beside:
        # the city is still evidence the model weighs (its probability is not capped)
        assert bool(holds_evidence(SETTINGS.comparisons, levels)[0])


def test_shared_evidence_levels_must_be_evidence_levels() -> None:
    with pytest.raises(ValueError, match="shared evidence"):
        Comparison(
            "city", "city", (Null(), Exact(), Else()), shared_evidence_levels=frozenset({"exact"})
        )


def test_a_band_pair_whose_city_meets_a_conflict_is_left_apart_and_links_above_the_bar() -> None:
    """Prior odds 1:2^10; an exact name +9 bits, a rare one +12, the city +2.5, another
    number of one scheme -1: names, city and conflict p 0.59 (left apart) and with the rare
    name 0.92 (linked: not held to the bar of pairs without evidence); names and city alone
    0.74 (queued); names and conflict alone 0.20 (apart)."""
    name = Comparison("name", "name", (Null(), Exact(), Exact("rare", feature="rare"), Else()))
    city = Comparison(
        "city", "city", (Null(), Exact(), Else()),
        evidence_levels=frozenset({"exact"}), shared_evidence_levels=frozenset({"exact"}),
    )  # fmt: skip
    number = Comparison(
        "number", "number", (Null(), Exact(), Exact("same_scheme", feature="scheme"), Else()),
        conflict_levels=frozenset({"same_scheme"}), evidence_levels=frozenset({"exact"}),
    )  # fmt: skip
    features = [
        field_feature(f, transform=str) for f in ("name", "rare", "city", "number", "scheme")
    ]
    rows = [
        {"id": "a", "name": "Sanne Vos", "city": "Delft", "number": "E1", "scheme": "E"},
        {"id": "b", "name": "Sanne Vos", "city": "Delft", "number": "E2", "scheme": "E"},
        {"id": "c", "name": "Sanne V", "rare": "v", "city": "Delft", "number": "E3", "scheme": "E"},
        {"id": "d", "name": "Sanne W", "rare": "v", "city": "Delft", "number": "E4", "scheme": "E"},
        {"id": "e", "name": "Sanne Vos", "city": "Delft"},
        {"id": "f", "name": "Sanne Vos", "number": "E5", "scheme": "E"},
    ]
    batch = prepare_records(rows, features)
    model = ModelParameters(
        prior=1.0 / (1.0 + 2.0**10),
        comparisons=(
            comparison_parameters(
                "name", name.labels, np.array([1.0, 0.5, 0.4, 0.1]),
                np.array([1.0, 0.5 / 2.0**9, 0.4 / 2.0**12, 0.99]),
            ),
            comparison_parameters(
                "city", city.labels, np.array([1.0, 0.9, 0.1]),
                np.array([1.0, 0.9 / 2.0**2.5, 0.9]),
            ),
            comparison_parameters(
                "number", number.labels, np.array([1.0, 0.8, 0.1, 0.1]),
                np.array([1.0, 0.8 / 2.0**10, 0.2, 0.5]),
            ),
        ),
    )  # fmt: skip
    pairs = np.array([[0, 1], [2, 3], [0, 4], [1, 5]])
    scored = score_pairs(
        (name, city, number), model, batch, batch, pairs, 0.7, without_evidence=0.97
    )
    assert scored.probability.round(2).tolist() == [0.59, 0.92, 0.74, 0.2]
    assert scored.decidable.tolist() == [False, False, True, False]
    # the scores keep which pairs hold a city beside a conflict, row by row
    assert scored.beside_conflict.tolist() == [True, True, False, False]
    assert scored.rows(np.array([2, 0])).beside_conflict.tolist() == [False, True]
    thresholds = Thresholds(upper=0.9, without_evidence=0.97)
    assert thresholds.decide_all(scored.probability, scored.decidable).tolist() == [
        "distinct", "auto", "review", "distinct",
    ]  # fmt: skip
