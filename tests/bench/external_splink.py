"""Splink 5 (DuckDB) on person records (RLdata10000, pseudopeople), configured as its docs
recommend for people: ``NameComparison`` on first name and on surname (term-frequency
adjusted), ``DateOfBirthComparison`` on the birth date, exact city and identifier; prior from
deterministic rules, u from random pairs, EM sessions blocked on one field each.

Each EM session must leave two comparisons holding values: with u held, one comparison cannot
tell how many of a session's pairs match (RLdata holds only names and a birth date, so a
session on first name + surname, or one comparison of both names trained on a birth-date
block, leaves one, and m came out arbitrary: no pair reached p ≥ 0.99).
"""

from __future__ import annotations

import time

import pandas as pd

from tests.bench.generated_data import EntityData
from tests.bench.generated_frames import column, fold
from tests.bench.generated_splink import GeneratedOutcome, Model, train_and_predict

PRIOR_RULE_RECALL = 0.8


def person_frame(data: EntityData) -> pd.DataFrame:
    raw = data.frame
    first = column(raw, "first_name").map(fold)
    last = column(raw, "last_name").map(fold)
    return pd.DataFrame(
        {
            "unique_id": raw["id"],
            "first_name": first,
            "surname": last,
            "dob": column(raw, "hire_date"),
            "ssn": column(raw, "employee_number"),
            "city": column(raw, "location_city").map(fold),
        }
    )


def _model() -> Model:
    import splink.comparison_library as cl
    from splink import block_on

    comparisons = [
        cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d"),
        cl.ExactMatch("ssn"),
        cl.ExactMatch("city").configure(term_frequency_adjustments=True),
    ]
    predict = [
        block_on("first_name", "surname"),
        block_on("surname", "dob"),
        block_on("first_name", "dob"),
        block_on("ssn"),
    ]
    prior = [block_on("surname", "dob"), block_on("first_name", "dob")]
    em = [block_on("dob"), block_on("first_name"), block_on("surname")]
    return comparisons, predict, prior, em


def run_splink_persons(data: EntityData) -> GeneratedOutcome:
    from splink import DuckDBAPI  # noqa: F401  (import cost is not linkage time)

    started = time.perf_counter()
    return train_and_predict(person_frame(data), _model(), started, PRIOR_RULE_RECALL)
