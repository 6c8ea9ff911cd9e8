"""The data is hard in the ways real data is: valid identifiers, look-alikes, variants."""

from __future__ import annotations

import importlib
import random
from collections import defaultdict

import pytest

from mdm.synthetic import Dataset, GeneratorConfig, generate
from mdm.synthetic.companies import make_companies
from mdm.synthetic.name_variants import split_legal_form
from mdm.synthetic.spelling import fold_ascii, keyboard_typo
from mdm.synthetic.taxids import TAX_ID_MAKERS

STDNUM_MODULE = {
    "US": "us.ein", "GB": "gb.vat", "DE": "de.vat", "FR": "fr.tva", "NL": "nl.btw",
    "ES": "es.nif", "IT": "it.iva", "CH": "ch.uid", "AU": "au.abn", "CA": "ca.bn",
    "IE": "ie.vat", "SE": "se.vat", "BE": "be.vat", "AT": "at.uid", "DK": "dk.cvr",
    "PL": "pl.nip",
}  # fmt: skip


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return generate(GeneratorConfig(seed=5, customers=600, resources=300, rate_lines=120))


@pytest.mark.parametrize("country", sorted(TAX_ID_MAKERS))
def test_tax_ids_are_valid_for_their_country(country: str) -> None:
    validator = importlib.import_module(f"stdnum.{STDNUM_MODULE[country]}")
    rng = random.Random(country)
    for _ in range(300):
        tax_id = TAX_ID_MAKERS[country](rng)
        assert validator.is_valid(tax_id), (country, tax_id)


def test_true_companies_carry_valid_tax_ids() -> None:
    for company in make_companies(500, random.Random(3)):
        validator = importlib.import_module(f"stdnum.{STDNUM_MODULE[company.country]}")
        assert validator.is_valid(company.tax_id), company


def test_most_extract_tax_ids_still_validate_after_formatting(dataset: Dataset) -> None:
    checked = valid = 0
    for extract in dataset.extracts:
        if extract.entity != "customer":
            continue
        for row in extract.rows:
            country = row["country"] if len(row["country"]) == 2 else ""
            if row["tax_id"] and country in STDNUM_MODULE:
                checked += 1
                module = importlib.import_module(f"stdnum.{STDNUM_MODULE[country]}")
                valid += module.is_valid(row["tax_id"].replace(" ", "").replace(".", ""))
    assert checked > 100
    assert 0.85 < valid / checked < 1.0  # formatting noise plus a few real typos


def _brand(name: str) -> str:
    return " ".join(fold_ascii(split_legal_form(name)[0]).lower().split())


def test_hard_negatives_share_brand_names_across_truth_ids(dataset: Dataset) -> None:
    by_brand: dict[str, set[str]] = defaultdict(set)
    for extract in dataset.extracts:
        if extract.entity == "customer":
            for row in extract.rows:
                truth_id = dataset.truth[(extract.system, "customer", row["source_id"])]
                by_brand[_brand(row["legal_name"] or row["name"])].add(truth_id)
    shared = [ids for ids in by_brand.values() if len(ids) > 1]
    assert len(shared) >= 10  # sister companies abroad and namesake firms


def test_people_include_namesakes(dataset: Dataset) -> None:
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for extract in dataset.extracts:
        if extract.system == "acme_hr":
            for row in extract.rows:
                truth_id = dataset.truth[("acme_hr", "resource", row["source_id"])]
                names[(row["first_name"], row["last_name"])].add(truth_id)
    assert any(len(ids) > 1 for ids in names.values())


def test_moved_people_keep_both_email_domains(dataset: Dataset) -> None:
    domains: dict[str, set[str]] = defaultdict(set)
    for extract in dataset.extracts:
        if extract.entity == "resource":
            for row in extract.rows:
                truth_id = dataset.truth[(extract.system, "resource", row["source_id"])]
                if "@" in row["email"]:
                    domains[truth_id].add(row["email"].split("@")[1].lower())
    both = [d for d in domains.values() if {"acme-consulting.com", "beta-partners.com"} <= d]
    assert len(both) >= 10


def test_copies_differ_but_not_all_of_them(dataset: Dataset) -> None:
    erp = next(e for e in dataset.extracts if (e.system, e.entity) == ("acme_erp", "customer"))
    upper = sum(1 for r in erp.rows if r["name"] and r["name"] == r["name"].upper())
    assert 0.3 < upper / len(erp.rows) < 0.9
    assert all(len(r["name"]) <= 35 for r in erp.rows)


def test_day_rates_are_eight_hours(dataset: Dataset) -> None:
    units = {r["unit"] for e in dataset.extracts if e.entity == "rate_card" for r in e.rows}
    assert units == {"hour", "day"}


def test_keyboard_typo_changes_a_word_a_little() -> None:
    rng = random.Random(1)
    typos = [keyboard_typo("Northwind Logistics", rng) for _ in range(400)]
    assert all(abs(len(t) - len("Northwind Logistics")) <= 1 for t in typos)
    assert sum(t != "Northwind Logistics" for t in typos) > 350
    assert sum(t[0] != "N" for t in typos) < 40  # the first letter is rarely the slip


def test_one_firm_never_gives_two_people_one_mailbox() -> None:
    """The acquired firm's older "jsmith" addresses too: a second J. Smith gets "jsmith2"."""
    dataset = generate(GeneratorConfig(seed=5, customers=10, resources=2000, rate_lines=0))
    holders: dict[str, set[str]] = defaultdict(set)
    for extract in dataset.extracts:
        if extract.entity == "resource":
            for row in extract.rows:
                if "@" in row["email"] and row["email"] == row["email"].lower():
                    truth_id = dataset.truth[(extract.system, "resource", row["source_id"])]
                    holders[row["email"]].add(truth_id)
    legacy = [email for email in holders if "." not in email.split("@")[0]]
    assert len(legacy) > 50
    shared = {email: ids for email, ids in holders.items() if len(ids) > 1}
    assert len(shared) <= len(holders) // 200  # a rare typo may land on someone else's
