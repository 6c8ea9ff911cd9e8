"""Rate-card units as other tools and languages write them: read to hour or day, and the
periods the hub does not hold read as what they are, to be refused by name."""

from __future__ import annotations

import pytest

from matching import to_currency
from matching.standardise.rate_unit import (
    SPELLINGS,
    fold_unit,
    held_unit,
    mentions_unit,
    read_unit,
)
from mdm.domain.entities.kinds import refused_unit as refused

HOURS = (
    "hour", "Hours", "hr", "HRS", "h", "H", "/h", "/hr", "per hour", "Per Hour", "hourly",
    "Hourly Rate", "hour(s)", "an hour", "p/h", "p.h.", "man-hours", "Stunde", "Stunden", "Std.",
    "Stundensatz", "stündlich", "pro Stunde", "je Std.", "heure", "heures", "par heure",
    "à l'heure", "taux horaire", "hora", "horas", "por hora", "ora", "ore", "all'ora",
    "tariffa oraria", "uur", "uren", "per uur", "uurtarief", "valor hora",
)  # fmt: skip
DAYS = (
    "day", "Days", "d", "Day(s)", "/day", "/d", "per day", "Per-Day", "daily", "Daily Rate",
    "day rate", "a day", "per diem", "MD", "md", "PD", "man-day", "Man-Days", "Person-Days",
    "mandays", "Tag", "Tage", "/Tag", "pro Tag", "täglich", "Tagessatz", "PT", "Personentag",
    "jour", "jours", "Jour(s)", "j", "par jour", "journée", "taux journalier", "TJM",
    "jour-homme", "día", "dia", "días", "por día", "diario", "al día", "giorno", "giorni",
    "al giorno", "giornaliero", "tariffa giornaliera", "dag", "dagen", "per dag", "dagtarief",
    "diária", "diarias", "por dia",
)  # fmt: skip


@pytest.mark.parametrize("spelling", HOURS)
def test_hour_spellings_are_hour(spelling: str) -> None:
    assert held_unit(spelling) == "hour"


@pytest.mark.parametrize("spelling", DAYS)
def test_day_spellings_are_day(spelling: str) -> None:
    assert held_unit(spelling) == "day"


@pytest.mark.parametrize(
    ("spelling", "unit"),
    [("week", "week"), ("Weekly", "week"), ("/wk", "week"), ("pro Woche", "week"),
     ("par semaine", "week"), ("monthly", "month"), ("per month", "month"), ("Monat", "month"),
     ("mensuel", "month"), ("mês", "month"), ("p.a.", "year"), ("per annum", "year"),
     ("jährlich", "year"), ("per minute", "minute"), ("Pauschal", "fixed price"),
     ("forfait", "fixed price")],
)  # fmt: skip
def test_periods_the_hub_does_not_hold_are_read_but_not_held(spelling: str, unit: str) -> None:
    assert read_unit(spelling) == unit
    assert held_unit(spelling) is None
    assert refused(spelling) == (
        f"{spelling!r} is read as {unit}; the hub holds hour or day rates only"
    )


@pytest.mark.parametrize("spelling", ["fortnight", "sprint", "per", "a", "", "hourly-ish"])
def test_what_is_no_unit_is_none(spelling: str) -> None:
    assert read_unit(spelling) is None
    assert refused(spelling) == repr(spelling)


def test_folding_sets_case_accents_and_punctuation_aside() -> None:
    assert fold_unit("Day(s)") == "days"
    assert fold_unit("Std.") == "std"
    assert fold_unit("Journée / Tâche") == "journee tache"
    assert fold_unit("all'ora") == "all ora"


@pytest.mark.parametrize(
    ("text", "mentions"),
    [("HT/jour", True), ("per sprint", True), ("day excl. VAT", True), ("pro Einsatz", True),
     ("net", False), ("excl. VAT", False), ("ca.", False), ("", False)],
)  # fmt: skip
def test_words_that_speak_of_a_unit(text: str, mentions: bool) -> None:
    assert mentions_unit(text) is mentions


def test_no_unit_spelling_reads_as_a_currency() -> None:
    """An amount's text is split into currency and unit by what reads as a currency: a unit
    that did would be taken for one (``150 h``)."""
    spellings = [s for spellings in SPELLINGS.values() for s in spellings]
    assert [s for s in spellings if to_currency(s) is not None] == []
