"""A web site two companies share says one entity only where they can be registered in one
country: a US LLC and a Belgian NV of one brand share their group's site."""

from __future__ import annotations

import pytest

from matching.presets import settings_for
from matching.standardise.jurisdiction import registered_in
from tests.unit.matching.preset_levels import preset_level

SETTINGS = settings_for("customer")


def test_a_country_given_is_where_the_company_is_registered() -> None:
    assert registered_in("US", "nv") == ("US",)


def test_without_a_country_the_legal_form_says_where() -> None:
    assert registered_in(None, "nv") == ("BE", "CW", "NL", "SR")
    assert registered_in(None, "co") is None  # a form of many countries says nothing
    assert registered_in(None, None) is None


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # the country of one, the legal form of the other
        ({"name": "Highgate Freight LLC", "country": "US"}, {"name": "Highgate Freight NV"}),
        # two legal forms of no common country
        ({"name": "Sunstar Logistics GmbH"}, {"name": "Sunstar Logistics Inc."}),
        ({"name": "Stoneview Publishing AG"}, {"name": "Stoneview Publishing LLP"}),
    ],
)
def test_a_site_shared_across_countries_is_no_evidence(
    left: dict[str, object], right: dict[str, object]
) -> None:
    site = {"website": "highgate.com"}
    assert preset_level(SETTINGS, "domain", left | site, right | site) == "two_countries"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ({"name": "Highgate Freight LLC", "country": "US"}, {"name": "Highgate Freight Inc"}),
        ({"name": "Highgate Freight GmbH"}, {"name": "Highgate Freight AG", "country": "CH"}),
        ({"name": "Highgate Freight Ltd"}, {"name": "Highgate Freight LLP"}),  # both GB
        ({"name": "Highgate Freight"}, {"name": "Highgate Freight NV"}),  # nothing on one side
        ({"name": "Highgate Freight Co"}, {"name": "Highgate Freight NV", "country": "BE"}),
    ],
)
def test_a_site_shared_where_one_country_is_possible_agrees(
    left: dict[str, object], right: dict[str, object]
) -> None:
    site = {"website": "highgate.com"}
    assert preset_level(SETTINGS, "domain", left | site, right | site) == "exact"


def test_a_site_shared_across_countries_weighs_nothing() -> None:
    domain = next(c for c in SETTINGS.comparisons if c.name == "domain")
    assert "two_countries" in domain.neutral_levels
