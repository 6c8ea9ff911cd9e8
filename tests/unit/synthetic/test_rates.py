"""True rate lines are unique by their business key; client cards live where their client is."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from itertools import pairwise

import pytest

from mdm.synthetic import Dataset, GeneratorConfig, generate
from mdm.synthetic.rates import RateLine, make_rate_lines

CLIENTS = [(f"C{i:04d}", ("US", "GB", "DE", "FR", "SE", "AU")[i % 6]) for i in range(200)]
FAR = date(9999, 12, 31)


@pytest.fixture(scope="module")
def lines() -> list[RateLine]:
    return make_rate_lines(1500, CLIENTS, random.Random(4))


def _overlap(a: RateLine, b: RateLine) -> bool:
    return a.effective_from <= (b.effective_to or FAR) and b.effective_from <= (
        a.effective_to or FAR
    )


def test_no_two_lines_in_force_together_share_the_business_key(lines: list[RateLine]) -> None:
    by_key: dict[tuple[object, ...], list[RateLine]] = defaultdict(list)
    for line in lines:
        by_key[(line.role, line.level, line.currency, line.customer, line.region)].append(line)
    for group in by_key.values():
        for i, a in enumerate(group):
            assert not any(_overlap(a, b) for b in group[i + 1 :]), a


def test_renewed_client_cards_follow_each_other(lines: list[RateLine]) -> None:
    periods: dict[str, set[tuple[date, date | None]]] = defaultdict(set)
    for line in lines:
        if line.customer:
            periods[line.customer].add((line.effective_from, line.effective_to))
    renewed = [sorted(p, key=lambda period: period[0]) for p in periods.values() if len(p) > 1]
    assert renewed
    for cards in renewed:
        for (_, end), (start, _) in pairwise(cards):
            assert end is not None and (start - end).days == 1


def test_exactly_the_lines_asked_for(lines: list[RateLine]) -> None:
    assert len(lines) == 1500
    assert len({line.truth_id for line in lines}) == 1500


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return generate(GeneratorConfig(seed=9, customers=400, resources=5, rate_lines=200))


def test_client_lines_are_held_by_the_erp_which_names_the_client(dataset: Dataset) -> None:
    psa = next(e for e in dataset.extracts if (e.system, e.entity) == ("acme_psa", "rate_card"))
    erp = next(e for e in dataset.extracts if (e.system, e.entity) == ("acme_erp", "rate_card"))
    assert all(row["customer_source_id"] == "" for row in psa.rows)
    named = sum(1 for row in erp.rows if row["customer_source_id"])
    assert named > 0.5 * len(erp.rows)
