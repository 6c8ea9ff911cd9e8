"""Telephone numbers to E.164."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import (
    COUNTRY_CODE_TO_REGION_CODE,
    PhoneMetadata,
    PhoneNumber,
    region_code_for_country_code,
)
from phonenumbers import phonenumberutil as _util

_NOT_DIALLED = re.compile(r"[^\d+]")
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|#)\s*\d+\s*$", re.IGNORECASE)
_MIN_NSN, _MAX_NSN = 2, 17  # phonenumbers' bounds on a national significant number
_RUNS = ("0123456789" * 2, "9876543210" * 2)
_LINE_DIGITS = 7
"""A subscriber's line: the last seven digits of a number, under its area or trunk code."""


def _region(country_iso2: str | None) -> str | None:
    if not country_iso2:
        return None
    region = country_iso2.strip().upper()
    return region if len(region) == 2 and region.isalpha() else None


@lru_cache(maxsize=65536)
def to_e164(value: str, country_iso2: str | None) -> str | None:
    """Return the number in E.164 form (``+442079460958``) or None.

    ``country_iso2`` is the region used for national formats (``020 7946 0958`` with ``GB``).
    ``+`` and the ``00`` international prefix are accepted whatever the region. Extensions
    (``x123``, ``ext. 123``) are dropped. None when the text cannot be parsed or is not a
    possible number for its country (length check, not an allocation check).
    """
    text = _EXTENSION.sub("", value.strip())
    digits = _NOT_DIALLED.sub("", text)
    if len(digits.lstrip("+")) < 5:
        return None
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif "+" in digits[1:]:
        return None
    region = None if digits.startswith("+") else _region(country_iso2)
    if region is None and not digits.startswith("+"):
        return None
    return _dialled_to_e164(digits, region)


@lru_cache(maxsize=65536)
def _dialled_to_e164(digits: str, region: str | None) -> str | None:
    """E.164 for ``digits`` (ASCII or Unicode digits, maybe a leading ``+``) dialled in ``region``."""
    plain = _plain_international(digits) if region is None else None
    if plain is not None:
        return plain
    number = _national(digits, region) if region is not None else None
    if number is None:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _plain_international(digits: str) -> str | None:
    """The common case without a full parse: ``+`` and ASCII digits, a known country code, no
    national prefix to strip and a length the country's plan allows. None means "not sure":
    the caller then asks phonenumbers, which decides every other case."""
    rest = digits[1:]
    if not (rest.isascii() and rest.isdigit()) or rest[0] == "0":
        return None
    for size in (1, 2, 3):
        code = int(rest[:size])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            return _possible(code, rest[size:])
    return None


_SHORT_OR_LOCAL = (
    _util.ValidationResult.TOO_SHORT,
    _util.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    _util.ValidationResult.INVALID_LENGTH,
)


def _national(digits: str, region: str) -> PhoneNumber | None:
    """``phonenumbers.parse(digits, region)`` of ASCII digits dialled in ``region``, by the
    steps parse takes for them (its national prefix stripped where the rest is a possible
    length) without its reading of free text, which costs most of its time. None means "not
    sure": the digits begin with the region's country code or its international prefix (parse
    may read them as international), are of a length parse refuses, or the region is unknown;
    the caller then asks parse. tests/unit/matching/standardise/test_phone_national.py holds it to parse."""
    if not (digits.isascii() and digits.isdigit()):
        return None
    metadata = PhoneMetadata.metadata_for_region(region, None)
    if metadata is None or digits.startswith(str(metadata.country_code)):
        return None
    idd = metadata.international_prefix
    if idd and _compiled(idd).match(digits):
        return None
    _, national, _ = _util._maybe_strip_national_prefix_carrier_code(digits, metadata)
    if _util._test_number_length(national, metadata) in _SHORT_OR_LOCAL:
        national = digits  # parse keeps the prefix when the rest could not be a number
    if not _MIN_NSN <= len(national) <= _MAX_NSN:
        return None
    number = PhoneNumber(country_code=metadata.country_code)
    _util._set_italian_leading_zeros_for_phone_number(national, number)
    number.national_number = int(national)
    return number


def _possible(code: int, national: str) -> str | None:
    if not _MIN_NSN <= len(national) <= _MAX_NSN:
        return None
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(
        code, region_code_for_country_code(code)
    )
    if metadata is None or _strips_prefix(metadata, national):
        return None
    general = metadata.general_desc
    if general is None or len(national) not in general.possible_length:
        return None
    return f"+{code}{national}"


def _strips_prefix(metadata: PhoneMetadata, national: str) -> bool:
    """Whether phonenumbers would try to strip a national prefix (then it must decide)."""
    prefix = metadata.national_prefix_for_parsing
    return bool(prefix) and _compiled(prefix).match(national) is not None


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=65536)
def phone_country(e164: str) -> str | None:
    """The country (ISO 3166 alpha-2) an E.164 number is of, where its number plan tells
    (``+1 604`` is Canada, ``+1 212`` the United States); None when it does not."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    if region is None:  # not a valid number of any plan: its code, where one country has it
        regions = COUNTRY_CODE_TO_REGION_CODE.get(number.country_code or 0, ())
        region = regions[0] if len(regions) == 1 else None
    return region if region != "001" else None


@lru_cache(maxsize=65536)  # asked by the number's two features, phone and phone_tail
def is_dummy_number(value: str) -> bool:
    """Whether a phone number is one typed where a number was required and nobody knew it:
    its last seven digits one digit repeated (``000-0000``, ``555-555-5555``,
    ``+44 0000 000000``), or its last ten digits (or all, if fewer) a straight run from any
    digit on, up or down (``123-456-7890``, ``234-567-8901``, ``987-654-3210``). Many records
    share such a number, and it says nothing of who they are.
    The numbers of fiction (``555-0100`` to ``555-0199``) are real to the records holding them."""
    digits = _NOT_DIALLED.sub("", value).lstrip("+")
    if len(digits) < _LINE_DIGITS:
        return False
    if len(set(digits[-_LINE_DIGITS:])) == 1:
        return True
    national = digits[-10:]
    return any(national in run for run in _RUNS)
