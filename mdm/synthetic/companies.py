"""True client organisations, including the look-alikes that make matching hard.

Hard negatives made on purpose: sister companies of one brand in other countries (same
name, other legal form, tax id and address, often the same web root), distinct companies
whose names differ by a word or a letter, and same-country subsidiaries of a brand.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from mdm.synthetic import company_words as words
from mdm.synthetic.draws import Weighted, pick
from mdm.synthetic.geo_data import COUNTRIES, COUNTRY_WEIGHTS, City
from mdm.synthetic.people_words import COUNTRY_CULTURES, FIRST_NAMES, LAST_NAMES
from mdm.synthetic.places import Address, Phone, make_address, make_phone
from mdm.synthetic.spelling import fold_ascii, slug
from mdm.synthetic.taxids import make_duns, make_tax_id

_TLD = {"US": "com", "GB": "co.uk", "AU": "com.au"}
_MAIN_MAILBOX = {"de": "info", "fr": "contact", "es": "info", "it": "info", "nl": "info"}
_BILLING_MAILBOX = {
    "de": ("rechnungen", "buchhaltung"), "fr": ("facturation", "comptabilite"),
    "es": ("facturas", "contabilidad"), "it": ("fatture", "amministrazione"),
    "nl": ("facturen", "crediteuren"),
}  # fmt: skip
_INDUSTRIES = tuple(words.INDUSTRY_NOUNS)
_COUNTRY_CODES = tuple(COUNTRY_WEIGHTS)


@dataclass(frozen=True)
class Company:
    truth_id: str
    brand: str
    legal_form: str
    country: str
    tax_id: str
    duns: str
    domain: str
    emails: tuple[str, str, str]  # general mailbox, accounts payable, a named contact
    phone: Phone
    address: Address
    industry: str
    currency: str
    parent: str = ""  # truth id of the parent organisation

    @property
    def legal_name(self) -> str:
        return f"{self.brand} {self.legal_form}".strip()


def _culture(country: str, rng: random.Random) -> str:
    cultures = COUNTRY_CULTURES.get(country, ("en",))
    return cultures[0] if rng.random() < 0.7 else pick(rng, cultures)


def _surname(country: str, rng: random.Random) -> str:
    return pick(rng, LAST_NAMES[_culture(country, rng)]).split()[0]


def _brand_head(country: str, rng: random.Random) -> str:
    kind = _HEAD_DRAW.draw(rng)
    if kind == "compound":
        return pick(rng, words.BRAND_HEADS) + pick(rng, words.BRAND_TAILS)
    if kind == "word":
        return pick(rng, words.BRAND_WORDS)
    if kind == "syllable":
        return pick(rng, words.SYLLABLE_HEADS) + pick(rng, words.SYLLABLE_TAILS)
    if kind == "surname":
        return _surname(country, rng)
    if kind == "pair":
        joiner = pick(rng, (" & ", " and ", " & "))
        return _surname(country, rng) + joiner + _surname(country, rng)
    return "".join(pick(rng, "ABCDEFGHIKLMNPRSTVW") for _ in range(pick(rng, (2, 3, 3, 4))))


def make_brand(country: str, industry: str, rng: random.Random) -> str:
    language = COUNTRIES[country].language
    local = words.LOCAL_NOUNS.get(language, {}).get(industry)
    if local and rng.random() < 0.45:
        places = words.LOCAL_PLACE_WORDS.get(language, ())
        head = pick(rng, places) if places and rng.random() < 0.4 else _surname(country, rng)
        return f"{head} {pick(rng, local)}"
    brand = f"{_brand_head(country, rng)} {pick(rng, words.INDUSTRY_NOUNS[industry])}"
    if rng.random() < 0.12:
        brand += " " + pick(rng, words.QUALIFIERS)
    return brand


_FORM_DRAWS = {
    country: Weighted([f for f, _ in forms], [w for _, w in forms])
    for country, forms in words.LEGAL_FORMS.items()
}
_COUNTRY_DRAW = Weighted(tuple(COUNTRY_WEIGHTS), tuple(COUNTRY_WEIGHTS.values()))
_HEAD_DRAW = Weighted(("compound", "word", "syllable", "surname", "pair", "acronym"),
                      (34, 24, 10, 16, 8, 8))  # fmt: skip


def _legal_form(country: str, rng: random.Random) -> str:
    return _FORM_DRAWS[country].draw(rng)


def _domain(brand: str, country: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        root = slug(brand)
    elif roll < 0.6:
        root = slug(brand, "-")
    else:
        root = slug(brand.split()[0] if " & " not in brand else brand.replace(" & ", " "))
    tld = _TLD.get(country, country.lower())
    return f"{root}.{'com' if rng.random() < 0.35 else tld}"


def _emails(domain: str, country: str, rng: random.Random) -> tuple[str, str, str]:
    language = COUNTRIES[country].language
    main = _MAIN_MAILBOX.get(language, pick(rng, ("info", "contact", "hello", "office")))
    billing = pick(rng, _BILLING_MAILBOX.get(language, ("accounts.payable", "ap", "invoices")))
    culture = _culture(country, rng)
    first = fold_ascii(pick(rng, FIRST_NAMES[culture])).lower().replace(" ", "")
    last = fold_ascii(pick(rng, LAST_NAMES[culture])).lower().replace(" ", "").replace("'", "")
    person = pick(rng, (f"{first}.{last}", f"{first[0]}.{last}", f"{first[0]}{last}"))
    return f"{main}@{domain}", f"{billing}@{domain}", f"{person}@{domain}"


def _located(country: str, rng: random.Random) -> tuple[Address, Phone, str, str]:
    """Address, switchboard phone, tax id and DUNS for a legal entity in ``country``."""
    city = pick(rng, COUNTRIES[country].cities)
    address = make_address(country, rng, city)
    return address, make_phone(country, rng, city), make_tax_id(country, rng), make_duns(rng)


def make_company(truth_id: str, rng: random.Random, country: str = "") -> Company:
    country = country or _COUNTRY_DRAW.draw(rng)
    industry = pick(rng, _INDUSTRIES)
    brand = make_brand(country, industry, rng)
    domain = _domain(brand, country, rng)
    address, phone, tax_id, duns = _located(country, rng)
    return Company(
        truth_id, brand, _legal_form(country, rng), country, tax_id, duns, domain,
        _emails(domain, country, rng), phone, address, industry, COUNTRIES[country].currency,
    )  # fmt: skip


def _relocated(base: Company, truth_id: str, country: str, rng: random.Random) -> Company:
    address, phone, tax_id, duns = _located(country, rng)
    return replace(
        base, truth_id=truth_id, country=country, legal_form=_legal_form(country, rng),
        tax_id=tax_id, duns=duns, address=address, phone=phone,
        currency=COUNTRIES[country].currency, parent="",
    )  # fmt: skip


def make_sister(base: Company, truth_id: str, rng: random.Random) -> Company:
    """The same brand incorporated in another country (a different legal entity)."""
    others = [c for c in _COUNTRY_CODES if c != base.country]
    country = rng.choices(others, [COUNTRY_WEIGHTS[c] for c in others])[0]
    sister = _relocated(base, truth_id, country, rng)
    root = base.domain.split(".")[0]
    roll = rng.random()
    domain = base.domain if roll < 0.35 else f"{root}.{_TLD.get(country, country.lower())}"
    if roll > 0.85:
        domain = _domain(base.brand, country, rng)
    parent = base.parent or base.truth_id
    return replace(sister, domain=domain, emails=_emails(domain, country, rng),
                   parent=parent if rng.random() < 0.75 else "")  # fmt: skip


def _near_name(brand: str, industry: str, rng: random.Random) -> str:
    parts = brand.split()
    roll = rng.random()
    if roll < 0.35:
        nouns = [n for n in words.INDUSTRY_NOUNS[industry] if n != parts[-1]]
        return " ".join([*parts[:-1], pick(rng, nouns)]) if nouns else brand + " Group"
    if roll < 0.6:
        return brand + " " + pick(rng, ("Services", "Solutions", "Partners", "Europe", "Group"))
    head = parts[0]
    if len(head) > 4:
        i = rng.randrange(1, len(head) - 1)
        swapped = head[:i] + pick(rng, "aeiourlnst") + head[i + 1 :]
        if swapped != head:
            return " ".join([swapped, *parts[1:]])
    return brand + " " + pick(rng, words.QUALIFIERS)


def make_lookalike(base: Company, truth_id: str, rng: random.Random) -> Company:
    """A different company whose name is one word or one letter away from ``base``."""
    country = base.country if rng.random() < 0.6 else pick(rng, _COUNTRY_CODES)
    fresh = make_company(truth_id, rng, country)
    brand = _near_name(base.brand, base.industry, rng)
    domain = _domain(brand, country, rng)
    if rng.random() < 0.5:
        address = make_address(country, rng, _city_of(base) if country == base.country else None)
        fresh = replace(fresh, address=address)
    return replace(fresh, brand=brand, industry=base.industry, domain=domain,
                   emails=_emails(domain, country, rng))  # fmt: skip


def make_subsidiary(base: Company, truth_id: str, rng: random.Random) -> Company:
    """A same-country subsidiary such as "Northwind Logistics Services Ltd"."""
    sub = _relocated(base, truth_id, base.country, rng)
    suffix = pick(rng, ("Services", "Properties", "Finance", "Holdings", "Solutions", "Digital"))
    emails = _emails(base.domain, base.country, rng)
    return replace(sub, brand=f"{base.brand} {suffix}", emails=emails, parent=base.truth_id)


def _city_of(company: Company) -> City:
    return next(c for c in COUNTRIES[company.country].cities if c.name == company.address.city)


def make_companies(count: int, rng: random.Random, prefix: str = "C") -> list[Company]:
    """``count`` distinct organisations; about 1 in 5 is a hard negative of an earlier one."""
    companies: list[Company] = []
    while len(companies) < count:
        truth_id = f"{prefix}{len(companies) + 1:06d}"
        roll = rng.random()
        if len(companies) < 5 or roll < 0.8:
            companies.append(make_company(truth_id, rng))
            continue
        base = pick(rng, companies)
        if roll < 0.9:
            companies.append(make_sister(base, truth_id, rng))
        elif roll < 0.96:
            companies.append(make_lookalike(base, truth_id, rng))
        else:
            companies.append(make_subsidiary(base, truth_id, rng))
    return _own_domains(companies, rng)


def _own_domains(companies: list[Company], rng: random.Random) -> list[Company]:
    """Unrelated companies never share a web domain; a group's companies may."""
    owner: dict[str, str] = {}
    out = []
    for c in companies:
        group = c.parent or c.truth_id
        domain, n = c.domain, 1
        while owner.setdefault(domain, group) != group:
            n += 1
            root, _, tld = c.domain.partition(".")
            domain = f"{slug(c.brand, '-')}.{tld}" if n == 2 else f"{root}{n}.{tld}"
        if domain != c.domain:
            c = replace(c, domain=domain, emails=_emails(domain, c.country, rng))
        out.append(c)
    return out
