"""Where a legal form can be registered: the countries whose company law has it.

A legal form belongs to a jurisdiction: a GmbH is registered in Germany,
Austria or Switzerland, an LLC in the United States, an NV in the Netherlands or Belgium.
Two records of one brand whose places of registration cannot be the same (a US LLC and a
Belgian NV) are two legal entities of one group, whatever name and web site they share.

Forms used under one name in many countries (``co``, ``co ltd``, ``sa``, ``se``) are left
out: they say nothing of where a company is.
"""

from __future__ import annotations

_GERMAN = frozenset({"DE", "AT", "CH", "LI"})
_NORTH_AMERICAN = frozenset({"US", "CA", "PH"})
_COMMONWEALTH = frozenset(
    {"GB", "IE", "HK", "NZ", "CA", "IN", "NG", "KE", "ZA", "IL", "CY", "MT", "JM", "BS", "BM"}
)

FORM_COUNTRIES: dict[str, frozenset[str]] = {
    "inc": _NORTH_AMERICAN, "corp": _NORTH_AMERICAN, "llc": frozenset({"US"}),
    "lp": frozenset({"US", "GB", "CA"}), "lllp": frozenset({"US"}), "pc": frozenset({"US"}),
    "pllc": frozenset({"US"}), "llp": frozenset({"US", "GB", "IN", "CA"}),
    "ltd": _COMMONWEALTH, "plc": frozenset({"GB", "IE"}), "cic": frozenset({"GB"}),
    "ulc": frozenset({"CA"}), "pty ltd": frozenset({"AU", "ZA"}),
    "pvt ltd": frozenset({"IN", "PK", "LK", "NP", "BD"}), "pte ltd": frozenset({"SG"}),
    "sdn bhd": frozenset({"MY"}), "bhd": frozenset({"MY"}),
    "gmbh": _GERMAN, "ag": _GERMAN, "kg": _GERMAN, "gmbh co kg": _GERMAN,
    "ag co kg": _GERMAN, "gmbh co kgaa": _GERMAN, "kgaa": _GERMAN, "ohg": _GERMAN,
    "gbr": _GERMAN, "ug": frozenset({"DE"}),
    "sas": frozenset({"FR"}), "sarl": frozenset({"FR", "LU", "MA", "TN", "CH"}),
    "snc": frozenset({"FR", "IT"}), "sl": frozenset({"ES"}), "srl": frozenset({"IT", "RO", "MD"}),
    "spa": frozenset({"IT"}), "ltda": frozenset({"BR", "PT", "CO", "CL"}), "lda": frozenset({"PT"}),
    "sa de cv": frozenset({"MX"}), "sab de cv": frozenset({"MX"}), "sapi de cv": frozenset({"MX"}),
    "s de rl de cv": frozenset({"MX"}), "sas de cv": frozenset({"MX"}),
    "bv": frozenset({"NL", "BE"}), "nv": frozenset({"NL", "BE", "SR", "CW"}),
    "bvba": frozenset({"BE"}), "vof": frozenset({"NL", "BE"}),
    "ab": frozenset({"SE", "FI"}), "as": frozenset({"NO", "DK", "CZ", "SK", "EE"}),
    "asa": frozenset({"NO"}), "aps": frozenset({"DK"}), "oy": frozenset({"FI"}),
    "oyj": frozenset({"FI"}), "hf": frozenset({"IS"}), "ehf": frozenset({"IS"}),
    "sro": frozenset({"CZ", "SK"}), "sp zoo": frozenset({"PL"}), "kft": frozenset({"HU"}),
    "zrt": frozenset({"HU"}), "nyrt": frozenset({"HU"}),
    "doo": frozenset({"RS", "HR", "SI", "BA", "ME", "MK"}),
    "ooo": frozenset({"RU", "BY", "UA"}), "oao": frozenset({"RU"}), "zao": frozenset({"RU"}),
    "pao": frozenset({"RU"}), "kk": frozenset({"JP"}), "ltd sti": frozenset({"TR"}),
    "tbk": frozenset({"ID"}),
}  # fmt: skip
"""Canonical legal-form codes (``company_forms.LEGAL_FORMS``) to the countries that have them."""


def registered_in(country: str | None, legal_form: str | None) -> tuple[str, ...] | None:
    """The countries a company can be registered in: the record's country where it is known,
    else those of its legal form (None: nothing says)."""
    if country:
        return (country,)
    countries = FORM_COUNTRIES.get(legal_form or "")
    return tuple(sorted(countries)) if countries else None
