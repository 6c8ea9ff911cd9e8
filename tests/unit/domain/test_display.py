"""Golden values read well: shouting sources get a readable casing, tax ids and phones their
standard forms; lineage keeps what the source wrote."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mdm.domain.display import displayed
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
