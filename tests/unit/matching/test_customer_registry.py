"""Two companies with different tax ids are never linked automatically, however alike."""

from __future__ import annotations

from matching.engine import Matcher
from matching.model import ModelParameters
from matching.presets import settings_for
from tests.unit.matching.preset_levels import preset_level


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


def test_a_national_company_number_agrees_with_the_vat_number_made_of_it() -> None:
    """One French firm: its SIREN in one system, its TVA number in another (and a Swedish one
    with its organisationsnummer and its VAT number) is one tax id, not two schemes."""
    settings = settings_for("customer")
    siren = {"name": "Maison Dupont", "country": "FR", "tax_id": "303 265 045"}
    tva = {"name": "Maison Dupont SA", "country": "FR", "tax_id": "FR 40 303 265 045"}
    assert preset_level(settings, "tax_id", siren, tva) == "exact"
    orgnr = {"name": "Nordvik AB", "country": "SE", "tax_id": "556036-0793"}
    vat = {"name": "Nordvik AB", "tax_id": "SE556036079301"}
    assert preset_level(settings, "tax_id", orgnr, vat) == "exact"
    other = {"name": "Maison Dupont SA", "country": "FR", "tax_id": "FR 83 404 833 048"}
    assert preset_level(settings, "tax_id", siren, other) == "same_scheme_other_value"
