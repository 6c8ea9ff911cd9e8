"""The kinds of value a canonical field holds: how a raw value is read into its canonical form,
whether a value that cannot be read only flags the field or rejects the row, and how a golden
value of the kind is shown."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers

from matching import (
    DayMonth,
    held_unit,
    normalise_email,
    normalise_tax_id,
    read_unit,
    registrable_domain,
    to_currency,
    to_decimal,
    to_e164,
    to_iso2,
    to_iso_date,
)

Row = Mapping[str, str]  # a raw row, values stripped
Convert = Callable[[str, Row], Any]  # a value (not empty) and its row → canonical value or None
Show = Callable[[str, Mapping[str, Any]], str]  # a golden value and the record's other values


@dataclass(frozen=True)
class Kind:
    """``convert`` None: the value is kept as text (inner whitespace made single, length
    checked). Otherwise the converted value is kept; a value it cannot read (None) is
    ``reason``: it rejects the row when ``rejects`` (unless its field says otherwise,
    ``Field.rejects``), else it is flagged and never wins survivorship (no ``reason``:
    nothing to flag, the value is just absent). ``detail`` says what follows the reason:
    the value, or what the kind made of it. ``ordered``: the convert for a column whose
    slash and dash dates an extract showed to be written in one order
    (``mdm.domain.date_orders``)."""

    name: str
    convert: Convert | None = None
    reason: str = ""
    rejects: bool = False
    show: Show | None = None
    ordered: Callable[[DayMonth], Convert] | None = None
    detail: Callable[[str], str] = repr


def _country(row: Row) -> str | None:
    value = row.get("country", "")
    return to_iso2(value) if value else None


def _phone(value: str, row: Row) -> str | None:
    return to_e164(value, _country(row))


def _date_in(order: DayMonth) -> Convert:
    return lambda value, _: to_iso_date(value, order)


def _international(value: str, golden: Mapping[str, Any]) -> str:
    if not value.startswith("+"):
        return value
    try:
        number = e164_number(value) or phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


_E164 = re.compile(r"\+([1-9][0-9]{3,17})")


def e164_number(value: str) -> phonenumbers.PhoneNumber | None:
    """``phonenumbers.parse(value, None)`` of a number in E.164 (how the hub keeps phones),
    in a fraction of its time; None where that parse may read it otherwise (not ``+`` and
    digits, an unknown country code, a national number of another length, or one that starts
    with its region's national prefix), to be left to it. Country codes are prefix-free, so
    the first 1-3 digits that are one are the number's; the rest is its national number."""
    found = _E164.fullmatch(value)
    if found is None:
        return None
    digits = found[1]
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    national = digits[size:]
    region = phonenumbers.region_code_for_country_code(code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    prefix = metadata.national_prefix_for_parsing if metadata is not None else None
    if metadata is None or not 2 <= len(national) <= 17 or (prefix and re.match(prefix, national)):
        return None
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
    if len(national) > 1 and national[0] == "0":  # as parse keeps an Italian leading zero
        number.italian_leading_zero = True
        head = national[:-1]  # an all-zero number's last zero is not a leading one
        zeros = len(head) - len(head.lstrip("0"))
        if zeros != 1:
            number.number_of_leading_zeros = zeros
    return number


def _checked_tax_id(value: str, golden: Mapping[str, Any]) -> str:
    compact, valid = normalise_tax_id(value, golden.get("country"))
    return compact if compact and valid else value


def _money(value: str, row: Row) -> str | None:
    amount = to_decimal(value)
    return None if amount is None else str(amount)


UNIT_REASON = "unit must be hour or day"


def refused_unit(text: str) -> str:
    """Why ``text`` is not a unit the hub holds, after ``UNIT_REASON``."""
    unit = read_unit(text)
    if unit is None:
        return repr(text)
    return f"{text!r} is read as {unit}; the hub holds hour or day rates only"


def _skills(value: str, row: Row) -> list[str] | None:
    skills = [s.strip() for s in value.split(";") if s.strip()]
    return sorted(set(skills), key=skills.index) or None


# A kind's name is also what onboarding's value detectors call such values (mdm.onboarding.values)
TEXT = Kind("text")
TAX_ID = Kind("tax_id", show=_checked_tax_id)  # kept as written; shown in its checked form
DUNS = Kind("duns")  # kept as written
POSTCODE = Kind("postcode")  # kept as written
COUNTRY = Kind("country", lambda v, _: to_iso2(v), "unknown country")
EMAIL = Kind("email", lambda v, _: normalise_email(v), "not a valid e-mail address")
PHONE = Kind("phone", _phone, "not a valid phone number", show=_international)
WEBSITE = Kind("website", lambda v, _: registrable_domain(v), "not a website address")
CURRENCY = Kind("currency", lambda v, _: to_currency(v), "unknown currency", rejects=True)
DATE = Kind("date", lambda v, _: to_iso_date(v), "not a date", rejects=True, ordered=_date_in)
MONEY = Kind("money", _money, "not a number", rejects=True)  # a Decimal, kept as its text
RATE_UNIT = Kind(
    "rate_unit", lambda v, _: held_unit(v), UNIT_REASON, rejects=True, detail=refused_unit
)
LIST = Kind("list", _skills)  # `;`-separated, each once, in first-seen order
