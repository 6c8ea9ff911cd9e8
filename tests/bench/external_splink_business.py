"""Splink 5 (DuckDB) on business records (the Fodor's and Zagat restaurant guides), configured
as its docs recommend for names and addresses: Jaro-Winkler on the name (term-frequency
adjusted, so a chain's name shared by several entries counts for less), on the street and on
the city, exact phone; prior from deterministic rules, u from random pairs, EM sessions blocked
on the phone and on the name (each leaves three comparisons holding values)."""

from __future__ import annotations

import time

import pandas as pd

from tests.bench.generated_data import EntityData
from tests.bench.generated_frames import column, fold, prefix
from tests.bench.generated_splink import GeneratedOutcome, Model, train_and_predict

PRIOR_RULE_RECALL = 0.7


def business_frame(data: EntityData) -> pd.DataFrame:
    raw = data.frame
    name = column(raw, "name").fillna(column(raw, "legal_name")).map(fold)
    return pd.DataFrame(
        {
            "unique_id": raw["id"],
            "name": name,
            "name_prefix": prefix(name, 4),
            "street": column(raw, "address_line1").map(fold),
            "city": column(raw, "city").map(fold),
            "phone": column(raw, "phone"),
        }
    )


def _model() -> Model:
    import splink.comparison_library as cl
    from splink import block_on

    comparisons = [
        cl.JaroWinklerAtThresholds("name", [0.95, 0.88, 0.7]).configure(
            term_frequency_adjustments=True
        ),
        cl.JaroWinklerAtThresholds("street", [0.95, 0.8]),
        cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True),
        cl.ExactMatch("phone"),
    ]
    predict = [block_on("phone"), block_on("name"), block_on("name_prefix", "city")]
    predict.append(block_on("street", "city"))
    prior = [block_on("phone", "name"), block_on("name", "city")]
    em = [block_on("phone"), block_on("name")]
    return comparisons, predict, prior, em


def run_splink_businesses(data: EntityData) -> GeneratedOutcome:
    from splink import DuckDBAPI  # noqa: F401  (import cost is not linkage time)

    started = time.perf_counter()
    return train_and_predict(business_frame(data), _model(), started, PRIOR_RULE_RECALL)
