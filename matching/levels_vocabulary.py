"""Two values of one vocabulary: each record's system also writes the other's value.

A department, a job title or a grade is picked from a list each system keeps. Two records of
one system naming two departments name two departments; so do two systems keeping the same
list (an HR system and the PSA fed from it). Two systems keeping lists of their own (one
firm's ``Technology Consulting`` is another's ``Digital``) write one department in two ways,
and two values that differ say nothing about whether the records are one person.

The lists are read from the records the comparison sees: a system's vocabulary is the values
its records hold. Two values are of one vocabulary when the left record's system holds the
right record's value and the right record's system holds the left's (two records of one
system always are). Where few records are seen (one record scored against a few candidates),
the vocabularies are thin and differing values fall to the level after this one, as they
would without it.

A cost rate is no value of a list but is set in a scheme a firm keeps (``OneScheme``): two
systems keep one scheme when most of the rates of one are written in the other too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from matching.feature import Prepared
from matching.levels import Level
from matching.pair_view import PairView

Codes = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class OneVocabulary(Level):
    """Known values each record's system also holds (``vocabularies``): meant after the
    agreement levels, as the values that differ within one vocabulary, before an ``Else`` for
    the values of two vocabularies."""

    label: str = "one_vocabulary"

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        left, right = view.batches()
        holds, (left_sources, left_values), (right_sources, right_values) = vocabularies(
            left, right, name
        )
        ls, lv = left_sources[view.left_idx], left_values[view.left_idx]
        rs, rv = right_sources[view.right_idx], right_values[view.right_idx]
        known = (lv >= 0) & (rv >= 0)
        out = np.zeros(len(view), dtype=bool)
        rows = np.flatnonzero(known)
        out[rows] = holds[ls[rows], rv[rows]] & holds[rs[rows], lv[rows]]
        return out


def vocabularies(left: Prepared, right: Prepared, feature: str) -> tuple[np.ndarray, Codes, Codes]:
    """Which system holds which value of ``feature`` among the records of both batches (one
    when ``left`` is ``right``): a boolean table (system code x value code) and, per batch,
    each record's system code and value code (-1 where the value is unknown)."""
    batches = [left] if left is right else [left, right]
    values = np.concatenate([batch.column(feature) for batch in batches])
    sources = np.concatenate([batch.sources for batch in batches]).astype(str)
    value_codes, uniques = pd.factorize(values)
    source_codes, systems = pd.factorize(sources)
    holds = np.zeros((len(systems), len(uniques)), dtype=bool)
    known = value_codes >= 0
    holds[source_codes[known], value_codes[known]] = True
    split = len(left)
    left_codes = (source_codes[:split], value_codes[:split])
    right_codes = left_codes if left is right else (source_codes[split:], value_codes[split:])
    return holds, left_codes, right_codes


@dataclass(frozen=True)
class OneScheme(Level):
    """Known values of two records whose systems keep one scheme of values: meant after the
    agreement levels, as the values that differ within one scheme, before an ``Else`` for the
    values of two schemes.

    A cost rate is set in a scheme a firm keeps: an HR system and the PSA fed from it write a
    person's rate alike, two firms' systems (an acquired firm's HR system against ours) each
    in their own scheme, often their own currency. Two systems keep one scheme when at least
    ``share`` of the values of the one holding fewer are held by the other too (values each
    system's records hold, read from the records the comparison sees, as ``OneVocabulary``
    reads them); two records of one system always do. Two firms' schemes in one currency
    share some round rates by chance, far fewer than a system shares with the one it is fed
    from. Where either system holds fewer than ``least`` values (one record scored against a
    few candidates) there is too little to tell, and the two are read as one scheme: a rate
    that differs weighs as training finds it, as it did before schemes were told apart."""

    label: str = "one_scheme"
    share: float = 0.5
    least: int = 10

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        left, right = view.batches()
        holds, (left_sources, left_values), (right_sources, right_values) = vocabularies(
            left, right, self.on(feature)
        )
        one = self.one_scheme(holds)
        ls, rs = left_sources[view.left_idx], right_sources[view.right_idx]
        known = (left_values[view.left_idx] >= 0) & (right_values[view.right_idx] >= 0)
        return known & one[ls, rs]

    def one_scheme(self, holds: np.ndarray) -> np.ndarray:
        """Which two systems (a system code x system code table) keep one scheme, from which
        system holds which value (``vocabularies``)."""
        counts = holds.astype(np.int64)
        shared = counts @ counts.T
        held = counts.sum(axis=1)
        fewer = np.minimum.outer(held, held)
        one = (fewer < self.least) | (shared >= self.share * fewer)
        np.fill_diagonal(one, True)
        return one
