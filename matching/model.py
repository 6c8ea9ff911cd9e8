"""Fellegi-Sunter parameters: the prior, m and u per comparison level, term frequencies."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from matching.em import PRIOR_FLOOR
from matching.term_frequency import TermFrequencies

FORMAT_VERSION = 1

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

    def weights(self) -> np.ndarray:
        return np.array([level.weight for level in self.levels])

    def m(self) -> np.ndarray:
        return np.array([level.m for level in self.levels])

    def u(self) -> np.ndarray:
        return np.array([level.u for level in self.levels])


def comparison_parameters(
    name: str, labels: Sequence[str], m: np.ndarray, u: np.ndarray
) -> ComparisonParameters:
    levels = [LevelParameters(label, float(m[i]), float(u[i])) for i, label in enumerate(labels)]
    levels[0] = LevelParameters(labels[0], 1.0, 1.0)
    return ComparisonParameters(name, tuple(levels))


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
        return replace(self, prior=min(max(prior, PRIOR_FLOOR), 0.5))

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

    def refine(
        self, levels: np.ndarray, is_match: np.ndarray, strength: float = 200.0
    ) -> ModelParameters:
        """Blend in labelled pairs (steward must-link / cannot-link decisions).

        Labelled matches update m, labelled non-matches update u; the current values count as
        ``strength`` pseudo-observations, so a few labels nudge and many labels dominate.
        """
        is_match = np.asarray(is_match, dtype=bool)
        updated = []
        for column, params in enumerate(self.comparisons):
            size = len(params.levels)
            m = _blend(params.m(), levels[is_match, column], size, strength)
            u = _blend(params.u(), levels[~is_match, column], size, strength)
            updated.append(
                comparison_parameters(params.name, [lv.label for lv in params.levels], m, u)
            )
        return replace(self, comparisons=tuple(updated))

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
                }
                for c in self.comparisons
            ],
            "term_frequencies": {name: tf.to_dict() for name, tf in self.term_frequencies.items()},
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
            )
            for c in _list(data["comparisons"])
        )
        tfs = data.get("term_frequencies") or {}
        assert isinstance(tfs, Mapping)
        return cls(
            prior=float(str(data["prior"])),
            comparisons=comparisons,
            term_frequencies={str(k): TermFrequencies.from_dict(v) for k, v in tfs.items()},
            trained_pairs=int(str(data.get("trained_pairs", 0))),
            em_iterations=int(str(data.get("em_iterations", 0))),
        )


def _list(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ValueError("model 'comparisons' must be a list")
    return value


def _blend(current: np.ndarray, observed: np.ndarray, size: int, strength: float) -> np.ndarray:
    counts = np.bincount(observed.astype(np.int64), minlength=size).astype(float)
    counts[0] = 0.0
    total = counts.sum()
    blended = current.copy()
    if total > 0:
        blended[1:] = (current[1:] * strength + counts[1:]) / (strength + total)
        blended[1:] = np.clip(blended[1:], 1e-6, 1.0)
        blended[1:] /= blended[1:].sum()
    blended[0] = 1.0
    return blended
