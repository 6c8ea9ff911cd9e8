"""The features of a resource (a person) the resource preset derives from a record: name parts
(as written, canonical, spelled, initials, phonetic), e-mail parts and the given name the
mailbox spells, phone, employee number, cost rate, title, department, place, hire date and
skills."""

from __future__ import annotations

from functools import lru_cache

from matching.feature import Derive, Feature
from matching.presets.derive import (
    country,
    email,
    email_domain,
    email_local,
    email_mail_domain,
    phone,
    standardised,
    text_of,
)
from matching.presets.identifier import identifier_features
from matching.presets.phone import PHONE_FEATURES
from matching.record import Record, text_value
from matching.standardise.address import standardise_city
from matching.standardise.dates import to_written_date
from matching.standardise.email import is_role_mailbox, local_part_given, split_email
from matching.standardise.money import to_currency, to_decimal
from matching.standardise.person import PARTICLES, PersonName, standardise_person
from matching.standardise.phone import phone_country
from matching.standardise.phonetic import name_phonetic
from matching.standardise.placeholder import is_placeholder
from matching.standardise.title import standardise_title


def _person(record: Record) -> PersonName | None:
    """The record's name standardised, read once per distinct name fields as the record holds
    them: each of the name features asks (fourteen per record)."""
    held = record.get("first_name"), record.get("last_name"), record.get("full_name")
    try:
        return _person_of(*held)
    except TypeError:  # a field's value that cannot be hashed
        return _read_person(*held)


@lru_cache(maxsize=131072, typed=True)  # typed: 1 and 1.0 are two texts
def _person_of(first: object, last: object, full: object) -> PersonName | None:
    return _read_person(first, last, full)


def _read_person(*held: object) -> PersonName | None:
    """The name standardised from its fields' values (first, last, full)."""
    first, last, full = (_name_part(value) for value in held)
    if not (first or last or full):
        return None
    return standardise_person(first, last, full)


def _name_part(value: object) -> str | None:
    """A name field as written, None where it is wholly a placeholder ("Unknown", "N/A",
    "Last Name"): one system's "Unknown" against another's real surname is no disagreement,
    and two people both "Unknown" share no name (``matching.standardise.placeholder``)."""
    written = text_value(value)
    return None if written is None or is_placeholder(written) else written


def _part(name: str) -> Feature:
    def derive(record: Record) -> object:
        person = _person(record)
        return getattr(person, name) or None if person else None

    return Feature(name if name != "first" else "first_raw", derive)


def _last_head(record: Record) -> object:
    """The last name's first word but particles: where first and last name were exchanged, a
    first name with middle names or initials (``Anne Pamela``, ``John Q``) stands in the
    last name, its first word against the other record's first name. Hyphens are kept, as
    the other record's first name holds an exchanged surname whole (``Brown-Joseph``)."""
    person = _person(record)
    if not (person and person.last):
        return None
    words = person.last.split()
    return next((word for word in words if word not in PARTICLES), words[0])


def _last_tail(record: Record) -> object:
    """The last name's words after its first: where first and last name were exchanged, the
    middle names or initials (``John Quincy`` -> ``quincy``), read only then
    (``matching.levels_exchange``)."""
    person = _person(record)
    return " ".join(person.last.split()[1:]) or None if person else None


def _last_tail_initials(record: Record) -> object:
    tail = _last_tail(record)
    return "".join(word[0] for word in tail.split()) if isinstance(tail, str) else None


def _given(record: Record) -> object:
    """The given names whole (``john quincy``): where first and last name were exchanged, the
    surname as written, particles and all (``de boer``), against the other's last name."""
    person = _person(record)
    return " ".join((person.first, *person.middle)) or None if person else None


def _middle(record: Record) -> object:
    person = _person(record)
    return " ".join(person.middle) or None if person else None


def _first_initial(record: Record) -> object:
    """The first given name's initial (``j`` of ``John Quincy``)."""
    person = _person(record)
    return person.initials[:1] or None if person else None


def _middle_initials(record: Record) -> object:
    person = _person(record)
    return "".join(name[0] for name in person.middle) or None if person else None


