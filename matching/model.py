"""Fellegi-Sunter parameters: the prior, m and u per comparison level, term frequencies."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from matching.competition import Competition
from matching.em import PRIOR_FLOOR
from matching.source_pairs import SourcePairs
from matching.term_frequency import TermFrequencies
from matching.thresholds import Thresholds

FORMAT_VERSION = 1

PooledLevels = tuple[tuple[int, ...], ...]
"""Runs of a comparison's agreement levels (indices, each run two or more, strongest first)
that the order of agreements reads as one ratio (``matching.m_constraints.monotone``): levels
it pooled, and a level sorting out pairs of the one after it with that level."""

if TYPE_CHECKING:
    from matching.comparison import Comparison


@dataclass(frozen=True)
class LevelParameters:
    label: str
    m: float
    u: float

    @property
    def weight(self) -> float:
        """Match weight ``log2(m / u)``."""
        return math.log2(self.m / self.u)


@dataclass(frozen=True)
class ComparisonParameters:
    """m and u of every level of one comparison; level 0 is Null (m = u = 1, weight 0)."""

    name: str
    levels: tuple[LevelParameters, ...]
    pooled: PooledLevels = ()
    """The levels the order read as one: each weighs, as the order reads it, what its run
    does, not what its own pairs say (``matching.pair_level_weights.weigh_level_pairs``).
    Empty in a model stored before they were kept, which reads every level as its own."""

    def pooled_with(self, level: int) -> tuple[int, ...]:
        """The other levels pooled with ``level`` (none where it was not pooled)."""
        run = next((run for run in self.pooled if level in run), ())
        return tuple(index for index in run if index != level)

    def weights(self) -> np.ndarray:
        """The weight of each level (read-only: made once, every pair scored reads it)."""
        return self._tables[0]

    def m(self) -> np.ndarray:
        return self._tables[1]

    def u(self) -> np.ndarray:
        return self._tables[2]

    @cached_property
    def _tables(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """weights, m and u per level, made on first use and kept (the parameters are frozen,
        and a stored model's are shared by every lookup scoring with it)."""
        tables = (
            np.array([level.weight for level in self.levels]),
            np.array([level.m for level in self.levels]),
            np.array([level.u for level in self.levels]),
        )
        for table in tables:
            table.flags.writeable = False
        return tables


def comparison_parameters(
    name: str, labels: Sequence[str], m: np.ndarray, u: np.ndarray, pooled: PooledLevels = ()
) -> ComparisonParameters:
    levels = [LevelParameters(label, float(m[i]), float(u[i])) for i, label in enumerate(labels)]
    levels[0] = LevelParameters(labels[0], 1.0, 1.0)
    return ComparisonParameters(name, tuple(levels), pooled)


@dataclass(frozen=True)
class ModelParameters:
    """A trained model. ``prior`` is the chance that two random records of the training batch
    match (matches among all its pairs, not only among candidate pairs): the prior that u,
    estimated from random pairs, calls for."""

    prior: float
    comparisons: tuple[ComparisonParameters, ...]
    term_frequencies: Mapping[str, TermFrequencies] = field(default_factory=dict)
    trained_pairs: int = 0
    em_iterations: int = 0
    thresholds: Thresholds | None = None
    """Thresholds learnt from stewards' decisions (``matching.learning``); None: the entity's
    configured ones."""
    batch_prior: float | None = None
    """The prior among the records the term frequencies were counted in: the batch's distinct
    records when it held copies (``matching.training.distinct_prior``), kept when ``prior``
    is scaled to another population (``for_population``); None: ``prior`` is that."""
    source_pairs: SourcePairs | None = None
    """Whether two records come from one source, as evidence (``matching.source_pairs``);
    None: not weighed (one source, a link across sources, or an entity that leaves it out)."""
    competition: Competition | None = None
    """Whether another candidate bears a pair's name, as evidence (``matching.competition``);
    None: not weighed (an entity that names no comparisons for it, or a batch that showed
    nothing to read)."""

    @property
    def counted_prior(self) -> float:
        """The prior among the records the term frequencies counted: how many copies of a
        record they hold does not change when the model scores a larger population."""
        return self.prior if self.batch_prior is None else self.batch_prior

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1.0 - self.prior))

    def for_population(self, trained_on: int, records: int) -> ModelParameters:
        """The model for scoring pairs drawn from ``records`` records when it was trained on
        ``trained_on``: each record has as many duplicates as before, among more (or fewer)
        others, so the chance that two random records match scales with the population."""
        if trained_on < 2 or records < 2 or trained_on == records:
            return self
        prior = self.prior * (trained_on - 1) / (records - 1)
        scaled = min(max(prior, PRIOR_FLOOR), 0.5)
        return replace(self, prior=scaled, batch_prior=self.counted_prior)

    def fits(self, comparisons: Sequence[Comparison]) -> bool:
        """True when the model was trained for exactly these comparisons and levels; a model
        stored before the settings changed must be retrained, not misread."""
        trained = {c.name: tuple(level.label for level in c.levels) for c in self.comparisons}
        return trained == {c.name: tuple(c.labels) for c in comparisons}

    def comparison(self, name: str) -> ComparisonParameters:
        for comparison in self.comparisons:
            if comparison.name == name:
                return comparison
        raise KeyError(f"model has no comparison {name!r}")

    def to_dict(self) -> dict[str, object]:
        return {
            "format": FORMAT_VERSION,
            "prior": self.prior,
            "trained_pairs": self.trained_pairs,
            "em_iterations": self.em_iterations,
            "comparisons": [
                {
                    "name": c.name,
                    "levels": [{"label": lv.label, "m": lv.m, "u": lv.u} for lv in c.levels],
                    **({"pooled": [list(run) for run in c.pooled]} if c.pooled else {}),
                }
                for c in self.comparisons
            ],
            "term_frequencies": {name: tf.to_dict() for name, tf in self.term_frequencies.items()},
            **({} if self.batch_prior is None else {"batch_prior": self.batch_prior}),
            **({} if self.source_pairs is None else {"source_pairs": self.source_pairs.to_dict()}),
            **({} if self.thresholds is None else {"thresholds": self.thresholds.to_dict()}),
            **({} if self.competition is None else {"competition": self.competition.to_dict()}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ModelParameters:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported model format {data.get('format')!r}")
        comparisons = tuple(
            ComparisonParameters(
                str(c["name"]),
                tuple(
                    LevelParameters(str(lv["label"]), float(lv["m"]), float(lv["u"]))
                    for lv in c["levels"]
                ),
                tuple(tuple(int(index) for index in run) for run in c.get("pooled", ())),
            )
            for c in _list(data["comparisons"])
        )
        tfs = data.get("term_frequencies") or {}
        assert isinstance(tfs, Mapping)
        thresholds = data.get("thresholds")
        batch_prior = data.get("batch_prior")
        source_pairs = data.get("source_pairs")
        competition = data.get("competition")
        return cls(
            prior=float(str(data["prior"])),
            comparisons=comparisons,
            term_frequencies={str(k): TermFrequencies.from_dict(v) for k, v in tfs.items()},
            trained_pairs=int(str(data.get("trained_pairs", 0))),
            em_iterations=int(str(data.get("em_iterations", 0))),
            thresholds=None
            if not isinstance(thresholds, Mapping)
            else Thresholds.from_dict(thresholds),
            batch_prior=None if batch_prior is None else float(str(batch_prior)),
            source_pairs=None
            if not isinstance(source_pairs, Mapping)
            else SourcePairs.from_dict(source_pairs),
            competition=None
            if not isinstance(competition, Mapping)
            else Competition.from_dict(competition),
        )


def _list(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ValueError("model 'comparisons' must be a list")
    return value
