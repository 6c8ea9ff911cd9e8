"""Our matcher on the synthetic customers and resources (``run_generated``).

Records are the canonicalised union of extracts (``tests.bench.generated_data``), each with id
``f"{system}:{source_id}"``, resolved in one batch by ``Matcher(settings_for(entity))``.
Figures: pairwise on the clusters the hub would keep (its auto-link threshold), and on the
scored pairs with p ≥ 0.5 (what Splink's p ≥ 0.5 row measures).
"""

from __future__ import annotations

import time
from typing import Any

from tests.bench.evaluate import score_clusters, score_pairs_against_clusters
from tests.bench.generated_data import EntityData, entity_data


def run_generated(entity: str, dataset: Any) -> dict[str, float]:
    return run_ours(entity_data(dataset, entity))


def run_ours(data: EntityData) -> dict[str, float]:
    """Our matcher (the entity's preset) on any labelled records: figures as above."""
    resolution, seconds = resolve_timed(data)
    return figures_of(data, resolution, seconds)


def resolve_timed(data: EntityData, settings: Any = None) -> tuple[Any, float]:
    """``data``'s records resolved in one batch by ``settings`` (the entity's preset unless
    given), and the seconds."""
    from matching import Matcher, settings_for

    matcher = Matcher(settings or settings_for(data.entity))
    started = time.perf_counter()
    resolution = matcher.resolve(list(data.records))
    return resolution, time.perf_counter() - started


def figures_of(data: EntityData, resolution: Any, seconds: float) -> dict[str, float]:
    """Pairwise figures of a resolution of ``data``: its clusters, its pairs at p ≥ 0.5, and
    the share of records the hub would send to review (a review-band pair whose records sit
    in different clusters)."""
    labels = {
        record_id: n for n, members in enumerate(resolution.clusters) for record_id in members
    }
    clusters = score_clusters(labels, data.truth)
    likely = [link for link in resolution.links if link.probability >= 0.5]
    pairs = score_pairs_against_clusters(
        [link.left_id for link in likely], [link.right_id for link in likely], data.truth
    )
    return {
        "f1": clusters.f1,
        "precision": clusters.precision,
        "recall": clusters.recall,
        "predicted_pairs": clusters.predicted_pairs,
        "true_pairs": clusters.true_pairs,
        "true_positives": clusters.true_positives,
        "pair_f1": pairs.f1,
        "pair_precision": pairs.precision,
        "pair_recall": pairs.recall,
        "pair_predicted_pairs": pairs.predicted_pairs,
        "pair_true_positives": pairs.true_positives,
        "seconds": seconds,
        "candidate_pairs": resolution.stats.candidate_pairs,
        "review_share": review_share(resolution, labels, len(data.records)),
    }


def review_share(resolution: Any, labels: dict[str, int], records: int) -> float:
    """Share of the records the hub would send to review: those of a review-band pair whose
    records sit in different clusters (``labels``: record id -> cluster)."""
    doubtful = {
        record
        for link in resolution.links
        if link.decision == "review" and labels[link.left_id] != labels[link.right_id]
        for record in (link.left_id, link.right_id)
    }
    return len(doubtful) / records
