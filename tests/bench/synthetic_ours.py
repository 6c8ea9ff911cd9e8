"""Our matcher on the project's generated multi-source data: pairwise F1 of the clusters,
share of records sent to review, time. Run: ``.venv/bin/python -m tests.bench.synthetic_ours``.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict

from matching import Matcher, settings_for
from mdm.synthetic import GeneratorConfig, generate, generate_extract


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {
        (a, b)
        for members in groups
        for i, a in enumerate(sorted(members))
        for b in sorted(members)[i + 1 :]
    }


def records_of(
    entity: str, config: GeneratorConfig
) -> tuple[list[dict[str, object]], list[list[str]]]:
    """Records (id = system:source_id, source = system) and the true clusters."""
    dataset = generate(config)
    records: list[dict[str, object]] = []
    truth: dict[str, list[str]] = defaultdict(list)
    for extract in dataset.extracts:
        if extract.entity != entity:
            continue
        for row in extract.rows:
            record_id = f"{extract.system}:{row['source_id']}"
            record: dict[str, object] = {**row, "id": record_id, "source": extract.system}
            if row.get("customer_source_id"):  # the hub's customer golden id; here the truth
                record["customer_ref"] = dataset.truth.get(
                    (extract.system, "customer", row["customer_source_id"])
                )
            records.append(record)
            truth[dataset.truth[(extract.system, entity, row["source_id"])]].append(record_id)
    return records, list(truth.values())


def evaluate(entity: str, config: GeneratorConfig) -> dict[str, float]:
    records, truth = records_of(entity, config)
    matcher = Matcher(settings_for(entity))
    started = time.perf_counter()
    resolution = matcher.resolve(records)
    seconds = time.perf_counter() - started
    predicted, true = _pairs(resolution.clusters), _pairs(truth)
    hits = len(predicted & true)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(true) if true else 1.0
    # as the hub: a review-band pair is a task only when its records sit in different clusters
    cluster_of = {rid: n for n, members in enumerate(resolution.clusters) for rid in members}
    reviewed = {
        record
        for link in resolution.links
        if link.decision == "review" and cluster_of[link.left_id] != cluster_of[link.right_id]
        for record in (link.left_id, link.right_id)
    }
    return {
        "records": len(records),
        "f1": 2 * precision * recall / (precision + recall) if hits else 0.0,
        "precision": precision,
        "recall": recall,
        "review_share": len(reviewed) / len(records),
        "candidate_pairs": resolution.stats.candidate_pairs,
        "seconds": seconds,
    }


def bulk_customers(rows: int = 100_000) -> dict[str, float]:
    extract = generate_extract("customer", rows, seed=11)
    records = [{**row, "id": row["source_id"], "source": extract.system} for row in extract.rows]
    matcher = Matcher(settings_for("customer"))
    started = time.perf_counter()
    resolution = matcher.resolve(records)
    return {
        "records": len(records),
        "seconds": time.perf_counter() - started,
        **vars(resolution.stats),
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["bulk"]:
        print(bulk_customers(int(argv[1]) if len(argv) > 1 else 100_000))
        return
    config = GeneratorConfig(customers=2000, resources=1000, rate_lines=600)
    for entity in argv or ["customer", "resource", "rate_card"]:
        figures = evaluate(entity, config)
        print(
            entity,
            " ".join(
                f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()
            ),
        )


if __name__ == "__main__":
    main(sys.argv[1:])