def _surnames(person: PersonName) -> list[str]:
    """The ways a firm writes the person's surname into a mailbox: whole as folded or spelled
    (``muller``, ``mueller``), without spaces or hyphens (``martinezruiz``, ``alsayed``), or
    one of its words but particles (``martinez``), of three letters or more."""
    whole = (person.last, person.last_spelled, *(p for p in person.last_parts if len(p) > 2))
    return list(dict.fromkeys(name.replace(" ", "").replace("-", "") for name in whole))


def _personal(derive: Derive) -> Derive:
    """``derive`` of the record's mailbox, None where the mailbox is a role's or a team's
    (``info@``, ``hr-team@``: ``matching.standardise.email.is_role_mailbox``): people who
    share one share no mailbox of their own, and a person holding one says nothing of which
    of the firm's mailboxes is theirs. The record keeps it."""

    def personal(record: Record) -> object:
        address = text_of(record, "email")
        return None if address and _is_role_address(address) else derive(record)

    return personal


@lru_cache(maxsize=65536)
def _is_role_address(address: str) -> bool:
    """Whether an address's mailbox is a role's or a team's: read once per address, though
    each of the four mailbox features asks."""
    return "@" in address and is_role_mailbox(split_email(address.lower())[0])


def _mailbox_given(record: Record) -> object:
    """The given name (or initial) the record's mailbox spells beside the record's own surname
    (``lei`` of ``lei.zhu@`` on ``Jack Zhu``'s record): the name the firm knew the person by
    when it made the mailbox, which a system holding a preferred name (``Jack``) or a
    nickname no longer shows (``matching.standardise.email.local_part_given``)."""
    person, local = _person(record), email_local(record)
    if not (person and person.last and isinstance(local, str)):
        return None
    return local_part_given(local, _surnames(person))


def _country(record: Record) -> str | None:
    """The country given, else the one the phone number is of."""
    number = phone(record)
    return country(record) or (phone_country(number) if isinstance(number, str) else None)


def _place(record: Record) -> object:
    """City and country as one value, None when the record holds neither."""
    city, land = standardise_city(text_of(record, "location_city") or ""), _country(record)
    return f"{city or ''}|{land or ''}" if city or land else None


def _amount(value: str) -> str | None:
    amount = to_decimal(value)
    return None if amount is None else str(amount.normalize())


def _skills(record: Record) -> tuple[str, ...] | None:
    """The skills, each once, lower-cased and sorted: a list as the hub keeps them, or text
    separated by ``;`` as an extract holds them."""
    value = record.get("skills")
    items = value if isinstance(value, list | tuple) else str(value or "").split(";")
    skills = sorted({" ".join(str(item).split()).lower() for item in items} - {""})
    return tuple(skills) or None


def _last_phonetic(record: Record) -> object:
    person = _person(record)
    return name_phonetic(person.last) if person and person.last else None


FEATURES = (
    _part("first"),
    _part("first_canonical"),
    _part("last"),
    _part("last_spelled"),
    Feature("last_head", _last_head),
    Feature("given", _given),
    _part("initials"),
    Feature("first_initial", _first_initial),
    Feature("middle", _middle),
    Feature("middle_initials", _middle_initials),
    Feature("last_tail", _last_tail),
    Feature("last_tail_initials", _last_tail_initials),
    Feature("last_phonetic", _last_phonetic),
    Feature("email", _personal(email)),
    Feature("email_local", _personal(email_local)),
    Feature("email_domain", _personal(email_mail_domain)),
    Feature("email_org_domain", _personal(email_domain)),
    Feature("mailbox_given", _mailbox_given),
    *PHONE_FEATURES,
    *identifier_features(
        "employee_number",
        standardised("employee_number", lambda value: value.upper().replace(" ", "")),
    ),
    Feature("cost_rate", standardised("cost_rate", lambda value: _amount(value))),
    Feature("cost_currency", standardised("cost_currency", to_currency)),
    Feature("title", standardised("title", standardise_title)),
    Feature("department", standardised("department", standardise_title)),
    Feature("city", standardised("location_city", standardise_city)),
    Feature("country", _country),
    Feature("place", _place),
    Feature("hire_date", standardised("hire_date", to_written_date)),
    Feature("skills", _skills),
)
