"""The acquired firm's two systems for the onboarding section, written as their own exports:
its CRM (the generated ``beta_crm`` customers, with Salesforce-style headers and three columns
that are no canonical field) and its ERP (the customers it bills, as an SAP customer master
export: KUNNR keys, upper-case names, 00-prefixed phones, a parent's KUNNR, three extra SAP
columns). The acquirer's CRM and ERP are the generated ``acme_*`` extracts, canonical as is."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from mdm.synthetic import GeneratorConfig, generate
from mdm.synthetic.model import Extract

SALESFORCE = {
    "source_id": "Account ID", "name": "Account Name", "legal_name": "Legal Name",
    "tax_id": "VAT_Number__c", "duns": "D-U-N-S Number", "website": "Website",
    "email": "Email", "phone": "Phone", "address_line1": "BillingStreet",
    "address_line2": "Billing Address Line 2", "city": "BillingCity", "region": "BillingState",
    "postal_code": "BillingPostalCode", "country": "BillingCountry", "industry": "Industry",
    "currency": "CurrencyIsoCode", "parent_source_id": "Parent Account ID",
}  # fmt: skip
SAP = {
    "source_id": "KUNNR", "name": "NAME1", "tax_id": "STCEG", "email": "SMTP_ADDR",
    "phone": "TELF1", "address_line1": "STRAS", "city": "ORT01", "region": "REGIO",
    "postal_code": "PSTLZ", "country": "LAND1", "industry": "BRSCH", "currency": "WAERS",
    "parent_source_id": "KONZS",
}  # fmt: skip
OWNERS = ("Dana Whitfield", "Marco Ruiz", "Priya Natarajan", "Tom Becker")
BILLED_SHARE = 0.8  # of the acquired firm's CRM accounts, those its ERP bills


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_canonical(extract: Extract, path: Path) -> Path:
    rows = [[row[c] for c in extract.header] for row in extract.rows]
    return _write(path, list(extract.header), rows)


def write_crm(extract: Extract, path: Path, rng: random.Random) -> Path:
    header = [SALESFORCE[c] for c in extract.header] + ["Account Owner", "Type", "AnnualRevenue"]
    rows = [
        [row[c] for c in extract.header]
        + [rng.choice(OWNERS), rng.choice(("Customer", "Prospect")), f"{rng.randint(1, 900)}0000.00"]
        for row in extract.rows
    ]  # fmt: skip
    return _write(path, header, rows)


def write_erp(extract: Extract, path: Path, rng: random.Random) -> Path:
    billed = [row for row in extract.rows if rng.random() < BILLED_SHARE]
    kunnr = {row["source_id"]: f"{100000 + n:010d}" for n, row in enumerate(billed)}
    fields = list(SAP)
    header = [SAP[f] for f in fields] + ["ERDAT", "KTOKD", "SORTL"]
    rows = []
    for row in billed:
        values = {
            **row, "source_id": kunnr[row["source_id"]],
            "name": (row["legal_name"] or row["name"]).upper(),
            "phone": row["phone"].replace("+", "00", 1),
            "parent_source_id": kunnr.get(row["parent_source_id"], ""),
        }  # fmt: skip
        extra = [f"20{rng.randint(10, 23)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
                 "KUNA", values["name"][:10]]  # fmt: skip
        rows.append([values.get(f, "") for f in fields] + extra)
    return _write(path, header, rows)


def write_systems(customers: int, folder: Path, seed: int = 15) -> dict[str, Path]:
    """The acquirer's extracts (acme_crm, acme_erp) and the acquired firm's (beta_crm as a
    Salesforce export, beta_erp as an SAP export)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = GeneratorConfig(seed=seed, customers=customers, resources=10, rate_lines=10)
    extracts = {e.system: e for e in generate(config).extracts if e.entity == "customer"}
    rng = random.Random(seed)
    return {
        "acme_crm": write_canonical(extracts["acme_crm"], folder / "acme_crm.csv"),
        "acme_erp": write_canonical(extracts["acme_erp"], folder / "acme_erp.csv"),
        "beta_crm": write_crm(extracts["beta_crm"], folder / "beta_crm_accounts.csv", rng),
        "beta_erp": write_erp(extracts["beta_crm"], folder / "beta_erp_kna1.csv", rng),
    }
