import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.company import (
    CompanyName,
    bracketed_place,
    company_name_key,
    standardise_company,
    without_own_city,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Holdings Inc.", "ACME HOLDINGS, INCORPORATED"),
        ("Acme Corp.", "ACME Corporation"),
        ("Acme International Ltd", "Acme Intl Limited"),
        ("Acme Tech Ltd.", "Acme Technologies Limited"),
        ("Acme Svcs LLC", "Acme Services L.L.C."),
        ("Acme Mfg Co.", "Acme Manufacturing Company"),
        ("Acme Mgmt Grp", "ACME Management Group"),
        ("Acme Sys & Sol", "Acme Systems and Solutions"),
        ("Acme Cons + Assoc", "Acme Consulting & Associates"),
        ("The Acme Group", "Acme Group"),
        ("Müller GmbH", "Muller G.m.b.H."),
        ("Müller Logistik GmbH", "Mueller Logistik GmbH"),
        ("Société Générale S.A.", "Societe Generale SA"),
        ("J.P. Morgan Chase & Co.", "JP Morgan Chase and Company"),
        ("Foo B.V.", "Foo BV"),
        ("Foo N. V.", "FOO NV"),
        ("Acme Corp Holdings", "Acme Corporation Holdings"),
    ],
)
def test_variants_have_the_same_full_name(a: str, b: str) -> None:
    assert standardise_company(a).full == standardise_company(b).full
    assert company_name_key(a) == company_name_key(b)


@pytest.mark.parametrize(
    ("value", "full", "legal_form"),
    [
        ("Acme Holdings Inc.", "acme holdings", "inc"),
        ("Acme Corp.", "acme", "corp"),
        ("Acme Limited", "acme", "ltd"),
        ("Acme plc", "acme", "plc"),
        ("Acme LLP", "acme", "llp"),
        ("Müller GmbH & Co. KG", "muller", "gmbh co kg"),
        ("Siemens AG", "siemens", "ag"),
        ("Foo B.V.", "foo", "bv"),
        ("Foo N. V.", "foo", "nv"),
        ("Bar S.A.R.L.", "bar", "sarl"),
        ("Bar SAS", "bar", "sas"),
        ("Baz Pty. Ltd.", "baz", "pty ltd"),
        ("Telefonica S.L.", "telefonica", "sl"),
        ("Qux L.L.C.", "qux", "llc"),
        ("Smith & Co.", "smith", "co"),
        ("Acme Co. Ltd.", "acme", "co ltd"),
        ("Polska Sp. z o.o.", "polska", "sp zoo"),
        ("Polska Spółka z o.o.", "polska", "sp zoo"),
        ("Stormfield Shipping Unlimited Liability Company", "stormfield shipping", "ulc"),
        ("Stormfield Shipping ULC", "stormfield shipping", "ulc"),
        ("Harbour Designated Activity Company", "harbour", "dac"),
        ("Harbour D.A.C.", "harbour", "dac"),
        ("Müller GmbH u. Co. KG", "muller", "gmbh co kg"),
        ("Müller mbH", "muller", "gmbh"),
        ("Kühn Publishing Gesellschaft m.b.H.", "kuhn publishing", "gmbh"),
        ("Jäger Handel Ges.m.b.H.", "jager handel", "gmbh"),
        ("FWPH Medical Public Limited Co", "fwph medical", "plc"),
        ("Donovan Designated Activity Co", "donovan", "dac"),
        ("Müller Offene Handelsgesellschaft", "muller", "ohg"),
        ("Grupo Bimbo, S.A.B. de C.V.", "grupo bimbo", "sab de cv"),
        ("Acme Corp Holdings", "acme corporation holdings", None),
        ("Smith and Sons Ltd", "smith and sons", "ltd"),
        ("Limited", "limited", None),  # never the whole name
        ("", "", None),
    ],
)
def test_legal_form_is_split_off(value: str, full: str, legal_form: str | None) -> None:
    name = standardise_company(value)
    assert name == CompanyName(full=full, legal_form=legal_form, tokens=tuple(full.split()))


