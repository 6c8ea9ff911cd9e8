"""The per-record arrays the initial and crosswise levels gather instead of converting values
pair by pair: which values are one letter (``InitialIn``), and each value as text
(``crosswise``), made once per batch."""

from __future__ import annotations

import numpy as np

from matching.crosswise import _texts, crosswise
from matching.feature import object_array
from matching.levels_initials import InitialIn, _one_letter
from matching.pair_view import PairView
from tests.unit.matching.helpers import batch_of


def test_one_letter_is_a_value_of_one_letter() -> None:
    values = object_array(["j", "jo", None, "", "q"])
    assert _one_letter(values).tolist() == [True, False, False, False, True]


def test_texts_are_made_once_per_batch() -> None:
    prepared = batch_of(first=["ann", None], last=["b", "c"])
    texts = _texts(prepared, "first")
    assert texts.tolist() == ["ann", "None"]
    assert _texts(prepared, "first") is texts


def test_an_initial_among_the_other_sides_letters() -> None:
    prepared = batch_of(first=["j", "john", "r", None], last=["x", "jq", "er", "j"])
    view = PairView(prepared, prepared, np.array([0, 0, 2, 3]), np.array([1, 2, 1, 0]))
    # j in jq; j not in er nor r in x; r not in jq (john is no initial); j (right) in j
    assert InitialIn(other="last").mask(view, "first").tolist() == [True, False, False, True]


def test_crosswise_scores_only_pairs_whose_first_letters_agree() -> None:
    prepared = batch_of(first=["smith", "john", None], last=["john", "smyth", "smith"])
    view = PairView(prepared, prepared, np.array([0, 1, 2]), np.array([1, 0, 0]))
    scores = crosswise(view, "first", "last")
    assert scores[0] > 0.8 and scores[1] == 1.0 and scores[2] == 0.0
