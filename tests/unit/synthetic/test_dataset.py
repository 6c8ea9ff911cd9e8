"""The multi-system data set: contract, determinism, references and known truth."""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from mdm.synthetic import (
    HEADERS,
    Dataset,
    GeneratorConfig,
    demo_config,
    generate,
    generate_extract,
    write_dataset,
)

SMALL = GeneratorConfig(seed=11, customers=300, resources=200, rate_lines=150)
SIX_SYSTEMS = {"acme_crm", "acme_erp", "acme_hr", "acme_psa", "beta_crm", "beta_hr"}
REFERENCES = {
    "customer": ("parent_source_id", "customer"),
    "resource": ("manager_source_id", "resource"),
    "rate_card": ("customer_source_id", "customer"),
}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return generate(SMALL)


def test_same_seed_gives_identical_output(dataset: Dataset) -> None:
    again = generate(SMALL)
    assert again.truth == dataset.truth
    assert [(e.system, e.entity, e.rows) for e in again.extracts] == [
        (e.system, e.entity, e.rows) for e in dataset.extracts
    ]


def test_other_seed_gives_other_output(dataset: Dataset) -> None:
    other = generate(GeneratorConfig(seed=12, customers=300, resources=200, rate_lines=150))
    assert other.extracts[0].rows != dataset.extracts[0].rows


def test_headers_are_the_canonical_columns_in_order(dataset: Dataset) -> None:
    assert HEADERS["customer"][:3] == ("source_id", "name", "legal_name")
    for extract in dataset.extracts:
        assert extract.header == HEADERS[extract.entity]
        for row in extract.rows:
            assert tuple(row) == extract.header
            assert all(isinstance(v, str) for v in row.values())


def test_all_six_systems_and_three_entities_are_present(dataset: Dataset) -> None:
    assert {e.system for e in dataset.extracts} == SIX_SYSTEMS
    assert {e.entity for e in dataset.extracts} == set(HEADERS)


def test_source_ids_are_unique_per_extract_and_non_empty(dataset: Dataset) -> None:
    for extract in dataset.extracts:
        ids = [row["source_id"] for row in extract.rows]
        assert all(ids)
        assert len(ids) == len(set(ids)), (extract.system, extract.entity)


def test_truth_covers_every_row_and_nothing_else(dataset: Dataset) -> None:
    keys = {(e.system, e.entity, r["source_id"]) for e in dataset.extracts for r in e.rows}
    assert keys == set(dataset.truth)
    assert len({t for (_, entity, _), t in dataset.truth.items() if entity == "customer"}) == 300


def test_references_resolve_within_the_same_system(dataset: Dataset) -> None:
    ids = {(e.system, e.entity): {r["source_id"] for r in e.rows} for e in dataset.extracts}
    resolved = 0
    for extract in dataset.extracts:
        column, target = REFERENCES[extract.entity]
        for row in extract.rows:
            if row[column]:
                assert row[column] in ids[(extract.system, target)], (extract.system, row)
                resolved += 1
    assert resolved > 50


def test_in_source_duplicates_exist(dataset: Dataset) -> None:
    per_system = Counter((s, e, t) for (s, e, _), t in dataset.truth.items())
    assert any(n > 1 for n in per_system.values())


def test_shared_customers_span_both_firms(dataset: Dataset) -> None:
    systems_of: dict[str, set[str]] = {}
    for (system, entity, _), truth_id in dataset.truth.items():
        if entity == "customer":
            systems_of.setdefault(truth_id, set()).add(system.split("_")[0])
    shared = sum(1 for s in systems_of.values() if s == {"acme", "beta"})
    assert 0.03 * len(systems_of) < shared < 0.4 * len(systems_of)


def test_rates_are_decimals_with_two_places(dataset: Dataset) -> None:
    for extract in dataset.extracts:
        if extract.entity == "rate_card":
            for row in extract.rows:
                assert re.fullmatch(r"\d+\.\d{2}", row["rate"]), row
                assert Decimal(row["rate"]) > 0
                assert row["unit"] in ("hour", "day")
        if extract.entity == "resource":
            for row in extract.rows:
                assert row["cost_rate"] == "" or re.fullmatch(r"\d+\.\d{2}", row["cost_rate"])


def test_dates_stay_iso(dataset: Dataset) -> None:
    iso = re.compile(r"\d{4}-\d{2}-\d{2}")
    for extract in dataset.extracts:
        for row in extract.rows:
            for column in ("hire_date", "effective_from", "effective_to"):
                value = row.get(column, "")
                assert value == "" or iso.fullmatch(value), (column, value)


def test_demo_config_is_small() -> None:
    demo = generate(demo_config())
    assert 100 <= len({t for (_, e, _), t in demo.truth.items() if e == "customer"}) <= 150
    assert sum(len(e.rows) for e in demo.extracts) < 1000


def test_write_dataset_writes_one_csv_per_extract_and_truth(
    dataset: Dataset, tmp_path: Path
) -> None:
    paths = write_dataset(dataset, tmp_path)
    assert {p.name for p in paths} == {f"{e.system}_{e.entity}.csv" for e in dataset.extracts} | {
        "truth.csv"
    }
    with (tmp_path / "acme_crm_customer.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    acme_crm = next(e for e in dataset.extracts if e.system == "acme_crm")
    assert rows == acme_crm.rows
    with (tmp_path / "truth.csv").open(encoding="utf-8", newline="") as handle:
        truth = list(csv.reader(handle))
    assert truth[0] == ["system", "entity", "source_id", "truth_id"]
    assert len(truth) == len(dataset.truth) + 1
    assert b"\r\n" not in (tmp_path / "truth.csv").read_bytes()


@pytest.mark.parametrize("entity", sorted(HEADERS))
def test_generate_extract_makes_exactly_the_rows_asked_for(entity: str) -> None:
    extract = generate_extract(entity, 3000, seed=1)
    assert extract.entity == entity
    assert extract.system == "bench_crm"
    assert extract.header == HEADERS[entity]
    assert len(extract.rows) == 3000
    assert len({r["source_id"] for r in extract.rows}) == 3000
    assert generate_extract(entity, 3000, seed=1).rows == extract.rows


def test_generate_extract_references_stay_inside_the_extract() -> None:
    extract = generate_extract("customer", 3000, seed=2, system="bench_erp")
    ids = {r["source_id"] for r in extract.rows}
    parents = [r["parent_source_id"] for r in extract.rows if r["parent_source_id"]]
    assert parents
    assert set(parents) <= ids
    assert all(r["source_id"].startswith("C-") for r in extract.rows)
