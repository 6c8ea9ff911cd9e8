"""Golden values read well: shouting sources get a readable casing, tax ids and phones their
standard forms; lineage keeps what the source wrote."""

from __future__ import annotations

from datetime import UTC, datetime

import phonenumbers
import pytest

from mdm.domain.display import displayed
from mdm.domain.entities.kinds import e164_number
from mdm.domain.members import MemberVersion
from mdm.domain.survivorship import survive


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("city", "FRANKFURT AM MAIN", "Frankfurt am Main"),
        ("name", "AL-SAYED BROADCASTING B.V.", "Al-Sayed Broadcasting B.V."),
        ("name", "O'NEIL & SONS LTD", "O'Neil & Sons Ltd"),
        ("address_line1", "12 RUE DE LA PAIX", "12 Rue de la Paix"),
        ("region", "NSW", "NSW"),  # an abbreviation, not shouting
        ("name", "Acme GmbH", "Acme GmbH"),  # already readable: left as written
        ("email", "INFO@ACME.COM", "INFO@ACME.COM"),  # not a name or a place
        ("phone", "+442079460958", "+44 20 7946 0958"),
    ],
)
def test_displayed(field: str, value: str, shown: str) -> None:
    assert displayed(field, value, {}) == shown


def test_tax_ids_take_their_checked_standard_form() -> None:
    assert displayed("tax_id", "gb 885 310 515", {"country": "GB"}) == "GB885310515"
    assert displayed("tax_id", "767 523 558 RT0 001", {"country": "CA"}) == "767523558RT0001"
    assert displayed("tax_id", "not a number", {"country": "GB"}) == "not a number"


def test_survivorship_shows_the_readable_value_and_lineage_keeps_the_source_value() -> None:
    erp = MemberVersion(
        1, 1, "erp", "E1", datetime(2026, 1, 1, tzinfo=UTC),
        {"name": "AL-SAYED BROADCASTING B.V.", "tax_id": "gb 885 310 515", "country": "GB"},
        {}, "erp",
    )  # fmt: skip
    attributes, lineage = survive([erp])
    assert attributes["name"] == "Al-Sayed Broadcasting B.V."
    assert lineage["name"]["source_value"] == "AL-SAYED BROADCASTING B.V."
    assert attributes["tax_id"] == "GB885310515"
    assert lineage["tax_id"]["source_value"] == "gb 885 310 515"
    assert displayed("tax_id", "nl 8057.96.658 b01", {"country": "NL"})  # never raises


def _e164_examples() -> list[str]:
    """Every region's example numbers of every type in E.164, and each with a zero after its
    country code (an Italian leading zero, or a national prefix the parse may strip)."""
    kinds = [getattr(phonenumbers.PhoneNumberType, k) for k in ("FIXED_LINE", "MOBILE",
             "TOLL_FREE", "VOIP", "UAN", "PREMIUM_RATE", "SHARED_COST", "PERSONAL_NUMBER")]  # fmt: skip
    numbers = [
        phonenumbers.example_number_for_type(region, kind)
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        for kind in kinds
    ]
    found = [
        phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
        for n in numbers
        if n is not None
    ]
    zeros = [f"+{n.country_code}0{n.national_number}" for n in numbers if n is not None]
    return [*found, *zeros, "+3900", "+39000", "+390", "+1", "+0123", "+44 20 7946 0958"]


def test_a_phone_in_e164_reads_as_phonenumbers_parses_it() -> None:
    for value in _e164_examples():
        number = e164_number(value)
        if number is not None:
            assert number == phonenumbers.parse(value, None), value
    assert displayed("phone", "+390674274172", {}) == "+39 06 7427 4172"  # a leading zero
    assert e164_number("+78001234567") is None  # Russia's national prefix 8: left to parse
