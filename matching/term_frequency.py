"""Term frequencies: how common each value of a feature is, for exact-match weights.

For an exact match on value ``v`` the chance that two different entities agree is about the
frequency of ``v``, so the weight of that agreement is ``log2(m_exact / freq(v))`` instead of the
average ``log2(m_exact / u_exact)``: agreeing on "smith" says less than agreeing on "zilm".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from matching.pair_view import is_null
from matching.sorted_sets import distinct

MAX_STORED_VALUES = 20_000
OTHERS_FLOOR = 0.5
"""Records of other entities left for a value no other entity holds: half an observation."""


@dataclass(frozen=True)
class TermFrequencies:
    """Value counts of one feature; values seen once are not stored (they count as 1).
    ``per_source``: each count is the most records holding the value in any one source
    (``matching.joint_frequency``). ``repeats``: per stored value, how many times more often
    the batch repeats its records (copies counted) than it repeats a record on average, where
    not 1 (``matching.joint_frequency``)."""

    feature: str
    total: int
    counts: Mapping[str, int] = field(default_factory=dict)
    per_source: bool = False
    repeats: Mapping[str, float] = field(default_factory=dict)

    @cached_property
    def typical_share(self) -> float:
        """How common the value of a record drawn at random is: the mean of the values' shares,
        each value counted as often as records hold it (values held once count 1). Kept once
        made: a lookup reads it for every pair at an exchange level."""
        total = max(self.total, 1)
        counts = np.asarray(list(self.counts.values()), dtype=float)
        once = max(total - float(counts.sum()), 0.0)
        return float(((counts**2).sum() + once) / total**2)

    def frequency(self, value: object) -> float:
        if self.total <= 0:
            return 1.0
        return self.counts.get(str(value), 1) / self.total

    def frequencies(self, values: np.ndarray, copies: float = 0.0) -> np.ndarray:
        """Frequency of each value (NaN where the value is unknown).

        ``copies``: how many records of the same entity share a record's value, on average.
        With it, the frequency is that among the *other* entities' records: the record itself
        and its expected copies are taken out of the count (at least half a record is left),
        so a value held only by one entity's records is as rare as it gets, not twice as
        common as a value held once."""
        out = self._others(values, copies)
        if copies:
            out = np.fmax(out, OTHERS_FLOOR / max(self.total, 1))
        return out

    def shown_frequencies(self, values: np.ndarray, copies: float) -> np.ndarray:
        """``frequencies`` where other entities' records are shown to hold the value (at
        least one record left once the record and its expected copies are taken out), else
        0: the count says nothing of how rare a value held by one entity is."""
        out = self._others(values, copies)
        return np.where(out * max(self.total, 1) >= 1.0, out, 0.0)

    def _others(self, values: np.ndarray, copies: float) -> np.ndarray:
        out = np.full(len(values), np.nan)
        known = np.flatnonzero(~is_null(values))
        counts = self.counts
        out[known] = [counts.get(str(value), 1) for value in values[known].tolist()]
        if copies:
            out[known] = out[known] - 1.0 - copies
        return out / max(self.total, 1)

    def word_frequencies(self, words: np.ndarray, copies: float = 0.0) -> np.ndarray:
        """For each value given as its words (a tuple, or None): the product of its distinct
        words' frequencies (``frequencies``, the table counting records that hold a word):
        how often another entity's record would hold all of them if words were drawn
        independently. Words no other entity holds count once between them, as one word
        held by half a record: that a word was never seen elsewhere is known; how rare it is
        is not, so two such words are no rarer than one (in a small batch every word is
        one). NaN where the words are unknown."""
        rows: list[int] = []
        flat: list[str] = []
        for index, value in enumerate(words):
            if isinstance(value, tuple):
                each = sorted({str(word) for word in value})  # one order in every process
                rows.extend([index] * len(each))
                flat.extend(each)
        out = np.full(len(words), np.nan)
        if flat:
            shares = self.frequencies(np.asarray(flat, dtype=object), copies)
            unseen = shares * max(self.total, 1) <= OTHERS_FLOOR * (1 + 1e-9)
            seen = np.bincount(rows, weights=np.where(unseen, 0.0, np.log(shares)))
            any_unseen = np.bincount(rows, weights=unseen.astype(float)) > 0
            logs = seen + np.where(any_unseen, np.log(OTHERS_FLOOR / max(self.total, 1)), 0.0)
            held = distinct(np.asarray(rows, dtype=np.int64))
            out[held] = np.exp(logs[held])
        return out

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "feature": self.feature,
            "total": self.total,
            "counts": dict(self.counts),
        }
        if self.per_source:
            out["per_source"] = True
        if self.repeats:
            out["repeats"] = dict(self.repeats)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TermFrequencies:
        counts = data.get("counts") or {}
        assert isinstance(counts, Mapping)
        total = data["total"]
        assert isinstance(total, int)
        counted = {str(k): int(v) for k, v in counts.items()}
        repeats = data.get("repeats") or {}
        assert isinstance(repeats, Mapping)
        return cls(
            str(data["feature"]), total, counted, per_source=bool(data.get("per_source")),
            repeats={str(k): float(v) for k, v in repeats.items()},
        )  # fmt: skip


def words_key(comparison: str) -> str:
    """The key of a comparison's word table among a model's term frequencies."""
    return f"{comparison}.words"


def count_terms(feature: str, values: np.ndarray) -> TermFrequencies:
    """Term frequencies of a prepared feature column (the commonest values kept)."""
    known = [str(value) for value in values[~is_null(values)]]
    return _table(feature, len(known), Counter(known))


def count_words(feature: str, values: np.ndarray) -> TermFrequencies:
    """Word frequencies of a prepared feature column of words (tuples): how many records
    hold each word (once per record), out of the records holding any."""
    held = [set(value) for value in values if isinstance(value, tuple) and value]
    return _table(feature, len(held), Counter(str(word) for words in held for word in words))


def _table(feature: str, total: int, counter: Counter[str]) -> TermFrequencies:
    common = {value: count for value, count in counter.most_common(MAX_STORED_VALUES) if count > 1}
    return TermFrequencies(feature, total, common)
