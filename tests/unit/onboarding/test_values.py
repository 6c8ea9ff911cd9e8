"""Value detectors: what the values of a column look like."""

from __future__ import annotations

import pytest

from mdm.onboarding.headers import fold_header, is_generic, without_place
from mdm.onboarding.values import DETECTORS, dominant_kind, kind_share

LOOKS_LIKE = {
    "email": (["ann@firm.co.uk", "info@alder.de"], ["ann at firm", "@", "firm.de"]),
    "phone": (["+44 20 7946 0958", "0033 1 117 1900", "(617) 555-0134"], ["2024-03-01", "75008", "A1234567"]),
    "country": (["DE", "Germany", "Deutschland", "United Kingdom"], ["Atlantis", "Sales"]),
    "tax_id": (["DE136695976", "FR43253157546", "12-3456789", "ESB12345678"], ["Acme", "12"]),
    "duns": (["150483782", "15-048-3782", "15 048 3782"], ["1504837", "ABC", "000000000"]),
    "website": (["www.alder.de", "https://birch.co.uk/about", "alder.fr"], ["a@b.com", "Alder Ltd"]),
    "postcode": (["75008", "EC1A 1BB", "1012 AB"], ["Paris", "2024-01-01"]),
    "currency": (["EUR", "usd", "€", "pounds"], ["Acme", "EURO-DOLLAR-X"]),
    "date": (["2024-03-01", "01.03.2024", "03/01/2024", "20240301"], ["13/13/2024", "soon"]),
    "money": (["1,234.50", "150.00", "1.234,50", "€ 99"], ["2024-03-01", "many"]),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(LOOKS_LIKE))
def test_each_detector_accepts_its_kind_and_refuses_others(kind: str) -> None:
    yes, no = LOOKS_LIKE[kind]
    assert all(DETECTORS[kind](v) for v in yes), [v for v in yes if not DETECTORS[kind](v)]
    assert not any(DETECTORS[kind](v) for v in no), [v for v in no if DETECTORS[kind](v)]


def test_shares_count_only_filled_values() -> None:
    assert kind_share("email", ["a@b.com", "", "  ", "nope"]) == 0.5
    assert kind_share("email", ["", ""]) == 0.0
    assert dominant_kind(["a@b.com"] * 9 + ["x"]) == ("email", 0.9)
    assert dominant_kind(["Alder", "Birch"]) is None


def test_headers_fold_vendor_and_language_habits() -> None:
    assert fold_header("BillingPostalCode") == "billing postal code"
    assert fold_header("VAT_Number__c") == "vat number"
    assert fold_header("Straße") == "strasse"
    assert fold_header("N° TVA") == "n tva"
    assert fold_header("address1_stateorprovince") == "address1 stateorprovince"
    assert without_place("billing postal code") == "postal code"
    assert without_place("account") == "account"
    assert is_generic("Column 7") and is_generic("Unnamed: 3") and not is_generic("Owner")
