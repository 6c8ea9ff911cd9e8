import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.country import to_iso2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("GB", "GB"),
        ("gb", "GB"),
        ("UK", "GB"),
        (" uk ", "GB"),
        ("U.K.", "GB"),
        ("United Kingdom", "GB"),
        ("GBR", "GB"),
        ("826", "GB"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States of America", "US"),
        ("united   states", "US"),
        ("Deutschland", "DE"),
        ("germany", "DE"),
        ("DEU", "DE"),
        ("The Netherlands", "NL"),
        ("Netherlands", "NL"),
        ("Holland", "NL"),
        ("Österreich", "AT"),
        ("Côte d’Ivoire", "CI"),
        ("Bosnia & Herzegovina", "BA"),
        ("Türkiye", "TR"),
        ("South Korea", "KR"),
        ("France", "FR"),
    ],
)
def test_known_countries(value: str, expected: str) -> None:
    assert to_iso2(value) == expected


@pytest.mark.parametrize("value", ["", "   ", "XX", "Narnia", "Atlantis", "123456", "the"])
def test_unknown_is_none(value: str) -> None:
    assert to_iso2(value) is None


@given(st.text(max_size=30))
def test_result_is_none_or_a_code_that_maps_to_itself(value: str) -> None:
    code = to_iso2(value)
    assert code is None or (len(code) == 2 and code.isupper() and to_iso2(code) == code)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Allemagne", "DE"),
        ("Royaume-Uni", "GB"),
        ("Česko", "CZ"),
        ("Magyarország", "HU"),
        ("Hrvatska", "HR"),
        ("Ελλάδα", "GR"),
        ("Niemcy", "DE"),
        ("Tyskland", "DE"),
        ("Duitsland", "DE"),
        ("ALEMANIA", "DE"),
        ("Spojené státy", "US"),
    ],
)
def test_a_country_named_in_its_own_or_another_language(value: str, expected: str) -> None:
    assert to_iso2(value) == expected
