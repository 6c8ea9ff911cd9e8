"""The matcher: prepare, block, train, score, decide and cluster records of one entity."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np

from matching import collector
from matching.blocking import BlockingRule
from matching.blocking_index import Member, filed_keys, within_caps
from matching.blocking_pairs import block
from matching.clustering import cluster, joinable
from matching.comparison import level_matrix
from matching.completion import completed
from matching.copies import copy_pairs, named_by
from matching.corroboration import (
    corroborated_families,
    corroborated_pairs,
    family,
)
from matching.explanation import Explanation
from matching.feature import Prepared, concatenate, prepare_records
from matching.id_order import id_key
from matching.learning import Learning, learn
from matching.model import ModelParameters
from matching.pair_view import PairView
from matching.resolution import (
    Apart,
    Link,
    Resolution,
    distinct_links,
    quiet_links,
    resolution_of,
)
from matching.scoring import ScoredPairs, score_pairs
from matching.settings import EntitySettings
from matching.thresholds import Thresholds
from matching.training import train_model
from matching.unit_scoring import scored_units

IdPair = tuple[str, str]
_APART = 3
"""Comparisons holding evidence against that hold a pair apart (``apart_pairs``). A second
site or a move of one entity differs on two (phone and address), and a name or legal form
mistyped or abbreviated on one more; a sister company on three or more (country, legal form,
tax id beside phone and address). At two, the bench's matrix section (customers) lost true
pairs in its cells of names abbreviated 30% and mistyped 10%: a record of a second site kept
out of its entity's cluster (F1 0.9980 -> 0.9972, 0.9989 -> 0.9983)."""


