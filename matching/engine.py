"""The matcher: prepare, block, train, score, decide and cluster records of one entity."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from matching import collector
from matching.blocking import block
from matching.clustering import cluster
from matching.comparison import level_matrix
from matching.explanation import Explanation
from matching.feature import Prepared, concatenate, prepare_records
from matching.model import ModelParameters
from matching.pair_view import PairView
from matching.resolution import Link, Resolution, ResolutionStats
from matching.scoring import ScoredPairs, score_pairs
from matching.settings import EntitySettings
from matching.training import train_model

IdPair = tuple[str, str]


class Matcher:
    """Matches records of one entity; ``model`` None means train on the first batch resolved."""

    def __init__(self, settings: EntitySettings, model: ModelParameters | None = None):
        self.settings = settings
        self.model = model

    def prepare(self, records: Sequence[Mapping[str, object]]) -> Prepared:
        return prepare_records(records, self.settings.features)

    def blocking_keys(self, record: Mapping[str, object]) -> list[str]:
        """Keys (prefixed by rule name) under which the hub indexes the record."""
        row = self.prepare([record]).row(0)
        return [key for rule in self.settings.blocking_rules for key in rule.record_keys(row)]

    def candidate_pairs(self, prepared: Prepared, *, link_only: bool = False) -> np.ndarray:
        rules, size = self.settings.blocking_rules, self.settings.max_block_size
        return block(prepared, rules, size, link_only=link_only or self.settings.link_only)

    def levels(self, prepared: Prepared, pairs: np.ndarray) -> np.ndarray:
        """The comparison levels of ``pairs`` (rows: pairs, columns: comparisons)."""
        view = PairView(prepared, prepared, pairs[:, 0], pairs[:, 1])
        return level_matrix(self.settings.comparisons, view)

    def train(
        self,
        prepared: Prepared,
        pairs: np.ndarray | None = None,
        *,
        link_only: bool = False,
        levels: np.ndarray | None = None,
    ) -> ModelParameters:
        """Fit m, u, the prior and term frequencies without labels; keep and return them.
        ``levels``: those of ``pairs``, when already computed."""
        link_only = link_only or self.settings.link_only
        if pairs is None:
            pairs = self.candidate_pairs(prepared, link_only=link_only)
        self.model = train_model(self.settings, prepared, pairs, link_only=link_only, levels=levels)
        return self.model

    def _model(self) -> ModelParameters:
        if self.model is None:
            raise RuntimeError("the matcher has no model: train it or pass one")
        return self.model

    def score(
        self, prepared: Prepared, pairs: np.ndarray, levels: np.ndarray | None = None
    ) -> ScoredPairs:
        """``levels``: those of ``pairs``, when already computed."""
        cap = self.settings.thresholds.review_cap
        return score_pairs(
            self.settings.comparisons, self._model(), prepared, prepared, pairs, cap, levels
        )

    def score_against(
        self,
        record: Mapping[str, object],
        candidates: Sequence[Mapping[str, object]],
        *,
        above: float | None = None,
    ) -> list[tuple[str, float, Explanation]]:
        """Score one record against candidates: (candidate id, probability, why), best first.

        ``above`` keeps only candidates scoring more than it, and explains only those."""
        if not candidates:
            return []
        left, right = self.prepare([record]), self.prepare(candidates)
        pairs = np.stack(
            [np.zeros(len(candidates), dtype=np.int64), np.arange(len(candidates))], axis=1
        )
        cap = self.settings.thresholds.review_cap
        scored = score_pairs(self.settings.comparisons, self._model(), left, right, pairs, cap)
        if above is None:
            kept = np.arange(len(pairs))
        else:
            kept = np.flatnonzero(scored.probability > above)
        ranked = [(why.right_id, why.probability, why) for why in scored.explain_all(kept)]
        return sorted(ranked, key=lambda item: (-item[1], item[0]))

    def links(self, scored: ScoredPairs) -> list[Link]:
        """The scored pairs above the lower threshold, decided and explained."""
        thresholds = self.settings.thresholds
        kept = np.flatnonzero(scored.probability > thresholds.lower)
        decisions = thresholds.decide_all(scored.probability[kept]).tolist()
        return [
            Link(why.left_id, why.right_id, why.probability, decision, why)
            for why, decision in zip(scored.explain_all(kept), decisions, strict=True)
        ]

    def resolve(
        self,
        records: Sequence[Mapping[str, object]],
        *,
        must_link: Iterable[IdPair] = (),
        cannot_link: Iterable[IdPair] = (),
        link_only: bool = False,
    ) -> Resolution:
        """Bulk: prepare, block, train (without a model), score, decide and cluster."""
        started = time.perf_counter()
        with collector.paused():
            prepared = self.prepare(records)
            return self._resolve_prepared(prepared, must_link, cannot_link, link_only, started)

    def resolve_prepared(
        self,
        prepared: Prepared,
        *,
        must_link: Iterable[IdPair] = (),
        cannot_link: Iterable[IdPair] = (),
        link_only: bool = False,
        started: float | None = None,
    ) -> Resolution:
        with collector.paused():
            return self._resolve_prepared(prepared, must_link, cannot_link, link_only, started)

    def _resolve_prepared(
        self,
        prepared: Prepared,
        must_link: Iterable[IdPair],
        cannot_link: Iterable[IdPair],
        link_only: bool,
        started: float | None,
    ) -> Resolution:
        started = time.perf_counter() if started is None else started
        pairs = self.candidate_pairs(prepared, link_only=link_only)
        levels = self.levels(prepared, pairs)  # once, for training and for scoring
        if self.model is None:
            self.train(prepared, pairs, link_only=link_only, levels=levels)
        links = self.links(self.score(prepared, pairs, levels))
        thresholds = self.settings.thresholds
        clusters = cluster(
            [str(item) for item in prepared.ids],
            ((link.left_id, link.right_id, link.probability) for link in links),
            threshold=thresholds.upper,
            must_link=must_link,
            cannot_link=cannot_link,
        )
        stats = ResolutionStats(
            records=len(prepared),
            candidate_pairs=len(pairs),
            auto_links=sum(link.decision == "auto" for link in links),
            review_pairs=sum(link.decision == "review" for link in links),
            clusters=len(clusters),
            seconds=time.perf_counter() - started,
        )
        return Resolution(clusters, links, stats)


def prepare_sources(
    matcher: Matcher, batches: Mapping[str, Sequence[Mapping[str, object]]]
) -> Prepared:
    """Prepare records of several sources into one batch, setting each record's source."""
    parts = [
        matcher.prepare([{**record, "source": name} for record in records])
        for name, records in batches.items()
    ]
    return concatenate(parts)
