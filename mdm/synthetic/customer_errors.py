"""Mistakes found in client records: names, identifiers, addresses, contact details."""

from __future__ import annotations

import random

from mdm.synthetic.companies import Company
from mdm.synthetic.corruption import Mistake, blank_one, respace, typo_in
from mdm.synthetic.draws import Weighted, pick
from mdm.synthetic.geo_data import CITY_ALIASES, COUNTRIES
from mdm.synthetic.model import Row
from mdm.synthetic.name_variants import abbreviate, legal_form_variant, street_variant
from mdm.synthetic.places import PHONE_STYLES, make_address, make_phone, render_phone
from mdm.synthetic.spelling import change_case, digit_slip, strip_accents

_NAMES = ("name", "legal_name")


def _name_typo(row: Row, c: Company, rng: random.Random) -> None:
    typo_in(row, _NAMES, rng)


def _legal_form(row: Row, c: Company, rng: random.Random) -> None:
    for field in _NAMES:
        if row[field] and rng.random() < 0.7:
            row[field] = legal_form_variant(row[field], rng)


def _abbreviation(row: Row, c: Company, rng: random.Random) -> None:
    for field in _NAMES:
        row[field] = abbreviate(row[field], rng)


def _case(row: Row, c: Company, rng: random.Random) -> None:
    field = pick(rng, _NAMES)
    row[field] = change_case(row[field], rng)


def _accents(row: Row, c: Company, rng: random.Random) -> None:
    for field in ("name", "legal_name", "address_line1", "city"):
        row[field] = strip_accents(row[field], rng)


def _missing(row: Row, c: Company, rng: random.Random) -> None:
    blank_one(row, ("email", "phone", "website", "tax_id", "duns", "address_line2", "industry",
                    "postal_code", "region", "currency"), rng)  # fmt: skip


def _phone(row: Row, c: Company, rng: random.Random) -> None:
    row["phone"] = render_phone(c.phone, pick(rng, PHONE_STYLES))
    if rng.random() < 0.2:
        row["phone"] += pick(rng, (" x", " ext. ", " ext ")) + str(rng.randint(10, 499))


def _moved(row: Row, c: Company, rng: random.Random) -> None:
    """The client moved office within its country: new street, often a new city and phone."""
    a = make_address(c.country, rng)
    row.update(address_line1=a.line1, address_line2=a.line2, city=a.city, region=a.region,
               postal_code=a.postal_code)  # fmt: skip
    if rng.random() < 0.5:
        city = next(x for x in COUNTRIES[c.country].cities if x.name == a.city)
        row["phone"] = render_phone(make_phone(c.country, rng, city), "international")


def _website(row: Row, c: Company, rng: random.Random) -> None:
    forms = (c.domain, f"www.{c.domain}", f"https://www.{c.domain}/", f"http://{c.domain}",
             f"https://www.{c.domain}/en/", f"www.{c.domain}/home", c.domain.upper())  # fmt: skip
    row["website"] = pick(rng, forms)


def _tax_format(row: Row, c: Company, rng: random.Random) -> None:
    tax = c.tax_id
    roll = rng.random()
    if roll < 0.4 and tax[:2].isalpha() and c.country != "CH":
        row["tax_id"] = tax[2:]
    elif roll < 0.7:
        plain = tax.replace(" ", "").replace("-", "").replace(".", "")
        row["tax_id"] = " ".join(plain[i : i + 3] for i in range(0, len(plain), 3))
    elif roll < 0.85:
        row["tax_id"] = tax.lower() if c.country != "US" else tax.replace("-", "")
    else:
        row["tax_id"] = ".".join(tax[i : i + 4] for i in range(0, len(tax), 4))


def _tax_slip(row: Row, c: Company, rng: random.Random) -> None:
    if row["tax_id"]:
        row["tax_id"] = digit_slip(row["tax_id"], rng)


def _postal(row: Row, c: Company, rng: random.Random) -> None:
    code = row["postal_code"]
    if code.startswith("0") and code.isdigit():  # a spreadsheet ate the leading zero
        row["postal_code"] = code.lstrip("0")
    elif " " in code:
        row["postal_code"] = code.replace(" ", "")
    elif c.country == "US":
        row["postal_code"] = f"{code}-{rng.randint(1000, 9999)}"


def _street(row: Row, c: Company, rng: random.Random) -> None:
    row["address_line1"] = street_variant(row["address_line1"], rng)
    if row["address_line2"] and rng.random() < 0.4:
        row["address_line1"] = f"{row['address_line1']}, {row['address_line2']}"
        row["address_line2"] = ""


def _city(row: Row, c: Company, rng: random.Random) -> None:
    aliases = CITY_ALIASES.get(c.address.city)
    if aliases:
        row["city"] = pick(rng, aliases)
    else:
        row["region"] = "" if rng.random() < 0.5 else row["region"].upper()


def _email(row: Row, c: Company, rng: random.Random) -> None:
    if rng.random() < 0.6:
        row["email"] = pick(rng, c.emails)
    else:
        typo_in(row, ("email",), rng)


def _punctuation(row: Row, c: Company, rng: random.Random) -> None:
    row["name"] = respace(row["name"], rng)


def _swap_names(row: Row, c: Company, rng: random.Random) -> None:
    if row["legal_name"]:
        row["name"], row["legal_name"] = row["legal_name"], row["name"]
    elif rng.random() < 0.5 and not row["name"].startswith("The "):
        row["name"] = "The " + row["name"]


def _duns(row: Row, c: Company, rng: random.Random) -> None:
    """A DUNS mistyped, or written with the dashes of the paper form."""
    d = c.duns
    row["duns"] = digit_slip(d, rng) if rng.random() < 0.5 else f"{d[:2]}-{d[2:5]}-{d[5:]}"


_TABLE: tuple[tuple[Mistake[Company], float], ...] = (
    (_name_typo, 18), (_legal_form, 15), (_abbreviation, 8), (_case, 7), (_accents, 6),
    (_missing, 16), (_phone, 10), (_moved, 5), (_website, 8), (_tax_format, 8), (_tax_slip, 2),
    (_postal, 5), (_street, 7), (_city, 5), (_email, 5), (_punctuation, 3), (_swap_names, 3),
    (_duns, 2),
)  # fmt: skip
CUSTOMER_MISTAKES: Weighted[Mistake[Company]] = Weighted(
    [m for m, _ in _TABLE], [w for _, w in _TABLE]
)