class Matcher:
    """Matches records of one entity; ``model`` None means train on the first batch resolved."""

    def __init__(self, settings: EntitySettings, model: ModelParameters | None = None):
        self.settings = settings
        self.model = model

    @property
    def thresholds(self) -> Thresholds:
        """The thresholds decisions are taken at: the model's, when learnt from stewards'
        decisions, else the entity's configured ones."""
        if self.model is not None and self.model.thresholds is not None:
            return self.model.thresholds
        return self.settings.thresholds

    def prepare(self, records: Sequence[Mapping[str, object]]) -> Prepared:
        return prepare_records(records, self.settings.features)

    def prepare_in_chunks(self, chunks: Iterable[Sequence[Mapping[str, object]]]) -> Prepared:
        """``prepare`` of records given a chunk at a time (each chunk's records can be let go
        once prepared): one batch, in the order given."""
        parts = [self.prepare(chunk) for chunk in chunks]
        return concatenate(parts) if parts else self.prepare([])

    def indexed_keys(self, prepared: Prepared) -> list[tuple[str, str]]:
        """(record id, key) for every key under which a record of the batch is filed in an
        index of candidates: the keys bulk blocking pairs records on, the rule's name before
        each (``rule:key``), each once. An incremental run (``resolve_around``) and a lookup
        find candidates through them."""
        ids = prepared.ids
        return [
            (str(ids[index]), key)
            for index, key in filed_keys(prepared, self.settings.blocking_rules)
        ]

    def blocking_keys(self, record: Mapping[str, object]) -> list[str]:
        """The keys one record is filed under (``indexed_keys`` of a batch of one)."""
        return [key for _, key in self.indexed_keys(self.prepare([record]))]

    def key_terms(
        self, keys: Sequence[str]
    ) -> tuple[list[int], list[int], list[str], list[str], list[str]]:
        """What a lookup of a record's ``keys`` (``rule:key``) in an index needs to find what
        bulk blocking would pair: for each key its rule's cap, evidence cap and family, the
        families whose pairs need corroborating and the rules standing alone the record holds
        keys of (``matching.corroboration``)."""
        settings, size = self.settings, self.settings.max_block_size
        named = {rule.name: rule for rule in settings.blocking_rules}
        rules = [named[key.partition(":")[0]] for key in keys]
        return (
            [rule.cap(size) for rule in rules],
            [rule.evidence_cap(size) for rule in rules],
            [family(rule) for rule in rules],
            corroborated_families(settings.blocking_rules),
            list(dict.fromkeys(rule.name for rule in rules if rule.alone)),
        )

    def pairing_blocks(self, blocks: Mapping[str, Iterable[Member]]) -> dict[str, list[Member]]:
        """Of an index's blocks (``rule:key`` -> record ids), those that pair: held by no more
        records than their rule allows (``resolve_around`` pairs only on those)."""
        settings = self.settings
        return within_caps(blocks, settings.blocking_rules, settings.max_block_size)

    def candidate_pairs(self, prepared: Prepared, *, link_only: bool = False) -> np.ndarray:
        settings = self.settings
        rules, size, window = settings.blocking_rules, settings.max_block_size, settings.window
        pairs = block(
            prepared, rules, size, link_only=link_only or settings.link_only, window=window
        )
        return corroborated_pairs(prepared, pairs, rules, size)

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
        kept = self._trained_on(prepared, pairs, link_only)
        if kept is not None:
            pairs, levels = pairs[kept], None if levels is None else levels[kept]
        self.model = train_model(self.settings, prepared, pairs, link_only=link_only, levels=levels)
        return self.model

    def _trained_on(
        self, prepared: Prepared, pairs: np.ndarray, link_only: bool
    ) -> np.ndarray | None:
        """Which of ``pairs`` training reads: all but those only ``scores_only`` rules propose
        (None: all of them)."""
        settings = self.settings
        rules = settings.blocking_rules
        scoring = [rule for rule in rules if rule.scores_only]
        if not scoring or not len(pairs):
            return None
        n, size, window = len(prepared), settings.max_block_size, settings.window

        def codes(rules: list[BlockingRule]) -> np.ndarray:
            found = block(prepared, rules, size, link_only=link_only, window=window)
            return found[:, 0] * n + found[:, 1]

        wanted = pairs[:, 0] * n + pairs[:, 1]
        trained = [rule for rule in rules if not rule.scores_only]
        return ~np.isin(wanted, codes(scoring)) | np.isin(wanted, codes(trained))

    def learn(self, prepared: Prepared, pairs: np.ndarray, is_match: np.ndarray) -> Learning:
        """The model re-estimated from pairs stewards decided (``pairs``: indices into
        ``prepared``, the entity's records; ``is_match``: merged or not), and what changed
        (``matching.learning``). The matcher keeps its model: using the new one is the
        caller's choice."""
        return learn(self.settings, self._model(), prepared, pairs, is_match)

    def _model(self) -> ModelParameters:
        if self.model is None:
            raise RuntimeError("the matcher has no model: train it or pass one")
        return self.model

    def score(
        self, prepared: Prepared, pairs: np.ndarray, levels: np.ndarray | None = None
    ) -> ScoredPairs:
        """``levels``: those of ``pairs``, when already computed. ``pairs`` are every candidate
        pair of their records (a batch's, a block's, an incremental run's), among which a
        pair's rivals are read (``matching.competition``); a lookup reads none."""
        thresholds = self.thresholds
        return score_pairs(
            self.settings.comparisons, self._model(), prepared, prepared, pairs,
            thresholds.review_cap, levels, without_evidence=thresholds.without_evidence,
            rivals=True,
        )  # fmt: skip

    def score_alone(self, prepared: Prepared, pairs: np.ndarray) -> ScoredPairs:
        """``pairs`` of ``prepared`` each scored on its own records, as a lookup scores one:
        who else competes for them is not weighed (``matching.competition``)."""
        thresholds = self.thresholds
        return score_pairs(
            self.settings.comparisons, self._model(), prepared, prepared, pairs,
            thresholds.review_cap, without_evidence=thresholds.without_evidence,
        )  # fmt: skip

    def score_against(
        self,
        record: Mapping[str, object],
        candidates: Sequence[Mapping[str, object]],
        *,
        above: float | None = None,
    ) -> list[tuple[str, float, Explanation]]:
        """Score one record against candidates: (candidate id, probability, why), best first.

        ``above`` keeps only candidates scoring more than it, and explains only those."""
        return self.score_prepared_against(self.prepare([record]), candidates, above=above)

    def score_prepared_against(
        self,
        left: Prepared,
        candidates: Sequence[Mapping[str, object]],
        *,
        above: float | None = None,
    ) -> list[tuple[str, float, Explanation]]:
        """``score_against`` of a record already prepared (``left``: a batch of one), so a
        caller that prepared it to find its ``indexed_keys`` does not prepare it again. The
        record and its candidates are scored as one batch: what the levels derive per record
        (hashes, unknowns, strings) is derived once for all, not once per side."""
        if not candidates:
            return []
        batch = concatenate([left, self.prepare(candidates)])
        pairs = np.stack(
            [np.zeros(len(candidates), dtype=np.int64), np.arange(1, len(candidates) + 1)], axis=1
        )
        scored = self.score_alone(batch, pairs)
        if above is None:
            kept = np.arange(len(pairs))
        else:
            kept = np.flatnonzero(scored.probability > above)
        ranked = [(why.right_id, why.probability, why) for why in scored.explain_all(kept)]
        return sorted(ranked, key=lambda item: (-item[1], id_key(item[0])))

    def links(self, scored: ScoredPairs) -> list[Link]:
        """The scored pairs above the lower threshold, decided and explained."""
        return [link for chunk in self.link_chunks(scored) for link in chunk]

    def link_chunks(self, scored: ScoredPairs, size: int = 50_000) -> Iterator[list[Link]]:
        """``links`` a chunk at a time: a bulk run stores each chunk before it explains the
        next, instead of holding an explanation for every link at once."""
        thresholds = self.thresholds
        kept = np.flatnonzero(scored.probability > thresholds.lower)
        for start in range(0, len(kept), size):
            rows = kept[start : start + size]
            decisions = thresholds.decide_all(
                scored.probability[rows], scored.decidable[rows]
            ).tolist()
            yield [
                Link(why.left_id, why.right_id, why.probability, decision, why)
                for why, decision in zip(scored.explain_all(rows), decisions, strict=True)
            ]

    def scored_links(self, scored: ScoredPairs) -> list[tuple[str, str, float]]:
        """(left id, right id, probability) of the pairs above the lower threshold: what
        ``cluster`` needs of the links, without explaining them."""
        kept = np.flatnonzero(scored.probability > self.thresholds.lower)
        left = [str(i) for i in scored.left_ids[kept].tolist()]
        right = [str(i) for i in scored.right_ids[kept].tolist()]
        return list(zip(left, right, scored.probability[kept].tolist(), strict=True))

    def quiet_pairs(self, scored: ScoredPairs) -> list[tuple[str, str]]:
        """(left id, right id) of the ``scored_links`` that hold no evidence against: every
        comparison weighs 0 or more (or against at a level that leaves the link quiet), and
        none a steward decides by differs in part (``matching.clustering``)."""
        kept = np.flatnonzero(
            (scored.probability > self.thresholds.lower) & (_against(scored) == 0)
        )
        left = [str(i) for i in scored.left_ids[kept].tolist()]
        right = [str(i) for i in scored.right_ids[kept].tolist()]
        return list(zip(left, right, strict=True))

    def apart_pairs(self, scored: ScoredPairs) -> list[Apart]:
        """(left id, right id, probability) of the pairs held apart: scored at most 1 less
        the upper threshold (as sure a non-match as an auto-link is a match: a second site's
        record whose legal form was mistyped scores less than the lower threshold, not that
        little), their records differing on ``_APART`` values or more: the pairs clustering
        weighs against a third record linked to both (``matching.clustering``, which weighs
        those both of whose records have a link at or above the upper threshold). Kept by
        every run that scores pairs, beside the links, for the runs that cluster them later."""
        kept = np.flatnonzero(
            (scored.probability <= 1.0 - self.thresholds.upper) & (_against(scored) >= _APART)
        )
        left = [str(i) for i in scored.left_ids[kept].tolist()]
        right = [str(i) for i in scored.right_ids[kept].tolist()]
        return list(zip(left, right, scored.probability[kept].tolist(), strict=True))

    def distinct_pairs(self, scored: ScoredPairs) -> list[tuple[str, str]]:
        """(left id, right id) of the ``scored_links`` decided distinct: holding nothing a
        steward could link on (``matching.clustering``)."""
        kept = np.flatnonzero(scored.probability > self.thresholds.lower)
        decisions = self.thresholds.decide_all(scored.probability[kept], scored.decidable[kept])
        kept = kept[decisions == "distinct"]
        left = [str(i) for i in scored.left_ids[kept].tolist()]
        right = [str(i) for i in scored.right_ids[kept].tolist()]
        return list(zip(left, right, strict=True))

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
        must_link, cannot_link = list(must_link), list(cannot_link)
        copies = copy_pairs(prepared, named_by(must_link, cannot_link))
        units, scored = scored_units(self, prepared, copies, link_only=link_only)
        links, apart = self.links(scored), self.apart_pairs(scored)
        constraints = (must_link, cannot_link)
        heads = units.representatives if len(copies) else np.arange(len(prepared))
        between = links
        if len(copies):
            head_ids = {str(item) for item in prepared.ids[heads].tolist()}
            between = [link for link in links if link.right_id in head_ids]
        more, held = self._completed(prepared, between, apart)
        found = [*between, *more]
        clusters = self._clustered(
            prepared, prepared.ids[heads], found, [*apart, *held], constraints
        )
        if len(copies):
            clusters = units.expanded(prepared.ids, clusters)
        links, apart = [*links, *more], [*apart, *held]
        return resolution_of(len(prepared), len(scored), links, clusters, started, apart)

    def _completed(
        self, prepared: Prepared, links: list[Link], apart: list[Apart]
    ) -> tuple[list[Link], list[Apart]]:
        """The links and the pairs held apart of the pairs completion scores among ``links``
        and ``apart`` (``matching.completion``)."""
        triples = [(link.left_id, link.right_id, link.probability) for link in links]
        scored = completed(self, prepared, triples, apart)
        return self.links(scored), self.apart_pairs(scored)

    def _clustered(
        self,
        prepared: Prepared,
        ids: np.ndarray,
        links: list[Link],
        apart: list[Apart],
        constraints: tuple[list[IdPair], list[IdPair]],
    ) -> list[list[str]]:
        """``cluster`` of ``ids`` (of ``prepared``'s records) on ``links``, ``apart``: the
        pairs scored below them held apart (``apart_pairs``)."""
        scored = ((link.left_id, link.right_id, link.probability) for link in links)
        quiet, sources = quiet_links(links), self.sources_held_once(prepared)
        return self.cluster(
            [str(item) for item in ids], scored, *constraints, quiet,
            sources=sources, distinct=distinct_links(links), apart=apart,
        )  # fmt: skip

    def cluster(
        self,
        ids: Sequence[str],
        links: Iterable[tuple[str, str, float]],
        must_link: Iterable[IdPair] = (),
        cannot_link: Iterable[IdPair] = (),
        quiet: Iterable[IdPair] = (),
        *,
        sources: Mapping[str, str] | None = None,
        distinct: Iterable[IdPair] = (),
        apart: Iterable[Apart] = (),
    ) -> list[list[str]]:
        """Clusters of ``ids`` from scored links (left, right, probability) at the auto-link
        threshold: what a bulk resolution makes of its links, wherever they were scored.
        ``quiet``: pairs whose link holds no evidence against; ``sources``: each record's
        source where a source holds an entity once (``sources_held_once``); ``distinct``:
        pairs whose link is decided distinct (``distinct_pairs``); ``apart``: pairs scored
        below the links held apart (``apart_pairs``; ``matching.clustering``)."""
        threshold = self.thresholds.upper
        return cluster(
            ids,
            links,
            threshold=threshold,
            must_link=must_link,
            cannot_link=cannot_link,
            quiet=quiet,
            sources=sources,
            distinct=distinct,
            apart=apart,
        )

    def joinable(self, links: Iterable[tuple[str, str, float]]) -> set[str]:
        """The records of ``links`` (left, right, probability) whose pairs held apart
        ``cluster`` weighs: those of a link at or above the auto-link threshold."""
        return joinable(links, self.thresholds.upper)

    def sources_held_once(self, prepared: Prepared) -> dict[str, str] | None:
        """``held_once`` of the prepared records' sources."""
        return self.held_once(zip(prepared.ids.tolist(), prepared.sources.tolist(), strict=True))

    def held_once(self, sources: Iterable[tuple[object, object]]) -> dict[str, str] | None:
        """Of (record id, source), each record's source (record id -> source) when the model
        found that a source holds an entity once: two records of one source are less often
        one entity than two records of two sources (``matching.source_pairs``, a negative
        weight), so clustering joins two of one source only on their own link. None
        otherwise (a batch of one source, or sources that hold their entities many times)."""
        model = self.model
        if model is None or model.source_pairs is None or model.source_pairs.weights()[0] >= 0:
            return None
        return {str(item): str(source) for item, source in sources if source not in (None, "")}


def _against(scored: ScoredPairs) -> np.ndarray:
    """Per pair: how many comparisons hold evidence against, weighing against at a level that
    does not leave the pair quiet, or, one a steward decides by, differing in part."""
    against = np.zeros(len(scored), dtype=np.int64)
    for column, comparison in enumerate(scored.comparisons):
        levels = scored.levels[:, column]
        weighs = (scored.weights[:, column] < 0.0) & ~comparison.quiet_mask()[levels]
        against += weighs | comparison.differing_mask()[levels]
    return against
