import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.taxid import normalise_duns, normalise_tax_id, tax_id_country


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("DE 136 695 976", None, "DE136695976"),
        ("136695976", "DE", "DE136695976"),
        ("136.695.976", "Germany", "DE136695976"),
        ("de136695976", "de", "DE136695976"),
        ("DE136695976", "FR", "DE136695976"),  # prefix wins over a wrong country
        ("12-3456789", "US", "123456789"),
        ("GB 980 7806 84", None, "GB980780684"),
        ("980780684", "GB", "GB980780684"),
        ("FR 40 303 265 045", None, "FR40303265045"),
        ("303 265 045", "FR", "303265045"),  # SIREN
        ("NL004495445B01", None, "NL004495445B01"),
        ("EL094259216", None, "EL094259216"),
        ("094259216", "GR", "EL094259216"),
        ("CHE-116.281.710 MWST", None, "CHE116281710"),
        ("CHE-116.281.710", "CH", "CHE116281710"),
    ],
)
def test_valid_numbers(value: str, country: str | None, expected: str) -> None:
    assert normalise_tax_id(value, country) == (expected, True)


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("DE136695977", None, "DE136695977"),  # bad check digit
        ("DE 136 695 977", "DE", "DE136695977"),
        ("136695977", "DE", "136695977"),
        ("GB980780685", None, "GB980780685"),
        ("00-0000000", "US", "000000000"),
    ],
)
def test_invalid_numbers_are_flagged(value: str, country: str | None, expected: str) -> None:
    assert normalise_tax_id(value, country) == (expected, False)


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [("ABC-123", None, "ABC123"), ("abc 123", "AQ", "ABC123"), ("12.34/56", None, "123456")],
)
def test_unknown_scheme_is_compact_and_unchecked(
    value: str, country: str | None, expected: str
) -> None:
    assert normalise_tax_id(value, country) == (expected, True)


@pytest.mark.parametrize("value", ["", "   ", " - . "])
def test_empty_is_none(value: str) -> None:
    assert normalise_tax_id(value, "DE") == (None, False)


@given(st.text(alphabet="DEGBFR0123456789 .-", max_size=16), st.sampled_from([None, "DE", "GB"]))
def test_compact_form_is_a_fixed_point(value: str, country: str | None) -> None:
    compact, valid = normalise_tax_id(value, country)
    if compact is not None:
        assert normalise_tax_id(compact, country) == (compact, valid)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("150483782", "150483782"),
        ("15-048-3782", "150483782"),
        (" 15 048 3782 ", "150483782"),
        ("12345678", None),
        ("1234567890", None),
        ("000000000", None),
        ("15048378A", None),
        ("", None),
    ],
)
def test_normalise_duns(value: str, expected: str | None) -> None:
    assert normalise_duns(value) == expected


def test_every_named_scheme_is_a_module_of_the_installed_stdnum() -> None:
    """A scheme python-stdnum does not ship (nl.kvk did not exist) raised ModuleNotFoundError
    for every Dutch tax id that was not a valid VAT number."""
    import importlib

    from matching.standardise import taxid

    names = set(taxid._VAT_MODULES.values())
    names |= {name for schemes in taxid._OTHER_MODULES.values() for name in schemes}
    for name in sorted(names):
        importlib.import_module(f"stdnum.{name}")


def test_a_dutch_number_that_is_no_vat_number_is_kept_unchecked() -> None:
    assert normalise_tax_id("1234 5678", "NL") == ("12345678", False)


@pytest.mark.parametrize(
    ("value", "country"),
    [
        ("GB705676620", "GB"),
        ("de 123 456 789", "DE"),
        ("CHE-130.084.083", "CH"),
        ("EL123456789", "GR"),
        ("42-1400681", None),  # a US EIN names no country
        ("XX12345", None),
    ],
)
def test_the_country_a_vat_prefix_names(value: str, country: str | None) -> None:
    assert tax_id_country(value) == country


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("303 265 045", "FR", "FR40303265045"),  # SIREN
        ("303 265 045 00011", "FR", "FR40303265045"),  # SIRET: an establishment of it
        ("FR 40 303 265 045", None, "FR40303265045"),
        ("556036-0793", "SE", "SE556036079301"),  # organisationsnummer
        ("SE 5560 3607 9301", None, "SE556036079301"),
        ("2077474-0", "FI", "FI20774740"),  # Y-tunnus
        ("FI 2077 4740", None, "FI20774740"),
        ("988 077 917", "NO", "988077917MVA"),  # organisasjonsnummer
        ("NO 988 077 917 MVA", "NO", "988077917MVA"),
        ("136695976", "DE", "DE136695976"),  # no national number to map: as before
    ],
)
def test_a_national_company_number_is_read_as_the_vat_number_made_of_it(
    value: str, country: str | None, expected: str
) -> None:
    assert normalise_tax_id(value, country, as_vat=True) == (expected, True)
    assert normalise_tax_id(expected, country, as_vat=True) == (expected, True)


def test_without_as_vat_a_national_number_is_kept_as_written() -> None:
    assert normalise_tax_id("303 265 045", "FR") == ("303265045", True)
