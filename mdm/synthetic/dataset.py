"""The public entry points: a multi-system data set with known truth, and CSV output."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from mdm.synthetic.assembly import Keys, Plan, Rendering, build_extracts, no_finish, plan_copies
from mdm.synthetic.companies import Company, make_companies
from mdm.synthetic.customer_errors import CUSTOMER_MISTAKES
from mdm.synthetic.customer_view import customer_row, finish_customer
from mdm.synthetic.model import Dataset, Extract, GeneratorConfig, Row
from mdm.synthetic.people import Person, make_people
from mdm.synthetic.rate_errors import RATE_MISTAKES
from mdm.synthetic.rate_view import prices_per_day, rate_row
from mdm.synthetic.rates import RateLine, make_rate_lines
from mdm.synthetic.resource_errors import RESOURCE_MISTAKES
from mdm.synthetic.resource_view import resource_row
from mdm.synthetic.systems import (
    EXTRACTS,
    SourceKeys,
    customer_systems,
    rate_systems,
    resource_systems,
)


def demo_config() -> GeneratorConfig:
    """A small set for ``make run``: about 120 clients, 80 people and 60 rate lines."""
    return GeneratorConfig(seed=7, customers=120, resources=80, rate_lines=60)


def _place_customers(companies: list[Company], rng: random.Random) -> dict[str, list[str]]:
    placed = {c.truth_id: customer_systems(c, rng) for c in companies}
    for c in companies:  # a parent is usually known wherever its subsidiary is
        if c.parent:
            parent_systems = placed[c.parent]
            for system in placed[c.truth_id]:
                if system not in parent_systems and rng.random() < 0.6:
                    parent_systems.append(system)
    return placed


def _customers(
    companies: list[Company], placed: dict[str, list[str]], keys: SourceKeys,
    config: GeneratorConfig, rng: random.Random,
) -> tuple[Plan[Company], list[Extract], dict[tuple[str, str, str], str]]:  # fmt: skip
    rows = [(c, c.truth_id, placed[c.truth_id]) for c in companies]
    plan = plan_copies("customer", rows, keys, config.in_source_duplicate_rate, rng)

    def render(c: Company, system: str, key: str, r: random.Random) -> Row:
        return customer_row(c, system, plan.keys.get((system, c.parent), ""), r)

    how = Rendering(render, finish_customer, CUSTOMER_MISTAKES, lambda c: c.truth_id)
    return plan, *build_extracts(plan, how, config.error_rate, rng)


def _resources(
    people: list[Person], keys: SourceKeys, config: GeneratorConfig, rng: random.Random
) -> tuple[list[Extract], dict[tuple[str, str, str], str]]:
    rows = [(p, p.truth_id, resource_systems(p, rng)) for p in people]
    plan = plan_copies("resource", rows, keys, config.in_source_duplicate_rate, rng)

    def render(p: Person, system: str, key: str, r: random.Random) -> Row:
        hr_system = "beta_hr" if system == "beta_hr" else "acme_hr"
        employee = key if system == hr_system else plan.keys.get((hr_system, p.truth_id), "")
        manager = plan.keys.get((system, p.manager), "")
        return resource_row(p, system, (key, employee, manager), r)

    how = Rendering(render, no_finish, RESOURCE_MISTAKES, lambda p: p.truth_id)
    return build_extracts(plan, how, config.error_rate, rng)


def _rate_cards(
    lines: list[RateLine], customer_keys: Keys, keys: SourceKeys, config: GeneratorConfig,
    rng: random.Random,
) -> tuple[list[Extract], dict[tuple[str, str, str], str]]:  # fmt: skip
    rows = [(line, line.truth_id, rate_systems(line, rng)) for line in lines]
    plan = plan_copies("rate_card", rows, keys, config.in_source_duplicate_rate, rng)
    per_day: dict[tuple[str, str], bool] = {}

    def render(line: RateLine, system: str, key: str, r: random.Random) -> Row:
        card = (system, line.card)
        if card not in per_day:
            per_day[card] = prices_per_day(system, line, r)
        customer = customer_keys.get((system, line.customer), "") if line.customer else ""
        return rate_row(line, system, customer, per_day[card])

    how = Rendering(render, no_finish, RATE_MISTAKES, lambda line: line.truth_id)
    return build_extracts(plan, how, config.error_rate, rng)


def generate(config: GeneratorConfig) -> Dataset:
    """All extracts of the six systems plus the truth, deterministic for ``config.seed``."""
    seed = config.seed
    companies = make_companies(config.customers, random.Random(f"{seed}:customers"))
    people = make_people(config.resources, random.Random(f"{seed}:resources"))
    rng = random.Random(f"{seed}:systems")
    keys = SourceKeys(random.Random(f"{seed}:keys"))
    placed = _place_customers(companies, rng)
    plan, extracts, truth = _customers(companies, placed, keys, config, rng)
    clients = [(c.truth_id, c.country) for c in companies if "acme_erp" in placed[c.truth_id]]
    lines = make_rate_lines(config.rate_lines, clients, random.Random(f"{seed}:rates"))
    for part, part_truth in (
        _resources(people, keys, config, rng),
        _rate_cards(lines, plan.keys, keys, config, rng),
    ):
        extracts += part
        truth.update(part_truth)
    order = {pair: i for i, pair in enumerate(EXTRACTS)}
    extracts.sort(key=lambda e: order.get((e.system, e.entity), len(order)))
    return Dataset(extracts, truth)


def write_extract(extract: Extract, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=extract.header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(extract.rows)
    return path


def write_dataset(ds: Dataset, out_dir: Path) -> list[Path]:
    """One ``{system}_{entity}.csv`` per extract, then ``truth.csv``; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [write_extract(e, out_dir / f"{e.system}_{e.entity}.csv") for e in ds.extracts]
    truth_path = out_dir / "truth.csv"
    with truth_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("system", "entity", "source_id", "truth_id"))
        writer.writerows((*key, truth_id) for key, truth_id in sorted(ds.truth.items()))
    return [*paths, truth_path]