@pytest.mark.parametrize(("a", "b"), [("Acme Inc", "Acme Industries"), ("Alpha Ltd", "Beta Ltd")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert standardise_company(a).full != standardise_company(b).full


def test_key_has_no_spaces() -> None:
    assert company_name_key("The Acme Intl Group, Inc.") == "acmeinternationalgroup"


@given(st.text(max_size=40))
def test_full_is_stable_under_restandardising_without_legal_form(value: str) -> None:
    name = standardise_company(value)
    assert name.tokens == tuple(name.full.split())
    if name.legal_form is None:
        assert standardise_company(name.full).full == name.full


@pytest.mark.parametrize(
    ("value", "full"),
    [
        ("B:A:E:B", "bab"),  # single letters joined into an umlaut's written-out spelling
        ("baeb", "bab"),
        ("M0ELLER", "moller"),  # a misread digit read into one
        ("Moeller", "moller"),
    ],
)
def test_the_umlaut_rule_reads_the_words_after_letters_are_joined_and_digits_read(
    value: str, full: str
) -> None:
    assert standardise_company(value).full == full
    assert standardise_company(full).full == full


@pytest.mark.parametrize(
    ("name", "full", "legal_form"),
    [
        ("Acme HQ", "acme", None),
        ("Acme Ltd HQ", "acme", "ltd"),
        ("ACME HQ LTD", "acme", "ltd"),
        ("Acme Head Office", "acme", None),
        ("Acme Headquarters Inc.", "acme", "inc"),
        ("HQ", "hq", None),  # never the whole name
        ("HQ Ltd", "hq", "ltd"),
        ("HQ Partners", "hq partners", None),  # only at the end
    ],
)
def test_a_word_naming_one_site_is_no_part_of_the_name(
    name: str, full: str, legal_form: str | None
) -> None:
    company = standardise_company(name)
    assert (company.full, company.legal_form) == (full, legal_form)


@pytest.mark.parametrize(
    ("name", "full", "legal_form"),
    [
        ("Harlow Dynamics Ltd - London Office", "harlow dynamics", "ltd"),
        ("Harlow Dynamics (UK Branch)", "harlow dynamics", None),
        ("Harlow Dynamics Ltd, Paris branch", "harlow dynamics", "ltd"),
        ("Harlow Dynamics Inc. \u2013 New York Office", "harlow dynamics", "inc"),
        (
            "Harlow Dynamics GmbH (Niederlassung Berlin)",
            "harlow dynamics gmbh niederlassung berlin",
            None,
        ),
        # not set off: a word of the name ("Olive Branch", "Post Office"), or too long a clause
        ("Olive Branch", "olive branch", None),
        ("Harlow Dynamics London Office", "harlow dynamics london office", None),
        ("Post Office Ltd", "post office", "ltd"),
        ("Acme - North West Regional Sales Office", "acme north west regional sales office", None),
        ("- London Office", "london office", None),  # never the whole name
    ],
)
def test_a_clause_set_off_naming_one_office_is_no_part_of_the_name(
    name: str, full: str, legal_form: str | None
) -> None:
    company = standardise_company(name)
    assert (company.full, company.legal_form) == (full, legal_form)


@pytest.mark.parametrize(
    ("name", "full", "legal_form"),
    [
        # a name cut at a field's length ends with the start of its legal form
        ("Lehmann + El-Amin Bank Aktiengesell", "lehmann and el amin bank", "ag"),
        ("Acme Corporat", "acme", "corp"),
        ("King Freight Solutions Limited Liab", "king freight solutions", None),  # LLC or LLP
        ("Vale Inco", "vale inco", None),  # too short a start to be read as a form
        # the local spelling of a form, and one-member forms as their form
        ("Zenith Hotels Société par actions simplifiée", "zenith hotels", "sas"),
        ("Zenith Hotels SASU", "zenith hotels", "sas"),
        ("Alvarez Mutual S.L.U.", "alvarez mutual", "sl"),
        ("Nordvik Aktiebolag", "nordvik", "ab"),
    ],
)
def test_a_form_cut_short_or_spelt_out_is_split_off(
    name: str, full: str, legal_form: str | None
) -> None:
    company = standardise_company(name)
    assert (company.full, company.legal_form) == (full, legal_form)


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("Qui11feather Ana1ytics Ltd", "quillfeather analytics"),
        ("Bl0ckworks 5tudio", "blockworks 5tudio"),  # only between two letters
        ("3M Company", "3m"),
        ("B2B Solutions", "b2b solutions"),
        ("7-Eleven Inc.", "7 eleven"),
    ],
)
def test_digits_a_scanner_read_for_letters_are_letters(name: str, full: str) -> None:
    assert standardise_company(name).full == full


@pytest.mark.parametrize(
    ("name", "city", "kept"),
    [
        ("Park Avenue Cafe (New York City)", "New York City", "Park Avenue Cafe"),
        ("Le Chardonnay (Los Angeles)", "los angeles", "Le Chardonnay"),
        ("Acme Ltd (München)", "Munich", "Acme Ltd"),  # one city, two spellings
        # a place the record does not hold tells one branch from another
        ("Ritz-Carlton Cafe (Buckhead)", "Atlanta", "Ritz-Carlton Cafe (Buckhead)"),
        ("Spago (Los Angeles)", "W. Hollywood", "Spago (Los Angeles)"),
        ("Spago (Los Angeles)", None, "Spago (Los Angeles)"),
        ("Acme Los Angeles", "Los Angeles", "Acme Los Angeles"),  # only in brackets
        ("(Los Angeles)", "Los Angeles", "(Los Angeles)"),  # never the whole name
    ],
)
def test_a_name_does_not_repeat_its_own_city(name: str, city: str | None, kept: str) -> None:
    assert without_own_city(name, city) == kept


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Spago (Los Angeles)", "los angeles"),
        ("Acme Ltd (München)", "munich"),
        ("Spago", None),
        ("Acme (UK) Ltd", None),  # only at the end
        ("Acme ()", None),
    ],
)
def test_the_place_in_brackets_a_name_ends_with(name: str, place: str | None) -> None:
    assert bracketed_place(name) == place
