"""Small feature derivations shared by the presets (canonical fields, standardised again)."""

from __future__ import annotations

import re
from collections.abc import Callable

from matching.feature import Derive
from matching.record import Record, text
from matching.standardise.country import to_iso2
from matching.standardise.email import is_free_mail, split_email
from matching.standardise.phone import is_dummy_number, to_e164
from matching.standardise.placeholder import is_placeholder
from matching.standardise.website import registrable_domain

text_of = text


def country(record: Record) -> str | None:
    value = text(record, "country")
    if value is None:
        return None
    return value.upper() if len(value) == 2 and value.isalpha() else to_iso2(value)


def standardised(key: str, function: Callable[[str], object]) -> Derive:
    """A derivation applying a standardiser to one field (blank results become None)."""

    def derive(record: Record) -> object:
        value = text(record, key)
        return function(value) or None if value else None

    return derive


def domain_of(key: str) -> Derive:
    return standardised(key, registrable_domain)


def _email(record: Record) -> str | None:
    """The address, None where its mailbox is wholly a placeholder (``noemail@``,
    ``none@none.com``, ``firstname.lastname@``): many people share it, and its domain
    (``none.com``) is often made up too (``matching.standardise.placeholder``)."""
    value = text(record, "email")
    if not value or "@" not in value:
        return None
    value = value.lower()
    return None if is_placeholder(split_email(value)[0]) else value


def email(record: Record) -> object:
    return _email(record)


def email_local(record: Record) -> object:
    value = _email(record)
    return split_email(value)[0] or None if value else None


def email_domain(record: Record) -> object:
    """The mail domain when it is an organisation's, not a free-mail provider's."""
    value = _email(record)
    if not value:
        return None
    domain = split_email(value)[1]
    return None if not domain or is_free_mail(domain) else domain


_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def _phone_text(record: Record) -> str | None:
    """The number as written, None where it is a dummy (``matching.standardise.phone``'s
    ``is_dummy_number``: ``000-000-0000``, ``123-456-7890``): records sharing one share no line.
    The record keeps it."""
    value = text(record, "phone")
    return None if value is None or is_dummy_number(value) else value


def phone(record: Record) -> object:
    """E.164 (canonical payloads already are; anything else is standardised here)."""
    value = _phone_text(record)
    if value is None:
        return None
    return value if _E164.match(value) else to_e164(value, country(record))


def email_mail_domain(record: Record) -> object:
    """The mail domain of the address, free-mail or not."""
    value = _email(record)
    return split_email(value)[1] or None if value else None


def phone_tail(record: Record) -> object:
    """The last eight dialled digits: the same line written with or without a country code."""
    value = _phone_text(record)
    digits = "".join(ch for ch in value if ch.isdigit()) if value else ""
    return digits[-8:] if len(digits) >= 8 else None


def shape(value: str) -> str:
    """Letters as ``A``, digits as ``9``: ``E52663`` -> ``A99999``."""
    return "".join("9" if ch.isdigit() else "A" if ch.isalpha() else ch for ch in value)


SAME_SCHEME = "same_scheme_other_value"
"""Level label: another value of the same identifier scheme (evidence against)."""
OTHER_SCHEME = "other_scheme"
"""Level label: values of two different schemes (no evidence either way)."""


def scheme(value: str) -> str:
    """An identifier's numbering scheme: its leading letters as they are (a country or firm
    prefix), then its shape: ``DE136695976`` -> ``DE999999999``, ``E52663`` -> ``E99999``."""
    head = len(value) - len(value.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return value[:head] + shape(value[head:])
