"""How each system holds a client organisation (its habits, before any mistakes)."""

from __future__ import annotations

import random

from mdm.synthetic.companies import Company
from mdm.synthetic.company_words import INDUSTRY_BETA_LABEL
from mdm.synthetic.draws import pick
from mdm.synthetic.geo_data import COUNTRIES
from mdm.synthetic.model import Row, blank_row
from mdm.synthetic.name_variants import truncate
from mdm.synthetic.places import render_phone

ERP_NAME_WIDTH = 35


def _website(domain: str, system: str, rng: random.Random) -> str:
    if system == "beta_crm":
        return pick(rng, (f"https://www.{domain}/", f"https://{domain}", f"http://www.{domain}"))
    return pick(rng, (f"www.{domain}", f"www.{domain}", domain, f"https://www.{domain}"))


def _keep(value: str, share: float, rng: random.Random) -> str:
    return value if rng.random() < share else ""


def _address(row: Row, company: Company) -> None:
    a = company.address
    row.update(address_line1=a.line1, address_line2=a.line2, city=a.city, region=a.region,
               postal_code=a.postal_code, country=a.country)  # fmt: skip


def _acme_crm(row: Row, c: Company, rng: random.Random) -> None:
    row.update(
        name=c.brand if rng.random() < 0.7 else c.legal_name,
        legal_name=_keep(c.legal_name, 0.6, rng), tax_id=_keep(c.tax_id, 0.55, rng),
        duns=_keep(c.duns, 0.4, rng), website=_keep(_website(c.domain, "acme_crm", rng), 0.9, rng),
        email=pick(rng, (c.emails[0], c.emails[2])),
        phone=render_phone(c.phone, pick(rng, ("international", "international", "e164"))),
        industry=c.industry, currency=_keep(c.currency, 0.8, rng),
    )  # fmt: skip


def _acme_erp(row: Row, c: Company, rng: random.Random) -> None:
    row.update(
        name=c.legal_name, legal_name=_keep(c.legal_name, 0.5, rng),
        tax_id=_keep(c.tax_id, 0.85, rng), duns=_keep(c.duns, 0.3, rng),
        website=_keep(_website(c.domain, "acme_erp", rng), 0.2, rng),
        email=_keep(c.emails[1], 0.8, rng),
        phone=render_phone(c.phone, pick(rng, ("national", "compact", "national"))),
        industry=_keep(c.industry, 0.6, rng), currency=c.currency,
    )  # fmt: skip


def _beta_crm(row: Row, c: Company, rng: random.Random) -> None:
    country = COUNTRIES[c.country]
    row.update(
        name=c.brand if rng.random() < 0.5 else c.legal_name,
        legal_name=_keep(c.legal_name, 0.3, rng), tax_id=_keep(c.tax_id, 0.4, rng),
        duns=_keep(c.duns, 0.15, rng), website=_keep(_website(c.domain, "beta_crm", rng), 0.85, rng),
        email=pick(rng, (c.emails[0], c.emails[2], c.emails[2])),
        phone=render_phone(c.phone, pick(rng, ("e164", "national", "intl_zero"))),
        industry=INDUSTRY_BETA_LABEL[c.industry], currency=_keep(c.currency, 0.5, rng),
        country=country.name if rng.random() < 0.6 else country.code,
        region=_keep(row["region"], 0.3, rng),
    )  # fmt: skip


_HABITS = {"acme_crm": _acme_crm, "acme_erp": _acme_erp, "beta_crm": _beta_crm}


def customer_row(company: Company, system: str, parent_key: str, rng: random.Random) -> Row:
    row = blank_row("customer")
    _address(row, company)
    _HABITS.get(system, _acme_crm)(row, company, rng)
    row["parent_source_id"] = parent_key
    return row


def finish_customer(row: Row, system: str, rng: random.Random) -> None:
    """The ERP's limits: 35-character names, and upper case on records keyed before 2015."""
    if "erp" not in system:
        return
    if rng.random() < 0.6:
        for field in ("name", "legal_name", "address_line1", "address_line2", "city"):
            row[field] = row[field].upper()
    row["name"] = truncate(row["name"], ERP_NAME_WIDTH)
    row["legal_name"] = truncate(row["legal_name"], ERP_NAME_WIDTH)
