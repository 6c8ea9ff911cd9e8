"""A full name other people hold weighs as often as they hold it, whether the pair's first
names agree as written or as a nickname and its canonical name (``matching.joint_weights``):
Jon Hull against John R. Hull meets every other John Hull too. A first name cut to its
initial is left to the letters that weigh it."""

from __future__ import annotations

import numpy as np
import pytest

from matching.comparison import Comparison
from matching.feature import Prepared, field_feature, prepare_records
from matching.joint_frequency import SEPARATOR
from matching.joint_weights import one_value_levels, weigh_jointly
from matching.levels import Else, Exact, Null
from matching.levels_initials import InitialIn
from matching.model import ModelParameters, comparison_parameters
from matching.term_frequency import TermFrequencies

FIRST = Comparison(
    "first_name",
    "first",
    (
        Null(),
        Exact(term_frequency=True),
        Exact("same_canonical", feature="canonical"),
        InitialIn(other="initial"),
        Else(),
    ),
)
LAST = Comparison(
    "last_name", "last", (Null(), Exact(term_frequency=True), Else()), tf_jointly_with="first_name"
)
EXACT, SAME_CANONICAL, INITIAL = 1, 2, 3
RECORDS = 1000
HULLS = 4  # John Hulls: three other people's records in the batch's thousand
LAST_U = 0.001
ALONE = float(np.log2(0.95 / LAST_U))


def _model() -> ModelParameters:
    first = comparison_parameters(
        "first_name",
        FIRST.labels,
        np.array([1.0, 0.9, 0.05, 0.03, 0.02]),
        np.array([1.0, 0.01, 0.0001, 0.01, 0.9799]),
    )
    last = comparison_parameters(
        "last_name", LAST.labels, np.array([1.0, 0.95, 0.05]), np.array([1.0, LAST_U, 1 - LAST_U])
    )
    joint = TermFrequencies(
        "last_name.jointly.first_name", RECORDS, {f"john{SEPARATOR}hull": HULLS}
    )
    return ModelParameters(
        prior=0.001,
        comparisons=(first, last),
        term_frequencies={"last_name.jointly.first_name": joint},
        batch_prior=0.0,  # no copies expected: the share is the other records'
    )


def _batch() -> Prepared:
    rows = [("john", "john", "j", "hull"), ("jon", "john", "j", "hull"), ("j", "j", "j", "hull")]
    records = [
        {"id": str(n), "first": first, "canonical": canonical, "initial": initial, "last": last}
        for n, (first, canonical, initial, last) in enumerate(rows)
    ]
    features = [field_feature(name, transform=str) for name in records[0] if name != "id"]
    return prepare_records(records, features)


def _weighed(first_level: int, right: int, first_u: float) -> float:
    """The last name's weight of John Hull (record 0) against record ``right``, the first
    names at ``first_level`` weighed by ``first_u``."""
    model = _model()
    levels = np.array([[first_level, EXACT]])
    u_used = np.array([[first_u, LAST_U]])
    weights = np.log2(np.array([[0.9, 0.95]]) / u_used)
    batch = _batch()
    pairs = np.array([[0, right]])
    scores = (weights, u_used)
    weigh_jointly((FIRST, LAST), model, 1, levels, ((batch, batch), pairs), scores)
    return float(weights[0, 1])


def _jointly(first_u: float) -> float:
    """The last name's weight where the two names' u is the other John Hulls' share."""
    excess = np.log2((HULLS - 1) / RECORDS / (first_u * LAST_U))
    return max(ALONE - excess, 0.0)


def test_only_levels_of_one_name_read_the_full_names() -> None:
    assert one_value_levels(FIRST).tolist() == [False, True, True, False, False]


def test_a_full_name_other_people_hold_weighs_as_they_hold_it() -> None:
    assert _weighed(EXACT, 0, 0.01) == pytest.approx(_jointly(0.01))
    assert 0.0 < _jointly(0.01) < ALONE


def test_a_nickname_of_a_full_name_other_people_hold_weighs_no_more_than_the_name() -> None:
    # Jon Hull's pair with John Hull: the John Hulls' share, read from the other record
    assert _weighed(SAME_CANONICAL, 1, 0.004) == pytest.approx(_jointly(0.004))
    assert _weighed(SAME_CANONICAL, 1, 0.004) < _weighed(EXACT, 0, 0.01)


def test_a_first_name_cut_to_its_initial_leaves_the_last_name_weighed_alone() -> None:
    assert _weighed(INITIAL, 2, 0.002) == pytest.approx(ALONE)
