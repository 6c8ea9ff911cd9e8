"""Mistakes found in people records: names, contact details, job data."""

from __future__ import annotations

import random
from decimal import Decimal

from mdm.synthetic import people_words as pw
from mdm.synthetic.corruption import Mistake, blank_one, typo_in
from mdm.synthetic.draws import Weighted, pick
from mdm.synthetic.geo_data import CITY_ALIASES
from mdm.synthetic.model import Row
from mdm.synthetic.people import Person
from mdm.synthetic.places import PHONE_STYLES, render_phone
from mdm.synthetic.spelling import strip_accents


def _set_first(row: Row, old: str, new: str) -> None:
    if row["first_name"]:
        row["first_name"] = new
    row["full_name"] = row["full_name"].replace(old, new, 1)


def _nickname(row: Row, p: Person, rng: random.Random) -> None:
    forms = pw.NICKNAMES.get(p.first)
    if forms:
        _set_first(row, p.first, pick(rng, forms))
    else:
        typo_in(row, ("first_name", "full_name"), rng)


def _last_first(row: Row, p: Person, rng: random.Random) -> None:
    first = row["first_name"] or p.first
    last = row["last_name"] or p.last
    row["full_name"] = f"{last}, {first}" if "," not in row["full_name"] else f"{first} {last}"


def _middle(row: Row, p: Person, rng: random.Random) -> None:
    if p.middle and p.middle in row["full_name"]:
        row["full_name"] = row["full_name"].replace(f" {p.middle}", "")
        return
    initial = (p.middle or pick(rng, "ABCDEFGHJKLMNPRSTW"))[0] + "."
    if row["first_name"] and rng.random() < 0.5:
        row["first_name"] = f"{row['first_name']} {initial}"
    else:
        first = row["first_name"] or p.first
        row["full_name"] = f"{first} {initial} {row['last_name'] or p.last}"


def _accents(row: Row, p: Person, rng: random.Random) -> None:
    for field in ("first_name", "last_name", "full_name", "location_city"):
        row[field] = strip_accents(row[field], rng)


def _typo(row: Row, p: Person, rng: random.Random) -> None:
    typo_in(row, ("first_name", "last_name", "full_name", "email"), rng)


def _case(row: Row, p: Person, rng: random.Random) -> None:
    field = pick(rng, ("last_name", "full_name", "email"))
    row[field] = row[field].upper() if field != "email" else row[field].title()


def _missing(row: Row, p: Person, rng: random.Random) -> None:
    blank_one(row, ("email", "phone", "title", "department", "hire_date", "employee_number",
                    "cost_rate", "location_city", "skills"), rng)  # fmt: skip


def _phone(row: Row, p: Person, rng: random.Random) -> None:
    row["phone"] = render_phone(p.phone, pick(rng, PHONE_STYLES))


def _title(row: Row, p: Person, rng: random.Random) -> None:
    variants = pw.TITLE_VARIANTS.get(row["title"])
    row["title"] = pick(rng, variants) if variants else row["title"].upper()


def _department(row: Row, p: Person, rng: random.Random) -> None:
    dept = row["department"]
    row["department"] = dept.replace("&", "and") if "&" in dept else dept.replace(" ", "-")


def _location(row: Row, p: Person, rng: random.Random) -> None:
    aliases = CITY_ALIASES.get(p.city)
    if aliases and rng.random() < 0.6:
        row["location_city"] = pick(rng, aliases)
    else:  # moved to another office of the firm
        offices = pw.ACME_OFFICES if p.firm == "acme" else pw.BETA_OFFICES
        row["location_city"], row["country"] = pick(rng, offices)


def _skills(row: Row, p: Person, rng: random.Random) -> None:
    skills = [s for s in row["skills"].split(";") if s]
    rng.shuffle(skills)
    keep = skills[: max(1, len(skills) - rng.randint(0, 2))]
    row["skills"] = ";".join(s.lower() if rng.random() < 0.2 else s for s in keep)


def _stale_cost(row: Row, p: Person, rng: random.Random) -> None:
    """The cost rate before (or after) the last pay review."""
    factor = Decimal(str(pick(rng, (0.93, 0.95, 0.97, 1.03, 1.05))))
    row["cost_rate"] = str((p.cost_rate * factor).quantize(Decimal("0.01")))


def _surnames(row: Row, p: Person, rng: random.Random) -> None:
    """Spanish double surnames cut to the first; Dutch particles moved or re-cased."""
    last = p.last
    if " " not in last:
        typo_in(row, ("last_name",), rng)
        return
    if p.culture == "es":
        short = last.split(" ", 1)[0]
    else:
        short = pick(rng, (last.title(), f"{last.split()[-1]}, {' '.join(last.split()[:-1])}"))
    row["last_name"] = short if row["last_name"] else ""
    row["full_name"] = row["full_name"].replace(last, short)


def _swap(row: Row, p: Person, rng: random.Random) -> None:
    row["first_name"], row["last_name"] = row["last_name"], row["first_name"]


def _employee_number(row: Row, p: Person, rng: random.Random) -> None:
    number = row["employee_number"]
    row["employee_number"] = number.lstrip("E0") if rng.random() < 0.7 else number[::-1]


_TABLE: tuple[tuple[Mistake[Person], float], ...] = (
    (_nickname, 10), (_last_first, 7), (_middle, 7), (_accents, 7), (_typo, 14), (_case, 4),
    (_missing, 12), (_phone, 8), (_title, 8), (_department, 4), (_location, 5), (_skills, 6),
    (_stale_cost, 6), (_surnames, 6), (_swap, 2), (_employee_number, 3),
)  # fmt: skip
RESOURCE_MISTAKES: Weighted[Mistake[Person]] = Weighted(
    [m for m, _ in _TABLE], [w for _, w in _TABLE]
)
