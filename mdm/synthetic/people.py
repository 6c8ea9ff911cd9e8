"""True people: consultants of the acquirer ("acme") and of the acquired firm ("beta")."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

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
    culture = pick(rng, cultures) if rng.random() < 0.8 else pick(rng, tuple(pw.FIRST_NAMES))
    return city, country, culture


def make_person(truth_id: str, firm: str, rng: random.Random) -> Person:
    city, country, culture = _where(firm, rng)
    first, middle, last = _name(culture, rng)
    level = _LEVEL_DRAW.draw(rng)
    start = date(2004, 1, 1) + timedelta(days=rng.randrange(7300))
    hire = min(start, ACQUISITION_DATE - timedelta(days=30 + rng.randrange(400)))
    departments = pw.ACME_DEPARTMENTS if firm == "acme" else pw.BETA_DEPARTMENTS
    city_row = next(c for c in COUNTRIES[country].cities if c.name == city)
    phone = make_phone(country, rng) if rng.random() < 0.8 else make_phone(country, rng, city_row)
    preferred = pick(rng, pw.PREFERRED_ENGLISH) if culture == "zh" and rng.random() < 0.35 else ""
    return Person(
        truth_id, first, middle, last, culture, preferred, firm,
        firm == "beta" and rng.random() < 0.7, level, pick(rng, departments), city, country,
        hire, tuple(rng.sample(pw.SKILLS, rng.randint(2, 7))), _cost(level, country, rng),
        phone, "",
    )  # fmt: skip


def _namesake(base: Person, truth_id: str, rng: random.Random) -> Person:
    """Someone else with the same first and last name (other office, department, e-mail)."""
    other = make_person(truth_id, pick(rng, ("acme", "acme", "beta")), rng)
    return replace(other, first=base.first, last=base.last, culture=base.culture)


def _with_email(person: Person, taken: set[str]) -> Person:
    first = email_part(person.first.split()[0])
    last = email_part(person.last.replace(" ", ""))
    options = [f"{first}.{last}"]
    if person.middle:
        options.append(f"{first}.{email_part(person.middle)[0]}.{last}")
    local = next((o for o in options if o not in taken), "")
    n = 2
    while not local:
        local = f"{first}.{last}{n}" if f"{first}.{last}{n}" not in taken else ""
        n += 1
    taken.add(local)
    return replace(person, email_local=local)


def _assign_managers(people: list[Person], rng: random.Random) -> list[Person]:
    by_firm_level: dict[tuple[str, int], list[str]] = {}
    for p in people:
        by_firm_level.setdefault((p.firm, p.level), []).append(p.truth_id)
    out = []
    for p in people:
        levels = [lvl for lvl in range(p.level + 1, 7) if (p.firm, lvl) in by_firm_level]
        manager = ""
        if levels and rng.random() < 0.95:
            # most people report to someone one or two levels up
            bosses = by_firm_level[
                (p.firm, min(levels) if rng.random() < 0.7 else pick(rng, levels))
            ]
            manager = pick(rng, bosses)
        out.append(replace(p, manager=manager))
    return out


def make_people(count: int, rng: random.Random, prefix: str = "R") -> list[Person]:
    """``count`` distinct people, 30% from the acquired firm, a few of them namesakes."""
    people: list[Person] = []
    taken: set[str] = set()
    while len(people) < count:
        truth_id = f"{prefix}{len(people) + 1:06d}"
        if len(people) > 10 and rng.random() < 0.04:
            person = _namesake(pick(rng, people), truth_id, rng)
        else:
            person = make_person(truth_id, "beta" if rng.random() < 0.3 else "acme", rng)
        people.append(_with_email(person, taken))
    return _assign_managers(people, rng)
