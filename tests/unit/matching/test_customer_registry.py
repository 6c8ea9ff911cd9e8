"""Two companies with different tax ids are never linked automatically, however alike."""

from __future__ import annotations

from matching.engine import Matcher
from matching.model import ModelParameters
from matching.presets import settings_for


def _sister_pair() -> list[dict[str, object]]:
    base = {
        "name": "Northwind Logistics",
        "country": "GB",
        "website": "northwind.com",
        "city": "London",
    }
    return [
        {**base, "id": "1", "source": "crm", "tax_id": "GB123456789"},
        {**base, "id": "2", "source": "erp", "tax_id": "GB987654321"},
    ]


def test_conflicting_tax_ids_cap_the_pair_into_review() -> None:
    records = _sister_pair()
    filler = [
        {
            "id": str(i),
            "source": "crm",
            "name": f"Company {i} Ltd",
            "country": "GB",
            "tax_id": f"GB{100000000 + i}",
        }
        for i in range(3, 400)
    ]
    matcher = Matcher(settings_for("customer"))
    matcher.train(matcher.prepare(records + filler))
    assert isinstance(matcher.model, ModelParameters)
    ranked = matcher.score_against(records[0], [records[1]])
    _, probability, explanation = ranked[0]
    assert explanation.review_forced
    assert probability < settings_for("customer").thresholds.upper
