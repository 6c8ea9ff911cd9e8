"""Splink 5 (DuckDB) on person records (RLdata10000, pseudopeople), configured as its docs
recommend for people: ``ForenameSurnameComparison`` (catches swapped names, term-frequency
adjusted), ``DateOfBirthComparison`` on the birth date, exact city and identifier; prior from
deterministic rules, u from random pairs, EM sessions blocked on names and on the birth date.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pandas as pd

from tests.bench.generated_data import EntityData
from tests.bench.generated_frames import column, fold
from tests.bench.generated_splink import THRESHOLD, GeneratedOutcome, _clusters

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
            "first_name_surname_concat": (first.fillna("") + " " + last.fillna("")).str.strip(),
            "dob": column(raw, "hire_date"),
            "ssn": column(raw, "employee_number"),
            "city": column(raw, "location_city").map(fold),
        }
    )


def _model() -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    import splink.comparison_library as cl
    from splink import block_on

    comparisons = [
        cl.ForenameSurnameComparison(
            "first_name", "surname", forename_surname_concat_col_name="first_name_surname_concat"
        ).configure(term_frequency_adjustments=True),
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
    em = [block_on("first_name", "surname"), block_on("dob")]
    return comparisons, predict, prior, em


def run_splink_persons(data: EntityData) -> GeneratedOutcome:
    from splink import DuckDBAPI, Linker, SettingsCreator

    started = time.perf_counter()
    frame = person_frame(data)
    comparisons, predict, prior, em = _model()
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=predict,
        retain_matching_columns=False,
    )
    table = DuckDBAPI().register(frame, dataset_display_name="records")
    linker = Linker(table, settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(prior, recall=PRIOR_RULE_RECALL)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=42)
    for rule in em:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predicted = linker.inference.predict(threshold_match_probability=THRESHOLD)
    pairs = predicted.as_pandas_dataframe()[["unique_id_l", "unique_id_r"]]
    clusters = _clusters(linker, predicted, THRESHOLD)
    seconds = time.perf_counter() - started
    strict_clusters = _clusters(linker, predicted, 0.99)
    candidates = linker.inference.compute_blocked_pairs_for_predict().as_duckdbpyrelation()
    return GeneratedOutcome(
        pairs=pairs,
        clusters=clusters,
        strict_clusters=strict_clusters,
        seconds=seconds,
        candidate_pairs=int(candidates.count("*").fetchall()[0][0]),
    )
