"""One labelled data set measured for ours and Splink: the row figures of the external and
matrix sections (pairwise on clusters; ours at its auto-link threshold, Splink's connected
components at p ≥ 0.5 and at p ≥ 0.99)."""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.bench.evaluate import PairScore, RestrictedScore, restricted, score_clusters
from tests.bench.generated_data import EntityData


@dataclass(frozen=True)
class CellFigures:
    ours: PairScore | None
    review_share: float | None
    ours_seconds: float | None
    splink: PairScore | None
    splink_strict: PairScore | None
    splink_seconds: float | None
    failure: str | None = None
    # the same clusterings with recall over the chosen true pairs only (``measure_cell``)
    ours_chosen: RestrictedScore | None = None
    splink_chosen: RestrictedScore | None = None
    splink_strict_chosen: RestrictedScore | None = None
    # ours with recall over a narrower set of true pairs (``measure_cell``'s ``comparable``)
    ours_comparable: RestrictedScore | None = None


def measure_cell(
    data: EntityData,
    splink: Callable[[EntityData], Any],
    chosen: list[tuple[str, str]] | None = None,
    comparable: list[tuple[str, str]] | None = None,
) -> CellFigures:
    """Ours and Splink on ``data``; with ``chosen`` (true pairs), each clustering also scored
    with its recall over those pairs only; with ``comparable``, ours also over those."""
    from tests.bench.generated_ours import figures_of, resolve_timed

    failures = []
    ours = review = ours_seconds = ours_chosen = ours_comparable = None
    try:
        resolution, seconds = resolve_timed(data)
        figures = figures_of(data, resolution, seconds)
        ours = PairScore(
            int(figures["true_pairs"]), int(figures["predicted_pairs"]),
            int(figures["true_positives"]),
        )  # fmt: skip
        review, ours_seconds = float(figures["review_share"]), float(figures["seconds"])
        labels = {r: n for n, members in enumerate(resolution.clusters) for r in members}
        if chosen is not None:
            ours_chosen = restricted(ours, labels, chosen)
        if comparable is not None:
            ours_comparable = restricted(ours, labels, comparable)
    except Exception as error:
        traceback.print_exc()
        failures.append(f"ours failed: {type(error).__name__}: {error}")
    peer = strict = peer_seconds = peer_chosen = strict_chosen = None
    try:
        outcome = splink(data)
        peer = score_clusters(outcome.clusters, data.truth)
        strict = score_clusters(outcome.strict_clusters, data.truth)
        peer_seconds = outcome.seconds
        if chosen is not None:
            peer_chosen = restricted(peer, outcome.clusters, chosen)
            strict_chosen = restricted(strict, outcome.strict_clusters, chosen)
    except Exception as error:
        traceback.print_exc()
        failures.append(f"Splink failed: {type(error).__name__}: {error}")
    return CellFigures(
        ours, review, ours_seconds, peer, strict, peer_seconds, "; ".join(failures) or None,
        ours_chosen, peer_chosen, strict_chosen, ours_comparable,
    )  # fmt: skip


def best_peer_f1(figures: CellFigures) -> float | None:
    scores = [s.f1 for s in (figures.splink, figures.splink_strict) if s is not None]
    return max(scores) if scores else None


BASELINES = Path(__file__).resolve().parent / "baselines"
BEFORE_COMMIT = "21c8f45"
"""The commit whose figures stand in the 'before' column: the sections measured before the
model change of issue 11 (saved as measured, in ``baselines/``)."""


@cache
def before(section: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Each row of a section as measured at ``BEFORE_COMMIT`` (column -> value), by its first
    cell and entity; empty when no baseline was saved. Read once per section."""
    path = BASELINES / f"{section}-{BEFORE_COMMIT}.json"
    if not path.exists():
        return {}
    saved = json.loads(path.read_text(encoding="utf-8"))["section"]
    columns = saved["columns"]
    return {
        (str(row[0]), str(row[1])): dict(zip(columns, row, strict=True)) for row in saved["rows"]
    }
