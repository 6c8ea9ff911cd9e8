"""Tax and VAT identifiers (compact form plus a validity flag) and D-U-N-S numbers.

``normalise_tax_id(value, country)`` returns ``(compact, valid)``:

1. When python-stdnum knows schemes for ``country`` (VAT first, then the other company tax
   numbers, e.g. US EIN, FR SIREN/SIRET, GB UTR), the first scheme the value is valid under
   gives the compact form; VAT numbers always carry their country prefix, so ``136695976``
   with ``DE`` and ``DE 136 695 976`` without a country both give ``DE136695976``. With
   ``as_vat`` (matching: one firm written with its SIREN in one system and its TVA number in
   another is one firm), a national company number a VAT number is made of gives that VAT
   number (FR SIREN and SIRET, SE organisationsnummer, FI Y-tunnus, NO organisasjonsnummer):
   ``303 265 045`` with ``FR`` gives ``FR40303265045``.
2. Otherwise, a value that starts with a VAT country prefix (EU member states incl. ``EL``
   and ``XI``, ``GB``, ``CH``/``CHE``, ``NO``) is checked as a VAT number of that country.
3. A value that fails every known scheme gives the generic compact form and ``False``.
4. **Unknown scheme** (no country, or a country stdnum has nothing for, and no VAT prefix):
   the generic compact form (uppercase, spaces, dots, dashes, slashes removed) and ``True``.
   ``True`` then means "not known to be wrong", not "checked".

Empty input gives ``(None, False)``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache, lru_cache
from types import ModuleType

from matching.standardise.country import to_iso2

_NOISE = re.compile(r"[\s.\-/_,:]+")
_VAT_PREFIX = re.compile(r"^(?:[A-Z]{2}|CHE)(?=[0-9A-Z]*\d)")
_CH_SUFFIX = re.compile(r"(?:MWST|TVA|IVA|VAT)$")

# ISO 3166 alpha-2 -> stdnum VAT module (its compact form lacks the prefix).
_VAT_MODULES: dict[str, str] = {
    "AT": "at.uid", "BE": "be.vat", "BG": "bg.vat", "CY": "cy.vat", "CZ": "cz.dic",
    "DE": "de.vat", "DK": "dk.cvr", "EE": "ee.kmkr", "ES": "es.nif", "FI": "fi.alv",
    "FR": "fr.tva", "GR": "gr.vat", "HR": "hr.oib", "HU": "hu.anum", "IE": "ie.vat",
    "IT": "it.iva", "LT": "lt.pvm", "LU": "lu.tva", "LV": "lv.pvn", "MT": "mt.vat",
    "NL": "nl.btw", "PL": "pl.nip", "PT": "pt.nif", "RO": "ro.cf", "SE": "se.vat",
    "SI": "si.ddv", "SK": "sk.dph", "GB": "gb.vat", "XI": "gb.vat",
}  # fmt: skip
_PREFIX_COUNTRY: dict[str, str] = {"EL": "GR", "CHE": "CH"}
_VAT_PREFIX_OF: dict[str, str] = {"GR": "EL"}

# Other company tax / registration numbers, tried after the VAT scheme.
_OTHER_MODULES: dict[str, tuple[str, ...]] = {
    "US": ("us.ein",), "GB": ("gb.utr", "gb.vat"), "DE": ("de.stnr",),
    "FR": ("fr.siren", "fr.siret"), "SE": ("se.orgnr",),
    "NO": ("no.mva", "no.orgnr"), "CH": ("ch.uid", "ch.vat"), "CA": ("ca.bn",),
    "AU": ("au.abn", "au.acn"), "NZ": ("nz.ird",), "IN": ("in_.gstin", "in_.pan"),
    "BR": ("br.cnpj",), "MX": ("mx.rfc",), "FI": ("fi.ytunnus",), "ES": ("es.cif",),
    "JP": ("jp.cn",), "CN": ("cn.uscc",), "SG": ("sg.uen",), "ZA": ("za.tin",),
    "RU": ("ru.inn",), "TR": ("tr.vkn",), "IL": ("il.hp",), "KR": ("kr.brn",),
}  # fmt: skip


@cache
def _module(name: str) -> ModuleType:
    return importlib.import_module(f"stdnum.{name}")


# National company numbers a VAT number is made of, and how to make it (``as_vat``).
_AS_VAT: dict[str, Callable[[str], str]] = {
    "fr.siren": lambda n: "FR" + str(_module("fr.siren").to_tva(n)),
    "fr.siret": lambda n: "FR" + str(_module("fr.siret").to_tva(n)),
    "se.orgnr": lambda n: "SE" + str(_module("se.orgnr").compact(n)) + "01",
    "fi.ytunnus": lambda n: "FI" + str(_module("fi.ytunnus").compact(n)),
    "no.orgnr": lambda n: str(_module("no.orgnr").compact(n)) + "MVA",
}


def _vat_compact(country: str, value: str) -> str:
    prefix = _VAT_PREFIX_OF.get(country, country)
    national = str(_module(_VAT_MODULES[country]).compact(value))
    return national if national.startswith(prefix) else prefix + national


def _compact(name: str, value: str) -> str:
    compact = str(_module(name).compact(value))
    if name in ("ch.uid", "ch.vat"):
        return _CH_SUFFIX.sub("", compact)
    return compact


def _by_country(value: str, country: str, as_vat: bool) -> str | None:
    """Compact form under the first scheme of ``country`` the value is valid in, else None."""
    if country in _VAT_MODULES and _module(_VAT_MODULES[country]).is_valid(value):
        return _vat_compact(country, value)
    for name in _OTHER_MODULES.get(country, ()):
        if _module(name).is_valid(value):
            return _AS_VAT[name](value) if as_vat and name in _AS_VAT else _compact(name, value)
    return None


def _prefix_country(compact: str) -> str | None:
    found = _VAT_PREFIX.match(compact)
    if not found:
        return None
    code = _PREFIX_COUNTRY.get(found.group(0), found.group(0))
    if code in _VAT_MODULES or code in ("CH", "NO"):
        return code
    return None


def tax_id_country(value: str) -> str | None:
    """The country a VAT number's prefix names (``DE123456789`` -> ``DE``), else None."""
    return _prefix_country(_NOISE.sub("", value.upper()))


