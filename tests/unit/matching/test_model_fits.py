"""A stored model is used only with the comparisons it was trained for."""

from __future__ import annotations

from dataclasses import replace

from matching.comparison import Comparison
from matching.engine import Matcher
from matching.levels import Else, Exact, Null
from matching.presets import settings_for


def test_a_model_fits_its_own_settings_and_not_changed_ones() -> None:
    settings = settings_for("customer")
    records = [
        {
            "id": str(i),
            "source": "crm",
            "name": f"Company {i % 150} Ltd",
            "country": "GB",
            "city": "London",
        }
        for i in range(300)
    ]
    matcher = Matcher(settings)
    model = matcher.train(matcher.prepare(records))
    assert model.fits(settings.comparisons)
    changed = (
        *settings.comparisons[:-1],
        Comparison("country", "country", (Null(), Exact(), Else())),
    )
    assert model.fits(changed) == (
        tuple(settings.comparisons[-1].labels) == ("null", "exact", "else")
    )
    fewer = settings.comparisons[:-1]
    assert not model.fits(fewer)
    renamed = (*settings.comparisons[:-1], replace(settings.comparisons[-1], name="nation"))
    assert not model.fits(renamed)
