"""Two customers whose names have no word alike are never linked automatically, however much
else they share (two restaurants of one hotel: its street, its switchboard); names with a word
in common are weighed as before."""

from __future__ import annotations

import numpy as np
import pytest

from matching.engine import Matcher
from matching.levels import AWordAlike
from matching.pair_view import PairView
from matching.presets import settings_for
from tests.unit.matching.preset_levels import preset_level

SETTINGS = settings_for("customer")
HOTEL = {"address_line1": "3570 Las Vegas Blvd. S", "city": "Las Vegas", "country": "US"}


def _level(left: str, right: str) -> str:
    return preset_level(SETTINGS, "name_words", {"name": left}, {"name": right})


def test_a_shared_word_a_slip_an_abbreviation_or_initials_is_a_word_alike() -> None:
    assert _level("Fenix", "Fenix at the Argyle") == "a_word_alike"
    assert _level("Southview Technologies", "Southviw Technlogies Ltd") == "a_word_alike"
    assert _level("Orion Labs", "Oroin Laabs") == "a_word_alike"  # two letters swapped
    assert _level("Koorea eireless", "Korexa Wierless AB") == "a_word_alike"  # a slip in each
    assert _level("Stne. Cons. Inc.", "Stonestar Construction") == "a_word_alike"
    assert _level("IBM", "International Business Machines") == "a_word_alike"
    assert _level("DE Tuchnologies", "de Technologies B.V.") == "a_word_alike"  # "de" names


def test_connectives_legal_forms_and_short_slips_are_not_alike() -> None:
    assert _level("Palace Court", "Cafe Roma") == "else"
    assert _level("The Steak House", "The Circus Circus") == "else"  # "the" names nothing
    assert _level("Acme Ltd", "Zenith Ltd") == "else"  # the legal form is no word of the name
    assert _level("BP", "BT") == "else"  # one letter apart, but too short to call a slip


def _records() -> list[dict[str, object]]:
    pair = [
        {**HOTEL, "id": "1", "source": "fodors", "name": "Palace Court", "phone": "702/731-7547"},
        {**HOTEL, "id": "2", "source": "zagat", "name": "Cafe Roma", "phone": "702-731-7547"},
        {**HOTEL, "id": "3", "source": "zagat", "name": "Palace Court", "phone": "702-731-7547"},
    ]
    filler = [
        {
            "id": str(i), "source": "fodors" if i % 2 else "zagat", "name": f"Diner {i:03d}",
            "address_line1": f"{i} Main St.", "city": "Las Vegas", "country": "US",
            "phone": f"702-555-{i:04d}",
        }
        for i in range(4, 400)
    ]  # fmt: skip
    return pair + filler


def test_names_with_nothing_alike_go_to_a_steward_whatever_else_agrees() -> None:
    records = _records()
    matcher = Matcher(SETTINGS)
    matcher.train(matcher.prepare(records))
    ranked = {left: (p, e) for left, p, e in matcher.score_against(records[0], records[1:3])}
    unlike, unlike_explanation = ranked["2"]
    same, same_explanation = ranked["3"]
    assert unlike_explanation.review_forced and unlike < SETTINGS.thresholds.upper
    assert not same_explanation.review_forced and same >= SETTINGS.thresholds.upper
    weights = {c.comparison: c.weight for c in unlike_explanation.comparisons}
    assert weights["name_words"] == 0.0  # a veto, not a weight: the name comparison weighs


def test_training_does_not_evaluate_a_comparison_that_weighs_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The veto weighs nothing, so u from random pairs and EM sessions skip it (at 100,000
    customers it was a million word-by-word tests); candidate pairs still meet it."""
    veto = next(c for c in SETTINGS.comparisons if c.name == "name_words")
    assert veto.weighs_nothing
    assert not any(c.weighs_nothing for c in SETTINGS.comparisons if c.name != "name_words")
    tested: list[int] = []
    real = AWordAlike.mask

    def counted(self: AWordAlike, view: PairView, feature: str) -> np.ndarray:
        tested.append(len(view))
        return real(self, view, feature)

    monkeypatch.setattr(AWordAlike, "mask", counted)
    records = _records()
    matcher = Matcher(SETTINGS)
    prepared = matcher.prepare(records)
    matcher.train(prepared)
    assert tested == []
    pairs = matcher.candidate_pairs(prepared)
    levels = matcher.levels(prepared, pairs)
    assert sum(tested) > 0  # scoring meets it
    column = [c.name for c in SETTINGS.comparisons].index("name_words")
    assert (levels[:, column] > 0).all()  # every candidate pair has names on both sides
