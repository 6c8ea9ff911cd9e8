"""One large single-system extract for ingest benchmarks (no truth file, ~3% duplicates)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from mdm.synthetic.assembly import Plan, Rendering, build_extracts, no_finish
from mdm.synthetic.companies import Company, make_companies
from mdm.synthetic.customer_errors import CUSTOMER_MISTAKES
from mdm.synthetic.customer_view import customer_row, finish_customer
from mdm.synthetic.geo_data import COUNTRY_WEIGHTS
from mdm.synthetic.model import HEADERS, Extract, Row
from mdm.synthetic.people import Person, make_people
from mdm.synthetic.rate_errors import RATE_MISTAKES
from mdm.synthetic.rate_view import rate_row
from mdm.synthetic.rates import RateLine, make_rate_lines
from mdm.synthetic.resource_errors import RESOURCE_MISTAKES
from mdm.synthetic.resource_view import resource_row
from mdm.synthetic.systems import SourceKeys

T = TypeVar("T")
DUPLICATE_SHARE = 0.03
ERROR_RATE = 0.3


def _plan(
    entity: str, system: str, items: Sequence[T], truth_id: Callable[[T], str], rows: int,
    rng: random.Random,
) -> Plan[T]:  # fmt: skip
    keys = SourceKeys(rng)
    plan: Plan[T] = Plan(entity)
    for item in items:
        key = keys.new(system, entity)
        plan.keys[(system, truth_id(item))] = key
        plan.copies.append((system, item, key, False))
    for item in rng.choices(items, k=rows - len(items)):
        plan.copies.append((system, item, keys.new(system, entity), True))
    return plan


def _customers(system: str, rows: int, distinct: int, rng: random.Random) -> Extract:
    companies = make_companies(distinct, rng)
    plan = _plan("customer", system, companies, lambda c: c.truth_id, rows, rng)

    def render(c: Company, sys: str, key: str, r: random.Random) -> Row:
        return customer_row(c, sys, plan.keys.get((sys, c.parent), ""), r)

    how = Rendering(render, finish_customer, CUSTOMER_MISTAKES, lambda c: c.truth_id)
    return build_extracts(plan, how, ERROR_RATE, rng)[0][0]


def _resources(system: str, rows: int, distinct: int, rng: random.Random) -> Extract:
    people = make_people(distinct, rng)
    plan = _plan("resource", system, people, lambda p: p.truth_id, rows, rng)

    def render(p: Person, sys: str, key: str, r: random.Random) -> Row:
        manager = plan.keys.get((sys, p.manager), "")
        return resource_row(p, sys, (key, key, manager), r)

    how = Rendering(render, no_finish, RESOURCE_MISTAKES, lambda p: p.truth_id)
    return build_extracts(plan, how, ERROR_RATE, rng)[0][0]


def _rate_cards(system: str, rows: int, distinct: int, rng: random.Random) -> Extract:
    countries = tuple(COUNTRY_WEIGHTS)
    clients = [(f"X{i:06d}", countries[i % len(countries)]) for i in range(distinct // 8 + 1)]
    lines = make_rate_lines(distinct, clients, rng)
    plan = _plan("rate_card", system, lines, lambda line: line.truth_id, rows, rng)

    def render(line: RateLine, sys: str, key: str, r: random.Random) -> Row:
        return rate_row(line, sys, "", False)

    how = Rendering(render, no_finish, RATE_MISTAKES, lambda line: line.truth_id)
    return build_extracts(plan, how, ERROR_RATE, rng)[0][0]


_BUILDERS = {"customer": _customers, "resource": _resources, "rate_card": _rate_cards}


def generate_extract(entity: str, rows: int, seed: int, system: str = "bench_crm") -> Extract:
    """``rows`` records of ``entity`` from one system: ~97% distinct, the rest duplicates."""
    if entity not in _BUILDERS:
        raise ValueError(f"unknown entity {entity!r}; expected one of {sorted(HEADERS)}")
    if rows <= 0:
        return Extract(system, entity, HEADERS[entity], [])
    rng = random.Random(f"{seed}:{system}:{entity}")
    distinct = max(1, rows - round(rows * DUPLICATE_SHARE))
    return _BUILDERS[entity](system, rows, distinct, rng)
