"""A cost rate is set in a scheme a firm keeps. Two rates of one scheme (one system's, or an
HR system's and the staffing system's fed from it) are a pay review or two people: evidence
against, as much as training shows. A rate of an acquired firm's own scheme (its own rates,
here its own currency) against one of ours says nothing about whether the records are one
person; where the acquired firm's system holds our rates, a different one still counts."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest

from matching import Matcher
from tests.unit.matching.helpers import FIRST, LAST, trained_resources

Pair = tuple[dict[str, object], dict[str, object]]


def _people(beta_scheme: bool) -> list[dict[str, object]]:
    """300 people in one firm's HR system, half again in its staffing system (the same rate)
    and a third in an acquired firm's HR system: a rate of its own scheme (``beta_scheme``)
    or the rate ours holds."""
    rng = random.Random(12)
    records: list[dict[str, object]] = []
    for n in range(300):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        rate = Decimal(rng.randrange(240, 640)) / 4
        person = {
            "first_name": first,
            "last_name": last,
            "location_city": rng.choice(("London", "Leeds", "York")),
            "country": "GB",
            "cost_rate": str(rate),
        }
        email = f"{first.lower()}.{last.lower()}{n}@acme.com"
        records.append({"id": f"hr:{n}", "source": "hr", **person, "email": email})
        if n % 2 == 0:
            records.append({"id": f"psa:{n}", "source": "psa", **person, "email": email})
        if n % 3 == 0:
            own = str(round(rate * Decimal("11.3"))) if beta_scheme else str(rate)
            records.append({"id": f"beta:{n}", "source": "beta", **person, "cost_rate": own})
    return records


def _bulk_weights(
    matcher: Matcher, records: list[dict[str, object]], pairs: list[Pair]
) -> list[float]:
    """The cost rate weight of each pair scored in one batch with ``records`` (the systems'
    rates are read from them), two records of one name and city."""
    person = {"first_name": "Gunmund", "last_name": "Wolfig", "location_city": "Leeds"}
    extra = [
        {**person, **record, "id": f"{record['source']}:new{n}"}
        for n, record in enumerate(record for pair in pairs for record in pair)
    ]
    batch = matcher.prepare([*records, *extra])
    first = len(batch) - len(extra)
    rows = np.arange(first, len(batch), 2)
    scored = matcher.score(batch, np.stack([rows, rows + 1], axis=1))
    column = [c.name for c in matcher.settings.comparisons].index("cost_rate")
    return scored.weights[:, column].tolist()


@pytest.fixture(scope="module")
def own_scheme() -> tuple[Matcher, list[dict[str, object]]]:
    records = _people(beta_scheme=True)
    return trained_resources(records), records


def test_rates_of_an_acquired_firms_own_scheme_weigh_nothing(
    own_scheme: tuple[Matcher, list[dict[str, object]]],
) -> None:
    one_system: Pair = ({"source": "hr", "cost_rate": "85"}, {"source": "hr", "cost_rate": "120"})
    one_scheme: Pair = ({"source": "hr", "cost_rate": "85"}, {"source": "psa", "cost_rate": "120"})
    two_schemes: Pair = (
        {"source": "hr", "cost_rate": "85"},
        {"source": "beta", "cost_rate": "961"},
    )
    same: Pair = ({"source": "hr", "cost_rate": "85"}, {"source": "psa", "cost_rate": "85.00"})
    missing: Pair = ({"source": "hr", "cost_rate": "85"}, {"source": "beta"})
    within, across, apart, agree, unknown = _bulk_weights(
        *own_scheme, [one_system, one_scheme, two_schemes, same, missing]
    )
    assert within < -1.0
    assert across < -1.0
    assert apart == 0.0
    assert agree > 0.0
    assert unknown == 0.0


def test_an_acquired_firms_system_holding_our_rates_is_of_one_scheme() -> None:
    records = _people(beta_scheme=False)
    matcher = trained_resources(records)
    pair: Pair = ({"source": "hr", "cost_rate": "85"}, {"source": "beta", "cost_rate": "120"})
    (weight,) = _bulk_weights(matcher, records, [pair])
    assert weight < -1.0


def test_equal_rates_in_two_currencies_are_no_agreement(
    own_scheme: tuple[Matcher, list[dict[str, object]]],
) -> None:
    # no conversion is known: 85 GBP is not 85 EUR; a record without a currency compares
    # its amount as before
    two: Pair = (
        {"source": "hr", "cost_rate": "85", "cost_currency": "GBP"},
        {"source": "psa", "cost_rate": "85", "cost_currency": "eur"},
    )
    one: Pair = (
        {"source": "hr", "cost_rate": "85", "cost_currency": "GBP"},
        {"source": "psa", "cost_rate": "85.00", "cost_currency": "£"},
    )
    unknown: Pair = (
        {"source": "hr", "cost_rate": "85", "cost_currency": "GBP"},
        {"source": "psa", "cost_rate": "85"},
    )
    apart, agree, as_before = _bulk_weights(*own_scheme, [two, one, unknown])
    assert apart == 0.0
    assert agree > 0.0
    assert as_before == agree
