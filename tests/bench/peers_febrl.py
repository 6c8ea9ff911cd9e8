"""Section "febrl": our matcher against recordlinkage (ECM) and Splink 5 on FEBRL 3 and 4.

Each system is timed end to end in the same process and run; pairwise precision, recall and F1
are computed the same way for all (``tests.bench.evaluate``). Our figures come from
``tests.bench.febrl_ours.run_febrl(name)``; when that runner is missing or fails, our row says
why and the peers' rows still stand.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.bench.evaluate import PairScore, score_clusters, score_pairs
from tests.bench.febrl_data import FEBRL_NAMES, FebrlTask, blocking_recall, load_febrl
from tests.bench.section import NOT_AVAILABLE, Cell, Section, ratio

COLUMNS = (
    "system",
    "data set",
    "records",
    "true pairs",
    "candidate pairs",
    "blocking recall",
    "predicted pairs",
    "precision",
    "recall",
    "F1",
    "seconds",
    "F1 ratio ours/peer",
    "time ratio ours/peer",
)


@dataclass(frozen=True)
class Measured:
    """One system's figures on one data set."""

    system: str
    score: PairScore | None
    seconds: float | None
    candidate_pairs: int | None = None
    blocking_recall: float | None = None
    note: str | None = None  # set when the system could not be measured

    @property
    def f1(self) -> float | None:
        return self.score.f1 if self.score else None


def measure_recordlinkage(task: FebrlTask) -> Measured:
    from tests.bench.febrl_recordlinkage import BLOCKS, run_recordlinkage

    outcome = run_recordlinkage(task)
    predicted, candidates = outcome.predicted, outcome.candidates
    return Measured(
        system="recordlinkage 0.16 (ECM)",
        score=score_pairs(
            predicted.get_level_values(0),
            predicted.get_level_values(1),
            task.true_left,
            task.true_right,
        ),
        seconds=outcome.seconds,
        candidate_pairs=len(candidates),
        blocking_recall=blocking_recall(task, BLOCKS),
    )


def measure_splink(task: FebrlTask) -> list[Measured]:
    import splink

    from tests.bench.febrl_splink import PREDICTION_BLOCKS, run_splink

    outcome = run_splink(task)
    recall = blocking_recall(task, PREDICTION_BLOCKS)
    pairs = outcome.pairs
    pairwise = Measured(
        system=f"Splink {splink.__version__} (DuckDB), p ≥ 0.5",
        score=score_pairs(
            pairs["unique_id_l"], pairs["unique_id_r"], task.true_left, task.true_right
        ),
        seconds=outcome.seconds,
        candidate_pairs=outcome.candidate_pairs,
        blocking_recall=recall,
    )
    clustered = Measured(
        system=f"Splink {splink.__version__} (DuckDB), clusters",
        score=score_clusters(outcome.clusters, task.entity_labels()),
        seconds=outcome.seconds + outcome.cluster_seconds,
        candidate_pairs=outcome.candidate_pairs,
        blocking_recall=recall,
    )
    return [pairwise, clustered]


def measure_ours(task: FebrlTask) -> Measured:
    try:
        module = importlib.import_module("tests.bench.febrl_ours")
    except ImportError as error:
        return Measured("ours", None, None, note=f"{NOT_AVAILABLE} ({error})")
    figures: dict[str, Any] = module.run_febrl(task.name)
    return Measured(
        system="ours",
        score=_score_from_figures(figures, task.true_pairs),
        seconds=float(figures["seconds"]),
        candidate_pairs=_optional_int(figures.get("candidate_pairs")),
        blocking_recall=figures.get("blocking_recall"),
    )


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _score_from_figures(figures: dict[str, Any], true_pairs: int) -> PairScore:
    """Rebuild counts from the runner's precision/recall when it does not give them."""
    hits = figures.get("true_positives")
    if hits is None:
        hits = round(float(figures["recall"]) * true_pairs)
    predicted = figures.get("predicted_pairs")
    if predicted is None:
        precision = float(figures["precision"])
        predicted = round(hits / precision) if precision else 0
    return PairScore(int(figures.get("true_pairs", true_pairs)), int(predicted), int(hits))


def _guarded(system: str, measure: Callable[[FebrlTask], Any], task: FebrlTask) -> list[Measured]:
    """Run one system; a crash becomes a row that says so instead of killing the section."""
    try:
        result = measure(task)
    except Exception as error:
        traceback.print_exc()
        return [Measured(system, None, None, note=f"failed: {type(error).__name__}: {error}")]
    return result if isinstance(result, list) else [result]


def _row(task: FebrlTask, item: Measured, ours: Measured) -> tuple[Cell, ...]:
    score = item.score
    is_ours = item is ours
    return (
        item.system,
        task.name,
        task.records,
        task.true_pairs,
        item.candidate_pairs,
        item.blocking_recall,
        score.predicted_pairs if score else item.note,
        score.precision if score else None,
        score.recall if score else None,
        score.f1 if score else None,
        item.seconds,
        None if is_ours else ratio(ours.f1, item.f1),
        None if is_ours else ratio(ours.seconds, item.seconds),
    )


def measure_task(task: FebrlTask) -> list[tuple[Cell, ...]]:
    ours = _guarded("ours", measure_ours, task)[0]
    peers = _guarded("recordlinkage 0.16 (ECM)", measure_recordlinkage, task)
    peers += _guarded("Splink 5 (DuckDB)", measure_splink, task)
    return [_row(task, item, ours) for item in (ours, *peers)]


NOTES = (
    "Pairwise precision/recall/F1 against the true links shipped with recordlinkage "
    "(febrl3: dedupe of 5,000 records; febrl4: link of 5,000 + 5,000).",
    "recordlinkage: OR-ed blocks on given_name, surname, date_of_birth, postcode, soc_sec_id; "
    "Compare with Jaro-Winkler ≥ 0.85 (names, address_1, suburb), Levenshtein ≥ 0.85 "
    "(date_of_birth, soc_sec_id), exact (street_number, postcode, state); unsupervised "
    "ECMClassifier on the binary features. Published ECM F1 for comparison: 0.976 (febrl3), "
    "0.991 (febrl4).",
    "Splink: same OR-ed blocks for prediction; NameComparison (Jaro-Winkler levels, "
    "term-frequency adjusted) on given_name/surname, Damerau-Levenshtein on date_of_birth, "
    "soc_sec_id, street_number, postcode, Jaro-Winkler on address_1/suburb, exact state; "
    "prior from deterministic rules (assumed recall 0.7), u from 2e6 random pairs (seeded), EM on "
    "given_name+surname then date_of_birth; links at p ≥ 0.5. Seconds cover registration, "
    "training and prediction; the clusters row adds connected components and scores the pairs "
    "the clusters imply. Published Splink F1: 0.993 (febrl3), 0.999 (febrl4).",
    "Ours: tests/bench/febrl_ours.py (pairs with p ≥ 0.5, timed from loaded records through "
    "preparation, blocking, training and scoring); its predicted pairs are derived from its "
    "precision and recall.",
    "The quick run (--quick) measures febrl3 only.",
    "Blocking recall = share of true pairs that fall in the candidate space. A ratio below 1 "
    "for time means ours is faster; above 1 for F1 means ours is more accurate.",
)


def run(quick: bool) -> Section:
    rows: list[tuple[Cell, ...]] = []
    for name in FEBRL_NAMES[:1] if quick else FEBRL_NAMES:
        rows.extend(measure_task(load_febrl(name)))
    return Section(
        title="FEBRL: ours vs recordlinkage and Splink",
        columns=COLUMNS,
        rows=tuple(rows),
        notes=NOTES,
    )
