"""The shortcuts for everyday e-mail addresses and international numbers agree with the full
libraries, and leave every unusual case to them."""

from __future__ import annotations

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.email import _plain
from matching.standardise.phone import _plain_international


def _validated(addr: str) -> str | None:
    try:
        result = validate_email(addr, check_deliverability=False)
    except EmailNotValidError:
        return None
    return f"{result.local_part}@{result.domain}".lower()


def _parsed(digits: str) -> str | None:
    try:
        number = phonenumbers.parse(digits, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@pytest.mark.parametrize(
    "addr",
    ["a@b.test", "a@b.localhost", "a@xn--mller-kva.de", "a@ab--cd.com", "ü@b.de", '"a b"@c.com',
     f"{'a' * 65}@b.com", "a@b.c0m", "a@b", "a..b@c.com"],
)  # fmt: skip
def test_unusual_addresses_take_the_full_validation(addr: str) -> None:
    assert _plain(addr) is None


@given(
    st.from_regex(r"[a-zA-Z0-9_+.-]{1,20}", fullmatch=True),
    st.from_regex(r"[a-zA-Z0-9-]{1,12}(\.[a-zA-Z0-9-]{1,12}){0,2}\.[a-zA-Z]{2,6}", fullmatch=True),
)
def test_a_plain_address_is_what_email_validator_says(local: str, domain: str) -> None:
    addr = f"{local}@{domain}"
    plain = _plain(addr)
    if plain is not None:
        assert plain == _validated(addr)


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("+442079460958", "+442079460958"), ("+14049420450", "+14049420450"),
     ("+390516533254", "+390516533254"), ("+4402079460958", None), ("+0123456", None),
     ("+999123456", None), ("+١٢٣٤٥٦٧٨", None)],
)  # fmt: skip
def test_plain_international_numbers(digits: str, expected: str | None) -> None:
    assert _plain_international(digits) == expected


@given(st.from_regex(r"\+[1-9][0-9]{4,17}", fullmatch=True))
def test_a_plain_number_is_what_phonenumbers_says(digits: str) -> None:
    plain = _plain_international(digits)
    if plain is not None:
        assert plain == _parsed(digits)
