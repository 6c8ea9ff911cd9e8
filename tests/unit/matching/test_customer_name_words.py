"""Two customers whose names each hold a word of their own, nothing alike, are never linked
automatically, however much else they share (two restaurants of one hotel: its name, its
street, its switchboard); a name within the other ("Bones" / "Bones Restaurant"), or one with
slips, is weighed as before."""

from __future__ import annotations

import numpy as np
import pytest

import matching.comparison as comparison_module
from matching.engine import Matcher
from matching.levels_words import WordsAlikeWithin, words_alike_within
from matching.pair_view import PairView
from matching.presets import settings_for
from tests.unit.matching.preset_levels import preset_level

SETTINGS = settings_for("customer")
HOTEL = {"address_line1": "3570 Las Vegas Blvd. S", "city": "Las Vegas", "country": "US"}


def _level(left: str, right: str, city: str | None = None) -> str:
    return preset_level(
        SETTINGS, "name_words", {"name": left, "city": city}, {"name": right, "city": city}
    )


def test_a_name_within_the_other_shortened_or_with_slips_is_within() -> None:
    assert _level("Fenix", "Fenix at the Argyle") == "words_within"
    assert _level("Bones", "Bones Restaurant") == "words_within"
    assert _level("Acme Group HQ", "ACME") == "words_within"
    assert _level("Highstone Asset Management Europe", "HIGHSTONE ASSET MANAGEMENT EU") == (
        "words_within"
    )  # cut short at the field's length
    assert _level("Ritz-Carlton Cafe (Buckhead)", "Cafe Ritz-Carlton Buckhead") == "words_within"
    assert _level("Southview Technologies", "Southviw Technlogies Ltd") == "words_within"
    assert _level("Koorea eireless", "Korexa Wierless AB") == "words_within"  # a slip in each
    assert _level("Stne. Cons. Inc.", "Stonestar Construction") == "words_within"
    assert _level("IBM", "International Business Machines") == "words_within"
    assert _level("Quantum Energy Ltd.", "Quantum Rnergy Ltd.") == "words_within"
    assert _level("LV Health Partners", "LGV Health Partners") == "words_within"
    # the same word with slips on each side, one of them expanded ("Labs" -> "laboratories")
    assert _level("Sapphire Lasb S.r.l.", "Sapphire Labs S.r.l.") == "words_within"
    assert _level("Atlas Pahrma B.V.", "Atlas Pharma") == "words_within"


def test_names_that_each_hold_a_word_of_their_own_are_two_things() -> None:
    assert _level("Palace Court", "Cafe Roma") == "else"
    assert _level("The Steak House", "The Circus Circus") == "else"  # "the" names nothing
    assert _level("Acme Ltd", "Zenith Ltd") == "else"  # the legal form is no word of the name
    assert _level("BP", "BT") == "else"  # one letter apart, but too short to call a slip
    assert _level("Cafe Ritz-Carlton Buckhead", "Dining Room Ritz-Carlton Buckhead") == "else"
    assert _level("Ritz-Carlton Restaurant", "Ritz-Carlton Cafe (Atlanta)", "Atlanta") == "else"


def test_the_place_a_name_carries_is_no_word_of_its_own() -> None:
    long, short = "Ritz-Carlton Restaurant and Dining Room", "Ritz-Carlton Dining Room (SF)"
    assert _level(long, short) == "else"
    assert _level(long, short, "SF") == "words_within"


def test_words_alike_within_reads_folded_names_either_way_round() -> None:
    assert words_alike_within("bones", "bones restaurant")
    assert words_alike_within("bones restaurant", "bones")
    assert not words_alike_within("cafe roma", "palace court")
    assert words_alike_within("spago los angeles", "spago", places="los angeles")


def _records() -> list[dict[str, object]]:
    pair = [
        {**HOTEL, "id": "1", "source": "fodors", "name": "Palace Court", "phone": "702/731-7547"},
        {**HOTEL, "id": "2", "source": "zagat", "name": "Cafe Roma", "phone": "702-731-7547"},
        {**HOTEL, "id": "3", "source": "zagat", "name": "Palace Court", "phone": "702-731-7547"},
        {**HOTEL, "id": "4", "source": "zagat", "name": "Caesars Palace Court Cafe",
         "phone": "702-731-7547"},
        {**HOTEL, "id": "5", "source": "zagat", "name": "Caesars Palace Court Bar",
         "phone": "702-731-7547"},
    ]  # fmt: skip
    filler = [
        {
            "id": str(i), "source": "fodors" if i % 2 else "zagat", "name": f"Diner {i:03d}",
            "address_line1": f"{i} Main St.", "city": "Las Vegas", "country": "US",
            "phone": f"702-555-{i:04d}",
        }
        for i in range(6, 400)
    ]  # fmt: skip
    return pair + filler


def _ranked(records: list[dict[str, object]], probe: int, others: slice) -> dict[str, object]:
    matcher = Matcher(SETTINGS)
    matcher.train(matcher.prepare(records))
    return {left: (p, e) for left, p, e in matcher.score_against(records[probe], records[others])}


def test_names_with_nothing_alike_go_to_a_steward_whatever_else_agrees() -> None:
    ranked = _ranked(_records(), 0, slice(1, 3))
    unlike, unlike_explanation = ranked["2"]
    same, same_explanation = ranked["3"]
    assert unlike_explanation.review_forced and unlike < SETTINGS.thresholds.upper
    assert not same_explanation.review_forced and same >= SETTINGS.thresholds.upper
    weights = {c.comparison: c.weight for c in unlike_explanation.comparisons}
    assert weights["name_words"] == 0.0  # a veto, not a weight: the name comparison weighs


def test_two_places_sharing_a_name_with_words_of_their_own_go_to_a_steward() -> None:
    ranked = _ranked(_records(), 3, slice(4, 5))
    probability, explanation = ranked["5"]
    assert explanation.review_forced and probability < SETTINGS.thresholds.upper


def test_training_does_not_evaluate_a_comparison_that_weighs_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The veto weighs nothing, so u from random pairs and EM sessions skip it (at 100,000
    customers it was a million word-by-word tests); candidate pairs still meet it."""
    veto = next(c for c in SETTINGS.comparisons if c.name == "name_words")
    assert veto.weighs_nothing
    assert not any(c.weighs_nothing for c in SETTINGS.comparisons if c.name != "name_words")
    tested: list[int] = []
    real = WordsAlikeWithin.mask

    def counted(self: WordsAlikeWithin, view: PairView, feature: str) -> np.ndarray:
        if self in veto.levels:  # the name comparison's own levels weigh, and are trained
            tested.append(len(view))
        return real(self, view, feature)

    monkeypatch.setattr(WordsAlikeWithin, "mask", counted)
    monkeypatch.setattr(comparison_module, "PAIRWISE_UP_TO", 0)  # few pairs: tested vectorised
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
