"""Section "generated": ours vs Splink 5 on the project's synthetic customers and resources.

One data set is generated per run (``mdm.synthetic``) and both systems resolve the same
canonicalised union of extracts of each entity. Ours comes from
``tests.bench.generated_ours.run_generated(entity, dataset)``; when it cannot be imported our
rows say "not available" and Splink's still stand.
"""

from __future__ import annotations

import importlib
import traceback
from dataclasses import dataclass
from typing import Any

from tests.bench.evaluate import PairScore, score_clusters, score_pairs_against_clusters
from tests.bench.generated_data import (
    ENTITIES,
    ERROR_RATE,
    IN_SOURCE_DUPLICATE_RATE,
    EntityData,
    entity_data,
    generate_dataset,
)
from tests.bench.section import NOT_AVAILABLE, Cell, Section, ratio

SEED = 20240601
FULL_SIZE = {"customers": 10_000, "resources": 10_000}
QUICK_SIZE = {"customers": 500, "resources": 500}

COLUMNS = (
    "system",
    "entity",
    "records",
    "sources",
    "true pairs",
    "candidate pairs",
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
    system: str
    kind: str  # "clusters" or "pairs": rows of the same kind are compared
    score: PairScore | None
    seconds: float | None
    candidate_pairs: int | None = None
    note: str | None = None


def measure_ours(entity: str, dataset: Any) -> list[Measured]:
    try:
        module = importlib.import_module("tests.bench.generated_ours")
        figures: dict[str, Any] = module.run_generated(entity, dataset)
    except ImportError as error:
        note = f"{NOT_AVAILABLE} ({error})"
        return [Measured("ours", "clusters", None, None, note=note)]
    true_pairs = int(figures["true_pairs"])
    candidates = figures.get("candidate_pairs")
    clusters = _score(figures, "", true_pairs)
    pairs = _score(figures, "pair_", true_pairs) if "pair_f1" in figures else None
    seconds = float(figures["seconds"])
    review = figures.get("review_share")
    label = "ours, clusters" + (
        f" ({review:.1%} of records sent to review)" if review is not None else ""
    )
    rows = [Measured(label, "clusters", clusters, seconds, candidates)]
    if pairs is not None:
        rows.append(Measured("ours, p ≥ 0.5", "pairs", pairs, seconds, candidates))
    return rows


def _score(figures: dict[str, Any], prefix: str, true_pairs: int) -> PairScore:
    predicted = int(figures[f"{prefix}predicted_pairs"])
    hits = figures.get(f"{prefix}true_positives")
    if hits is None:
        hits = round(float(figures[f"{prefix}precision"]) * predicted)
    return PairScore(true_pairs, predicted, int(hits))


def measure_splink(data: EntityData) -> list[Measured]:
    import splink

    from tests.bench.generated_splink import run_splink_generated

    outcome = run_splink_generated(data)
    name = f"Splink {splink.__version__} (DuckDB)"
    pairs = score_pairs_against_clusters(
        outcome.pairs["unique_id_l"], outcome.pairs["unique_id_r"], data.truth
    )
    return [
        Measured(f"{name}, clusters", "clusters", score_clusters(outcome.clusters, data.truth),
                 outcome.seconds, outcome.candidate_pairs),
        Measured(f"{name}, clusters p ≥ 0.99", "clusters",
                 score_clusters(outcome.strict_clusters, data.truth), outcome.seconds,
                 outcome.candidate_pairs),
        Measured(f"{name}, p ≥ 0.5", "pairs", pairs, outcome.seconds, outcome.candidate_pairs),
    ]  # fmt: skip


def _guarded(system: str, measure: Any, *args: Any) -> list[Measured]:
    try:
        return list(measure(*args))
    except Exception as error:
        traceback.print_exc()
        return [
            Measured(system, "pairs", None, None, note=f"failed: {type(error).__name__}: {error}")
        ]


def _row(data: EntityData, item: Measured, ours: dict[str, Measured]) -> tuple[Cell, ...]:
    score = item.score
    mine = ours.get(item.kind)
    is_ours = item.system.startswith("ours")
    return (
        item.system,
        data.entity,
        len(data.records),
        len(set(data.systems)),
        score.true_pairs if score else _pairs_in(data),
        item.candidate_pairs,
        score.predicted_pairs if score else item.note,
        score.precision if score else None,
        score.recall if score else None,
        score.f1 if score else None,
        item.seconds,
        None if is_ours or mine is None else ratio(mine.score.f1 if mine.score else None,
                                                   score.f1 if score else None),
        None if is_ours or mine is None else ratio(mine.seconds, item.seconds),
    )  # fmt: skip


def _pairs_in(data: EntityData) -> int:
    sizes = data.truth.value_counts()
    return int((sizes * (sizes - 1) // 2).sum())


def measure_entity(entity: str, dataset: Any) -> list[tuple[Cell, ...]]:
    data = entity_data(dataset, entity)
    ours = _guarded("ours", measure_ours, entity, dataset)
    peers = _guarded("Splink 5 (DuckDB)", measure_splink, data)
    by_kind = {item.kind: item for item in ours}
    return [_row(data, item, by_kind) for item in (*ours, *peers)]


def _notes(sizes: dict[str, int]) -> tuple[str, ...]:
    return (
        f"Data: mdm.synthetic seed {SEED}, {sizes['customers']:,} customers and "
        f"{sizes['resources']:,} resources (truth entities), error rate {ERROR_RATE}, "
        f"in-source duplicate rate {IN_SOURCE_DUPLICATE_RATE}; records = rows of all extracts "
        "of the entity.",
        "All systems get the same records, canonicalised as the hub does on ingest (country "
        "ISO-2, phone E.164, email normalised, website registrable domain).",
        "Splink (tests/bench/generated_splink.py): dedupe over all extracts. Customers: "
        "Jaro-Winkler name (TF), tax id, exact domain/phone/country, Damerau-Levenshtein "
        "postcode, Jaro-Winkler city. Resources: NameComparison first/last (TF), email, exact "
        "phone/country, employee number, Jaro-Winkler city. Identifiers (tax id, email, employee "
        "number) have a level for another value of the same scheme (digit pattern, email "
        "domain), so homonyms with different ids can be told apart. Prior from deterministic "
        "rules (assumed recall 0.6), u from 5e6 random pairs (seeded), two EM sessions; links at "
        "p ≥ 0.5. Seconds include preparation, training, prediction and clustering at 0.5.",
        "Pairwise figures: clusters rows score the pairs the clusters imply; p ≥ 0.5 rows score "
        "predicted pairs. Ours clusters at its preset's auto-link threshold (customers 0.99; "
        "resources 0.9 where the pair holds a field a steward decides by, 0.97 on names alone; "
        "with its constrained clustering); Splink's clusters are connected components at p ≥ 0.5 and, for "
        "comparison, at p ≥ 0.99 (same model and predictions, not timed again). Ratios compare "
        "rows of the same kind.",
    )


def run(quick: bool) -> Section:
    sizes = QUICK_SIZE if quick else FULL_SIZE
    dataset = generate_dataset(SEED, sizes["customers"], sizes["resources"])
    rows: list[tuple[Cell, ...]] = []
    for entity in ENTITIES:
        rows.extend(measure_entity(entity, dataset))
    return Section(
        title="Generated customers and resources: ours vs Splink",
        columns=COLUMNS,
        rows=tuple(rows),
        notes=_notes(sizes),
    )
