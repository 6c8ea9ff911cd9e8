"""How each HR or PSA system holds a person (its habits, before any mistakes)."""

from __future__ import annotations

import random

from mdm.synthetic import people_words as pw
from mdm.synthetic.draws import pick
from mdm.synthetic.geo_data import COUNTRIES
from mdm.synthetic.model import Row, blank_row
from mdm.synthetic.people import ACQUISITION_DATE, Person
from mdm.synthetic.places import render_phone

ACME_DOMAIN = "acme-consulting.com"
BETA_DOMAIN = "beta-partners.com"


def _beta_email(person: Person) -> str:
    """The acquired firm's older addresses were "jsmith" (made unique when the person was)."""
    return f"{person.legacy_local or person.email_local}@{BETA_DOMAIN}"


def _acme_department(person: Person) -> str:
    if person.firm == "acme":
        return person.department
    index = pw.BETA_DEPARTMENTS.index(person.department)
    return pw.ACME_DEPARTMENTS[index % len(pw.ACME_DEPARTMENTS)]


def _common(row: Row, p: Person, rng: random.Random) -> None:
    row.update(
        first_name=p.first, last_name=p.last, location_city=p.city, country=p.country,
        hire_date=p.hire_date.isoformat(), cost_rate=str(p.cost_rate),
        cost_currency=COUNTRIES[p.country].currency,
    )  # fmt: skip


def _acme_hr(row: Row, p: Person, employee_key: str, rng: random.Random) -> None:
    moved_reset = p.firm == "beta" and rng.random() < 0.5
    full = " ".join(x for x in (p.first, p.middle, p.last) if x)
    row.update(
        full_name=full if rng.random() < 0.4 else "", email=f"{p.email_local}@{ACME_DOMAIN}",
        phone=render_phone(p.phone, "e164"), employee_number=employee_key,
        title=pw.ACME_TITLES[p.level], department=_acme_department(p),
        hire_date=ACQUISITION_DATE.isoformat() if moved_reset else row["hire_date"],
        skills=";".join(p.skills[:3]) if rng.random() < 0.3 else "",
    )  # fmt: skip


def _acme_psa(row: Row, p: Person, employee_key: str, rng: random.Random) -> None:
    first = p.preferred or p.first
    full = f"{p.last}, {first}" if rng.random() < 0.5 else f"{first} {p.last}"
    names_too = rng.random() < 0.6
    row.update(
        first_name=first if names_too else "", last_name=p.last if names_too else "",
        full_name=full, email=f"{p.email_local}@{ACME_DOMAIN}",
        phone=render_phone(p.phone, "international") if rng.random() < 0.5 else "",
        employee_number=employee_key if rng.random() < 0.88 else "",
        title=pw.ACME_TITLES[p.level], department=_acme_department(p), hire_date="",
        skills=";".join(p.skills),
    )  # fmt: skip


def _beta_hr(row: Row, p: Person, employee_key: str, rng: random.Random) -> None:
    row.update(
        email=_beta_email(p), phone=render_phone(p.phone, "national"),
        employee_number=employee_key, title=pw.BETA_TITLES[p.level],
        department=p.department if p.firm == "beta" else pick(rng, pw.BETA_DEPARTMENTS),
        country=COUNTRIES[p.country].name, skills=";".join(p.skills) if rng.random() < 0.5 else "",
    )  # fmt: skip


_HABITS = {"acme_hr": _acme_hr, "acme_psa": _acme_psa, "beta_hr": _beta_hr}


def resource_row(
    person: Person, system: str, keys: tuple[str, str, str], rng: random.Random
) -> Row:
    """``keys`` = (this record's source id, HR employee number, manager's source id here)."""
    row = blank_row("resource")
    _common(row, person, rng)
    source_id, employee_key, manager_key = keys
    _HABITS.get(system, _acme_hr)(row, person, employee_key or source_id, rng)
    row["manager_source_id"] = manager_key
    return row