def _known(country: str | None) -> bool:
    return bool(country) and (country in _VAT_MODULES or country in _OTHER_MODULES)


@lru_cache(maxsize=65536)
def normalise_tax_id(
    value: str, country: str | None, *, as_vat: bool = False
) -> tuple[str | None, bool]:
    """Return ``(compact form, valid)`` for a tax or VAT number (see the module docstring);
    ``as_vat``: a national company number a VAT number is made of gives that VAT number."""
    generic = _NOISE.sub("", value.upper())
    if not generic:
        return None, False
    iso2 = to_iso2(country) if country else None
    if iso2 and _known(iso2):
        checked = _by_country(generic, iso2, as_vat)
        if checked is not None:
            return checked, True
    prefixed = _prefix_country(generic)
    if prefixed is not None and prefixed != iso2:
        checked = _by_country(generic, prefixed, as_vat)
        if checked is not None:
            return checked, True
    if _known(iso2) or prefixed is not None:
        return generic, False
    return generic, True


_NOT_DIGIT = re.compile(r"[\s.\-/]+")


@lru_cache(maxsize=65536)
def normalise_duns(value: str) -> str | None:
    """Return the 9-digit D-U-N-S number (``15-048-3782`` -> ``150483782``), else None.

    Spaces, dots, dashes and slashes are removed; anything else, another length, or all zeros
    gives None.
    """
    digits = _NOT_DIGIT.sub("", value)
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit() or set(digits) == {"0"}:
        return None
    return digits
