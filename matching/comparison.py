"""Comparisons: a named feature and an ordered list of levels, evaluated over pairs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from matching.levels import Level
from matching.pair_view import PairView
from matching.pairwise import holds, tested_pairwise
from matching.pairwise_values import Pair

# Narrowing a view copies every array it has gathered or scored; below this many pairs (a
# lookup's twenty candidates, an incremental run's neighbourhood) that costs more than the
# tests it spares.
NARROW_FROM = 256
# Up to this many pairs (a lookup's candidates: twenty at most by default), a comparison whose
# levels all have a test of one pair (``matching.pairwise``) is evaluated pair by pair: the numpy
# calls of its vectorised tests cost more than the pairs they test. Set from one timing by hand
# (customer and resource levels of candidate pairs: pair by pair took a tenth of the time at 2
# pairs, three quarters at 32, more at 64); make bench does not measure it.
PAIRWISE_UP_TO = 32


def _read_only(values: list[bool]) -> np.ndarray:
    array = np.array(values, dtype=bool)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Comparison:
    """How one aspect of two records is compared.

    ``levels`` start with a ``Null`` level and end with an ``Else`` level. ``review_levels``
    names levels whose evidence is a veto against automatic linking: a pair at such a level is
    capped into the review band whatever its total weight (e.g. conflicting rate amounts).
    ``fixed_m`` gives m of every level after ``Null`` (summing to 1, give or take 0.001) when it is known rather
    than learnt: training keeps it as given (like Splink's fixed m probabilities); u is still
    estimated from random pairs.
    ``conflict_levels`` name levels that are evidence against, though not the last: another
    value of the same identifier scheme (another mailbox at the same domain); ``neutral_levels``
    name levels that carry no evidence by their meaning (values of two different schemes):
    their weight is 0 whatever the data (``matching.m_constraints``).
    ``evidence_levels`` name the levels that give a steward something to link on (an
    identifier, a contact detail, a date or a place the two records share). When any
    comparison of an entity names some, a pair in the review band at none of them (names only,
    or names with values of two schemes, a country, a job title, or identifiers that differ)
    is left apart rather than queued: a person reading the two records could not link it
    either (``matching.thresholds``).
    ``shared_evidence_levels`` name evidence levels of a value many entities share (the same
    city): a steward's ground to link only where no comparison of the pair is at a conflict
    level (``conflict_levels``, another value of one scheme); the model weighs them as ever
    (``matching.scoring.beside_conflict``).
    ``differing_levels`` name agreement levels at which the two values differ in part (a date
    one slip off, another city of one country): weighing for the pair, but a difference the
    records hold, not a value one of them lacks; a link holding one is no quiet link
    (``matching.clustering``).
    ``quiet_levels`` name levels that weigh against a pair but leave its link quiet: a
    difference one entity's records hold as a matter of course (two firms' job titles for
    one rank), weighed for the pair, but no sign that a link its records lack evidence for
    joins two entities (``matching.clustering``).
    ``rarely_differs``: true pairs holding two values almost never differ at Else (a middle
    initial is given once and written alike), so Else's m is held at the disagreement floor
    (``matching.m_constraints``) where EM finds more: its matches, trained in blocks of one
    name, hold the namesakes those blocks pair, who differ there as any two people do.
    ``tf_jointly_with`` names another comparison of the entity: where this one agrees at its
    term-frequency level and the other at a level of one value (as written, or a nickname's
    canonical name), the two weigh together by how often other entities hold both (a first
    and a last name: ``matching.joint_frequency``, ``matching.joint_weights``).
    """

    name: str
    feature: str
    levels: tuple[Level, ...]
    review_levels: frozenset[str] = frozenset()
    fixed_m: tuple[float, ...] = ()
    conflict_levels: frozenset[str] = frozenset()
    neutral_levels: frozenset[str] = frozenset()
    evidence_levels: frozenset[str] = frozenset()
    shared_evidence_levels: frozenset[str] = frozenset()
    differing_levels: frozenset[str] = frozenset()
    quiet_levels: frozenset[str] = frozenset()
    tf_jointly_with: str = ""
    rarely_differs: bool = False

    def __post_init__(self) -> None:
        if len(self.levels) < 2 or not self.levels[0].is_null_level:
            raise ValueError(f"comparison {self.name!r}: the first level must be Null")
        if not self.levels[-1].is_else_level:
            raise ValueError(f"comparison {self.name!r}: the last level must be Else")
        labels = [level.label for level in self.levels]
        if len(set(labels)) != len(labels):
            raise ValueError(f"comparison {self.name!r}: level labels must be unique")
        for kind, named in self._named_levels().items():
            unknown = named - set(labels[1:])
            if unknown:
                raise ValueError(
                    f"comparison {self.name!r}: unknown {kind} levels {sorted(unknown)}"
                )
        if not self.shared_evidence_levels <= self.evidence_levels:
            raise ValueError(
                f"comparison {self.name!r}: shared evidence levels must be evidence levels"
            )
        if self.fixed_m and (
            len(self.fixed_m) != len(self.levels) - 1
            or min(self.fixed_m) <= 0.0
            or abs(sum(self.fixed_m) - 1.0) > 1e-3
        ):
            raise ValueError(
                f"comparison {self.name!r}: fixed_m needs one positive m per level after Null, "
                "summing to 1"
            )

    # What the comparison's levels give, worked out once per comparison (the fields are
    # frozen; cached_property writes the instance's __dict__, outside the fields): scoring
    # reads them for every batch, and "does this exist?" scores a batch on every call.

    @cached_property
    def labels(self) -> tuple[str, ...]:
        return tuple(level.label for level in self.levels)

    @cached_property
    def _agreement_levels(self) -> tuple[int, ...]:
        special = self.conflict_levels | self.neutral_levels
        return tuple(
            i for i in range(1, len(self.levels) - 1) if self.levels[i].label not in special
        )

    def agreement_levels(self) -> list[int]:
        """Indices of the agreement levels (between Null and Else, neither conflict nor
        neutral), strongest first."""
        return list(self._agreement_levels)

    @property
    def weighs_nothing(self) -> bool:
        """Every level after Null is neutral: the comparison only vetoes (``review_levels``);
        training has nothing to learn from it."""
        return all(level.label in self.neutral_levels for level in self.levels[1:])

    @cached_property
    def _tf_level(self) -> int | None:
        for index, level in enumerate(self.levels):
            if level.uses_term_frequency():
                return index
        return None

    def tf_level(self) -> int | None:
        """Index of the level that takes a term-frequency weight, if any."""
        return self._tf_level

    def fixed_m_table(self) -> np.ndarray | None:
        """m per level (Null first, as 1) when fixed, else None."""
        if not self.fixed_m:
            return None
        m = np.array(self.fixed_m, dtype=float)
        return np.r_[1.0, m / m.sum()]

    def _named_levels(self) -> dict[str, frozenset[str]]:
        """The levels each field names, by kind (``review``: ``review_levels``, ...)."""
        return {
            "review": self.review_levels,
            "conflict": self.conflict_levels,
            "neutral": self.neutral_levels,
            "evidence": self.evidence_levels,
            "shared_evidence": self.shared_evidence_levels,
            "differing": self.differing_levels,
            "quiet": self.quiet_levels,
        }

    @cached_property
    def _masks(self) -> dict[str, np.ndarray]:
        """Per kind of named levels (``_named_levels``): a boolean per level, read-only."""
        return {
            kind: _read_only([level.label in named for level in self.levels])
            for kind, named in self._named_levels().items()
        }

    def review_mask(self) -> np.ndarray:
        """Boolean per level (read-only): True where the level forces review."""
        return self._masks["review"]

    def shared_evidence_mask(self) -> np.ndarray:
        """Boolean per level (read-only): True where the level is evidence only where nothing
        conflicts (``shared_evidence_levels``)."""
        return self._masks["shared_evidence"]

    def conflict_mask(self) -> np.ndarray:
        """Boolean per level (read-only): True at the conflict levels."""
        return self._masks["conflict"]

    def differing_mask(self) -> np.ndarray:
        """Boolean per level (read-only): True where the two values differ in part
        (``differing_levels``)."""
        return self._masks["differing"]

    def quiet_mask(self) -> np.ndarray:
        """Boolean per level (read-only): True where a weight against leaves the link quiet
        (``quiet_levels``)."""
        return self._masks["quiet"]

    def evidence_mask(self) -> np.ndarray:
        """Boolean per level (read-only): True where the level is evidence a steward could
        link on."""
        return self._masks["evidence"]

    @cached_property
    def pairwise(self) -> bool:
        """Whether every level has a test of one pair (``level_of``)."""
        return all(tested_pairwise(level) for level in self.levels[:-1])

    def level_of(self, pair: Pair) -> int:
        """The level index of one pair: what ``evaluate`` gives it, tested without numpy
        (only where ``pairwise``)."""
        feature = self.feature
        for index, level in enumerate(self.levels[:-1]):
            if holds(level, pair, feature):
                return index
        return len(self.levels) - 1

    def evaluate(self, view: PairView) -> np.ndarray:
        """The level index (int8) of every pair in ``view``: the first level whose test holds.

        Levels are tested on the whole view (shared scores are computed once); a view of at
        least ``NARROW_FROM`` pairs is narrowed to the undecided pairs once at least half of
        it is decided. Every level's test is of each pair alone, so narrowing changes only
        what the later tests cost, never a level.
        """
        result = np.full(len(view), len(self.levels) - 1, dtype=np.int8)
        rows: np.ndarray | None = None  # the view's pairs ``current`` holds (None: all)
        current = view
        undecided = np.ones(len(view), dtype=bool)
        waiting = len(view)
        for index, level in enumerate(self.levels[:-1]):
            if not waiting:
                break
            hit = np.asarray(level.mask(current, self.feature), dtype=bool) & undecided
            if rows is None:
                result[hit] = index
            else:
                result[rows[hit]] = index
            undecided ^= hit  # hit is within undecided
            waiting = int(np.count_nonzero(undecided))
            if waiting * 2 < len(undecided) and len(undecided) >= NARROW_FROM:
                rows = np.flatnonzero(undecided) if rows is None else rows[undecided]
                current = current.take(undecided)
                undecided = np.ones(waiting, dtype=bool)
        return result


def level_matrix(
    comparisons: Sequence[Comparison], view: PairView, *, weighed_only: bool = False
) -> np.ndarray:
    """Levels of every pair (rows) for every comparison (columns), as int8. ``weighed_only``
    (training: u from random pairs, EM sessions): a comparison that weighs nothing is not
    evaluated and its column holds Null."""
    matrix = np.zeros((len(view), len(comparisons)), dtype=np.int8)
    pairs = pairs_of(view) if len(view) <= PAIRWISE_UP_TO else None
    for column, comparison in enumerate(comparisons):
        if weighed_only and comparison.weighs_nothing:
            continue
        if pairs is not None and comparison.pairwise:
            matrix[:, column] = [comparison.level_of(pair) for pair in pairs]
        else:
            matrix[:, column] = comparison.evaluate(view)
    return matrix


def pairs_of(view: PairView) -> list[Pair]:
    """The view's pairs one by one, as ``Comparison.level_of`` reads them."""
    left, right = view.batches()
    return [
        Pair(left.columns, i, right.columns, j, (left, right))
        for i, j in zip(view.left_idx.tolist(), view.right_idx.tolist(), strict=True)
    ]


def weighed_levels(comparisons: Sequence[Comparison], levels: np.ndarray) -> np.ndarray:
    """``levels`` (``level_matrix``) as training sees them: Null for a comparison that weighs
    nothing (a veto), which must not sway EM."""
    weightless = [c for c, comparison in enumerate(comparisons) if comparison.weighs_nothing]
    if not weightless:
        return levels
    seen = levels.copy()
    seen[:, weightless] = 0
    return seen
