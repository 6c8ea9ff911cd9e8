"""Splink 5 (DuckDB) on the synthetic customers and resources: one dedupe over all extracts.

Splink gets the records every system gets, prepared as in ``tests.bench.generated_frames``.
Identifiers are compared on three levels — same value, another value of the same scheme (a
different tax id of the same format, another mailbox at the same domain: evidence against),
values of different schemes (no evidence) — so homonyms at one firm are not merged on names.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tests.bench.generated_data import EntityData
from tests.bench.generated_frames import customer_frame, resource_frame

THRESHOLD = 0.5
STRICT_THRESHOLD = 0.99
PRIOR_RULE_RECALL = 0.6


@dataclass(frozen=True)
class GeneratedOutcome:
    pairs: pd.DataFrame  # unique_id_l, unique_id_r (p ≥ THRESHOLD)
    clusters: pd.Series  # unique_id -> cluster_id, connected components at p ≥ THRESHOLD
    strict_clusters: pd.Series  # the same at p ≥ STRICT_THRESHOLD (the hub's auto-link level)
    seconds: float  # registration, settings, training, prediction and clustering
    candidate_pairs: int


Model = tuple[list[Any], list[Any], list[Any], list[Any]]
"""Comparisons, prediction blocking rules, deterministic rules for the prior, EM sessions."""


def identifier(column: str, scheme_column: str, fuzzy: bool = False) -> Any:
    """Same value / (one typo) / another value of the same scheme / different schemes."""
    import splink.comparison_level_library as cll
    from splink.comparison_library import CustomComparison

    levels: list[Any] = [cll.NullLevel(column), cll.ExactMatchLevel(column)]
    if fuzzy:
        levels.append(cll.DamerauLevenshteinLevel(column, 1))
    levels += [
        cll.CustomLevel(
            f'"{scheme_column}_l" = "{scheme_column}_r"', label_for_charts="same scheme, other"
        ),
        cll.ElseLevel(),
    ]
    return CustomComparison(levels, output_column_name=column)


def _customer_model() -> Model:
    import splink.comparison_library as cl
    from splink import block_on

    comparisons = [
        cl.JaroWinklerAtThresholds("name", [0.95, 0.88, 0.75]).configure(
            term_frequency_adjustments=True
        ),
        identifier("tax_id", "tax_id_scheme", fuzzy=True),
        cl.ExactMatch("domain").configure(term_frequency_adjustments=True),
        cl.ExactMatch("phone"),
        cl.DamerauLevenshteinAtThresholds("postcode", [1]),
        cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True),
        cl.ExactMatch("country").configure(term_frequency_adjustments=True),
    ]
    predict = [block_on(c) for c in ("tax_id", "domain", "phone", "name")]
    predict.append(block_on("name_prefix", "postcode"))
    prior = [block_on("tax_id", "name"), block_on("domain", "name")]
    em = [block_on("tax_id"), block_on("name")]
    return comparisons, predict, prior, em


def _resource_model() -> Model:
    import splink.comparison_library as cl
    from splink import block_on

    comparisons = [
        cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
        identifier("email", "email_domain"),
        cl.ExactMatch("phone"),
        identifier("employee_number", "employee_number_scheme"),
        cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True),
        cl.ExactMatch("country").configure(term_frequency_adjustments=True),
    ]
    predict = [block_on(c) for c in ("email", "phone", "employee_number")]
    predict += [block_on("first_name", "last_name"), block_on("last_prefix", "city")]
    prior = [block_on("email", "last_name"), block_on("first_name", "last_name", "phone")]
    em = [block_on("employee_number"), block_on("first_name", "last_name")]
    return comparisons, predict, prior, em


def _linker(frame: pd.DataFrame, comparisons: list[Any], predict: list[Any]) -> Any:
    from splink import DuckDBAPI, Linker, SettingsCreator

    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=predict,
        retain_matching_columns=False,
    )
    table = DuckDBAPI().register(frame, dataset_display_name="records")
    return Linker(table, settings, log_level=logging.WARNING)


def _clusters(linker: Any, predicted: Any, threshold: float) -> pd.Series:
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predicted, threshold_match_probability=threshold
    ).as_pandas_dataframe()
    return pd.Series(clustered["cluster_id"].to_numpy(), index=clustered["unique_id"])


def train_and_predict(
    frame: pd.DataFrame, model: Model, started: float, prior_recall: float = PRIOR_RULE_RECALL
) -> GeneratedOutcome:
    """Splink's recommended sequence on ``frame``: the prior from deterministic rules, u from
    random pairs, m by EM per session, then pairs and clusters at both thresholds
    (``started``: when the timed work began)."""
    comparisons, predict, prior, em = model
    linker = _linker(frame, comparisons, predict)
    linker.training.estimate_probability_two_random_records_match(prior, recall=prior_recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=42)
    for rule in em:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predicted = linker.inference.predict(threshold_match_probability=THRESHOLD)
    pairs = predicted.as_pandas_dataframe()[["unique_id_l", "unique_id_r"]]
    clusters = _clusters(linker, predicted, THRESHOLD)
    seconds = time.perf_counter() - started
    strict_clusters = _clusters(linker, predicted, STRICT_THRESHOLD)
    candidates = linker.inference.compute_blocked_pairs_for_predict().as_duckdbpyrelation()
    return GeneratedOutcome(
        pairs=pairs,
        clusters=clusters,
        strict_clusters=strict_clusters,
        seconds=seconds,
        candidate_pairs=int(candidates.count("*").fetchall()[0][0]),
    )


def run_splink_generated(data: EntityData) -> GeneratedOutcome:
    from splink import DuckDBAPI  # noqa: F401  (import cost is not linkage time)

    started = time.perf_counter()
    frame = customer_frame(data) if data.entity == "customer" else resource_frame(data)
    model = _customer_model() if data.entity == "customer" else _resource_model()
    return train_and_predict(frame, model, started)
