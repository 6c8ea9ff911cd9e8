"""True people: consultants of the acquirer ("acme") and of the acquired firm ("beta")."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from mdm.synthetic import people_words as pw
from mdm.synthetic.draws import Weighted, pick
from mdm.synthetic.geo_data import COUNTRIES
from mdm.synthetic.places import Phone, make_phone
from mdm.synthetic.spelling import fold_ascii

ACQUISITION_DATE = date(2024, 7, 1)
_BASE_COST_USD = (38, 52, 68, 88, 110, 140, 190)  # hourly cost by level
FX = {"USD": 1.0, "GBP": 0.79, "EUR": 0.92, "CHF": 0.9, "AUD": 1.52, "CAD": 1.36,
      "SEK": 10.6, "DKK": 6.9, "PLN": 4.0}  # fmt: skip
_WAGE_LEVEL = {"US": 1.0, "GB": 0.9, "DE": 0.9, "FR": 0.85, "ES": 0.65, "IT": 0.7, "CH": 1.25,
               "AU": 0.9, "CA": 0.85, "IE": 0.9, "NL": 0.9, "BE": 0.88, "DK": 1.0, "SE": 0.85,
               "PL": 0.45}  # fmt: skip
_LEVEL_DRAW = Weighted(range(7), pw.LEVEL_WEIGHTS)
_CULTURES = tuple(pw.FIRST_NAMES)


@dataclass(frozen=True)
class Person:
    truth_id: str
    first: str
    middle: str
    last: str
    culture: str
    preferred: str  # a work name some systems hold instead of ``first`` ("" if none)
    firm: str  # "acme" or "beta"
    moved: bool  # a beta person who joined acme's systems after the acquisition
    level: int
    department: str
    city: str
    country: str
    hire_date: date
    skills: tuple[str, ...]
    cost_rate: Decimal
    phone: Phone
    email_local: str
    manager: str = ""
    legacy_local: str = ""  # the acquired firm's older "jsmith" mailbox ("" if none)


@lru_cache(maxsize=8192)
def email_part(text: str) -> str:
    return "".join(ch for ch in fold_ascii(text).lower() if ch.isalnum() or ch == "-")


def _cost(level: int, country: str, rng: random.Random) -> Decimal:
    currency = COUNTRIES[country].currency
    raw = _BASE_COST_USD[level] * _WAGE_LEVEL[country] * FX[currency] * rng.uniform(0.88, 1.12)
    step = 0.25 if raw < 200 else 5.0
    return Decimal(str(round(raw / step) * step)).quantize(Decimal("0.01"))


def _name(culture: str, rng: random.Random) -> tuple[str, str, str]:
    first = pick(rng, pw.FIRST_NAMES[culture])
    middle = ""
    if culture in ("en", "de", "nl", "sv") and rng.random() < 0.3:
        middle = pick(rng, pw.FIRST_NAMES[culture])
    return first, middle, pick(rng, pw.LAST_NAMES[culture])


def _where(firm: str, rng: random.Random) -> tuple[str, str, str]:
    city, country = pick(rng, pw.ACME_OFFICES if firm == "acme" else pw.BETA_OFFICES)
    cultures = pw.COUNTRY_CULTURES.get(country, ("en",))
    culture = pick(rng, cultures) if rng.random() < 0.8 else pick(rng, _CULTURES)
    return city, country, culture


def _email_local(first: str, middle: str, last: str, taken: dict[str, int]) -> str:
    """first.last, else first.m.last, else first.last2, 3, ... (``taken``: local -> next n)."""
    base = f"{email_part(first.split()[0])}.{email_part(last.replace(' ', ''))}"
    options = [base]
    if middle:
        options.append(base.replace(".", f".{email_part(middle)[0]}.", 1))
    local = next((o for o in options if o not in taken), "")
    if not local:
        n = taken[base]
        while f"{base}{n}" in taken:
            n += 1
        local = f"{base}{n}"
        taken[base] = n + 1
    taken.setdefault(local, 2)
    return local


def make_person(
    slot: tuple[str, str, int, str], taken: dict[str, int], rng: random.Random,
    namesake: Person | None = None,
) -> Person:  # fmt: skip
    """``slot`` = (truth id, firm, level, manager's truth id); ``namesake`` lends the name."""
    truth_id, firm, level, manager = slot
    city, country, culture = _where(firm, rng)
    first, middle, last = _name(culture, rng)
    if namesake is not None:
        first, last, culture = namesake.first, namesake.last, namesake.culture
    start = date(2004, 1, 1) + timedelta(days=int(rng.random() * 7300))
    hire = min(start, ACQUISITION_DATE - timedelta(days=30 + int(rng.random() * 400)))
    departments = pw.ACME_DEPARTMENTS if firm == "acme" else pw.BETA_DEPARTMENTS
    city_row = next(c for c in COUNTRIES[country].cities if c.name == city)
    phone = make_phone(country, rng) if rng.random() < 0.8 else make_phone(country, rng, city_row)
    preferred = pick(rng, pw.PREFERRED_ENGLISH) if culture == "zh" and rng.random() < 0.35 else ""
    return Person(
        truth_id, first, middle, last, culture, preferred, firm,
        firm == "beta" and rng.random() < 0.7, level, pick(rng, departments), city, country,
        hire, tuple(rng.sample(pw.SKILLS, 2 + int(rng.random() * 6))),
        _cost(level, country, rng), phone, _email_local(first, middle, last, taken), manager,
    )  # fmt: skip


def _slots(count: int, prefix: str, rng: random.Random) -> list[tuple[str, str, int, str]]:
    """Truth id, firm and level for everyone, then a manager one or two levels up."""
    drafts = [(f"{prefix}{i + 1:06d}", "beta" if rng.random() < 0.3 else "acme",
               _LEVEL_DRAW.draw(rng)) for i in range(count)]  # fmt: skip
    by_firm_level: dict[tuple[str, int], list[str]] = {}
    for truth_id, firm, level in drafts:
        by_firm_level.setdefault((firm, level), []).append(truth_id)
    slots = []
    for truth_id, firm, level in drafts:
        levels = [lvl for lvl in range(level + 1, 7) if (firm, lvl) in by_firm_level]
        manager = ""
        if levels and rng.random() < 0.95:
            boss_level = levels[0] if rng.random() < 0.7 else pick(rng, levels)
            manager = pick(rng, by_firm_level[(firm, boss_level)])
        slots.append((truth_id, firm, level, manager))
    return slots


LEGACY_MAILBOX_BEFORE = 2015  # the acquired firm named mailboxes "jsmith" until then


def _legacy_local(person: Person, taken: dict[str, int]) -> str:
    """The mailbox "jsmith", else "jsmith2", 3, ...: one mail system never gives two people
    one mailbox."""
    base = email_part(person.first)[:1] + email_part(person.last.replace(" ", ""))
    if base not in taken:
        taken[base] = 2
        return base
    n = taken[base]
    taken[base] = n + 1
    return f"{base}{n}"


def make_people(count: int, rng: random.Random, prefix: str = "R") -> list[Person]:
    """``count`` distinct people, 30% from the acquired firm, a few of them namesakes."""
    people: list[Person] = []
    taken: dict[str, int] = {}
    legacy: dict[str, int] = {}
    for slot in _slots(count, prefix, rng):
        namesake = pick(rng, people) if len(people) > 10 and rng.random() < 0.04 else None
        person = make_person(slot, taken, rng, namesake)
        if person.firm == "beta" and person.hire_date.year < LEGACY_MAILBOX_BEFORE:
            person = replace(person, legacy_local=_legacy_local(person, legacy))
        people.append(person)
    return people
